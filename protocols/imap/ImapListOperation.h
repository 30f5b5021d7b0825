#pragma once

#include "imap/ImapMailboxData.h"
#include "imap/ImapOperation.h"

#include <QHash>

namespace Petrel::Imap {

// LIST of a reference and pattern, with special-use flags (RETURN (SPECIAL-USE) when offered) and,
// when statusItems are given, each mailbox's STATUS: in the same command with LIST-STATUS, else by
// one STATUS per selectable mailbox, pipelined (a mailbox whose STATUS is refused has none).
class ImapListOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapListOperation(ImapSession *session, const QString &reference = {},
                      const QString &pattern = QStringLiteral("*"), const QList<QByteArray> &statusItems = {},
                      QObject *parent = nullptr);

    const QList<ImapListEntry> &entries() const { return m_entries; }
    // By decoded mailbox name.
    const QHash<QString, ImapMailboxStatus> &statuses() const { return m_statuses; }

protected:
    void run() override;

private:
    void statusFallback();

    QString m_reference;
    QString m_pattern;
    QList<QByteArray> m_statusItems;
    QList<ImapListEntry> m_entries;
    QHash<QString, ImapMailboxStatus> m_statuses;
    int m_statusPending = 0;
};

} // namespace Petrel::Imap
