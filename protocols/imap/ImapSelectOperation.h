#pragma once

#include "imap/ImapCommandBuilder.h"
#include "imap/ImapOperation.h"
#include "imap/ImapSelectInfo.h"

namespace Petrel::Imap {

// SELECT (or EXAMINE when options.readOnly) with CONDSTORE or QRESYNC parameters. CONDSTORE
// needs the capability; QRESYNC needs it enabled (the session ENABLEs it at login when offered).
// A refused SELECT leaves no mailbox selected (RFC 3501 6.3.1).
class ImapSelectOperation : public ImapOperation
{
    Q_OBJECT

public:
    ImapSelectOperation(ImapSession *session, const QString &mailbox, const ImapSelectOptions &options = {},
                        QObject *parent = nullptr);

    const ImapSelectInfo &info() const { return m_info; }

protected:
    void run() override;

private:
    bool onUntagged(const ImapResponse &response);

    QString m_mailbox;
    ImapSelectOptions m_options;
    ImapSelectInfo m_info;
};

} // namespace Petrel::Imap
