#include "imap/ImapListOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapListOperation::ImapListOperation(ImapSession *session, const QString &reference, const QString &pattern,
                                     const QList<QByteArray> &statusItems, QObject *parent)
    : ImapOperation(session, parent), m_reference(reference), m_pattern(pattern), m_statusItems(statusItems)
{
}

void ImapListOperation::run()
{
    if (!requireLoggedIn())
        return;
    ImapListOptions options;
    options.returnSpecialUse = session()->hasCapability(ImapCapability::SpecialUse);
    const bool listStatus = !m_statusItems.isEmpty() && session()->hasCapability(ImapCapability::ListStatus);
    if (listStatus)
        options.returnStatus = m_statusItems;
    send(
        session()->builder().list(m_reference, m_pattern, options),
        [this](const ImapResponse &r) {
            if (r.kind == ImapResponse::Kind::List && r.listEntry()) {
                m_entries.append(*r.listEntry());
                return true;
            }
            if (r.kind == ImapResponse::Kind::MailboxStatus && r.mailboxStatus()) {
                m_statuses.insert(r.mailboxStatus()->name, *r.mailboxStatus());
                return true;
            }
            return false;
        },
        [this, listStatus](const ImapResponse &) {
            if (m_statusItems.isEmpty() || listStatus)
                finish(ImapResult::ok());
            else
                statusFallback();
        });
}

void ImapListOperation::statusFallback()
{
    for (const ImapListEntry &entry : std::as_const(m_entries)) {
        if (entry.hasAttribute("\\Noselect") || entry.hasAttribute("\\NonExistent"))
            continue;
        ++m_statusPending;
        const QString name = entry.name;
        const QByteArray wire = entry.nameBytes;
        auto done = [this](const ImapResponse &) {
            if (--m_statusPending == 0)
                finish(ImapResult::ok());
        };
        send(
            session()->builder().status(name, m_statusItems),
            [this, name, wire](const ImapResponse &r) {
                const ImapMailboxStatus *status = r.mailboxStatus();
                if (!status || (status->nameBytes != wire && status->name != name))
                    return false;
                m_statuses.insert(name, *status);
                return true;
            },
            done, done);
    }
    if (m_statusPending == 0)
        finish(ImapResult::ok());
}

} // namespace Petrel::Imap
