#pragma once

#include "imap/ImapMailboxData.h"
#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// STATUS of one mailbox (not the selected one: servers may answer stale data for it).
class ImapStatusOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapStatusOperation(ImapSession *session, const QString &mailbox, const QList<QByteArray> &items,
                        QObject *parent = nullptr);

    const ImapMailboxStatus &status() const { return m_status; }

protected:
    void run() override;

private:
    QString m_mailbox;
    QList<QByteArray> m_items;
    ImapMailboxStatus m_status;
};

} // namespace Petrel::Imap
