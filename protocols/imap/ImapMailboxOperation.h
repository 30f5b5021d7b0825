#pragma once

#include "imap/ImapOperation.h"

namespace Petrel::Imap {

// The mailbox management commands: CREATE, RENAME, DELETE, SUBSCRIBE, UNSUBSCRIBE. A refusal keeps
// the server's code (e.g. ALREADYEXISTS, NONEXISTENT) in the result.
class ImapMailboxOperation : public ImapOperation
{
    Q_OBJECT

public:
    enum class Kind { Create, Rename, Delete, Subscribe, Unsubscribe };

    ImapMailboxOperation(ImapSession *session, Kind kind, const QString &mailbox, const QString &newName = {},
                         QObject *parent = nullptr);

protected:
    void run() override;

private:
    Kind m_kind;
    QString m_mailbox;
    QString m_newName;
};

} // namespace Petrel::Imap
