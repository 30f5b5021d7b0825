#pragma once

#include "imap/ImapMailboxData.h"
#include "imap/ImapOperation.h"

#include <QHash>
#include <QSet>

namespace Petrel::Imap {

// LIST of a reference and pattern, with special-use flags (RETURN (SPECIAL-USE) when offered) and,
// when statusItems are given, each mailbox's STATUS: in the same command with LIST-STATUS, else by
// one STATUS per selectable mailbox, pipelined (a mailbox whose STATUS is refused has none).
// With setWantSubscriptions(true) it also learns which mailboxes are subscribed: RETURN
// (SUBSCRIBED) when LIST-EXTENDED is offered, else one LSUB of the same reference and pattern.
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

    // Before start().
    void setWantSubscriptions(bool want) { m_wantSubscriptions = want; }
    // Decoded names of the subscribed mailboxes (some may not exist); empty unless wanted.
    const QSet<QString> &subscribed() const { return m_subscribed; }
    // False when not wanted or the server refused LSUB: subscribed() says nothing then.
    bool subscriptionsKnown() const { return m_subscriptionsKnown; }

protected:
    void run() override;

private:
    void statusFallback();
    void listed();
    void lsub();

    QString m_reference;
    QString m_pattern;
    QList<QByteArray> m_statusItems;
    QList<ImapListEntry> m_entries;
    QHash<QString, ImapMailboxStatus> m_statuses;
    int m_statusPending = 0;
    bool m_wantSubscriptions = false;
    bool m_extendedSubscriptions = false; // RETURN (SUBSCRIBED) was sent
    QSet<QString> m_subscribed;
    bool m_subscriptionsKnown = false;
};

} // namespace Petrel::Imap
