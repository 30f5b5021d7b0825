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
    m_extendedSubscriptions = m_wantSubscriptions && session()->hasCapability(ImapCapability::ListExtended);
    options.returnSubscribed = m_extendedSubscriptions;
    send(
        session()->builder().list(m_reference, m_pattern, options),
        [this](const ImapResponse &r) {
            if (r.kind == ImapResponse::Kind::List && r.listEntry()) {
                m_entries.append(*r.listEntry());
                if (m_extendedSubscriptions && r.listEntry()->hasAttribute("\\Subscribed"))
                    m_subscribed.insert(r.listEntry()->name);
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
                listed();
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
                listed();
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
        listed();
}

void ImapListOperation::listed()
{
    if (m_wantSubscriptions && !m_extendedSubscriptions) {
        lsub();
        return;
    }
    m_subscriptionsKnown = m_extendedSubscriptions;
    finish(ImapResult::ok());
}

void ImapListOperation::lsub()
{
    send(
        session()->builder().lsub(m_reference, m_pattern),
        [this](const ImapResponse &r) {
            if (r.kind != ImapResponse::Kind::Lsub || !r.listEntry())
                return false;
            // An LSUB \Noselect entry is a parent shown for its subscribed children (RFC 3501 6.3.9).
            if (!r.listEntry()->hasAttribute("\\Noselect"))
                m_subscribed.insert(r.listEntry()->name);
            return true;
        },
        [this](const ImapResponse &) {
            m_subscriptionsKnown = true;
            finish(ImapResult::ok());
        },
        [this](const ImapResponse &) {
            // The folder list stands without it; the caller keeps what it knew.
            m_subscribed.clear();
            finish(ImapResult::ok());
        });
}

} // namespace Petrel::Imap
