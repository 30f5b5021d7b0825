#include "imap/ImapSelectOperation.h"

#include "imap/ImapSession.h"

namespace Petrel::Imap {

ImapSelectOperation::ImapSelectOperation(ImapSession *session, const QString &mailbox,
                                         const ImapSelectOptions &options, QObject *parent)
    : ImapOperation(session, parent), m_mailbox(mailbox), m_options(options)
{
}

void ImapSelectOperation::run()
{
    if (!requireLoggedIn())
        return;
    if (m_options.condStore && !requireCapability(ImapCapability::CondStore))
        return;
    if (m_options.qresync && !session()->isEnabled("QRESYNC")) {
        finish(ImapResult::make(ImapResult::Kind::NotSupported,
                                QStringLiteral("The IMAP server does not support QRESYNC (or it is not enabled).")));
        return;
    }
    session()->clearSelectedMailbox();
    send(
        session()->builder().select(m_mailbox, m_options),
        [this](const ImapResponse &r) { return onUntagged(r); },
        [this](const ImapResponse &r) {
            m_info.readOnly = m_options.readOnly || r.code.kind == ImapResponseCode::Kind::ReadOnly;
            session()->setSelectedMailbox(m_mailbox, m_info.readOnly, m_info.uidValidity);
            finish(ImapResult::ok());
        },
        [this](const ImapResponse &r) {
            session()->clearSelectedMailbox();
            finish(rejected(r, m_options.readOnly ? QStringLiteral("EXAMINE") : QStringLiteral("SELECT")));
        });
}

bool ImapSelectOperation::onUntagged(const ImapResponse &r)
{
    switch (r.kind) {
    case ImapResponse::Kind::Exists:
        m_info.exists = r.number;
        return true;
    case ImapResponse::Kind::Recent:
        m_info.recent = r.number;
        return true;
    case ImapResponse::Kind::Flags:
        if (r.flags())
            m_info.flags = *r.flags();
        return true;
    case ImapResponse::Kind::Vanished:
        if (!r.vanished())
            return false;
        m_info.vanished.insert(r.vanished()->uids);
        return true;
    case ImapResponse::Kind::Fetch:
        if (!r.fetch())
            return false;
        m_info.changes.append(*r.fetch());
        return true;
    case ImapResponse::Kind::Status:
        break;
    default:
        return false;
    }
    if (r.status != ImapResponse::Status::Ok)
        return false;
    switch (r.code.kind) {
    case ImapResponseCode::Kind::UidValidity:
        m_info.uidValidity = r.code.number;
        return true;
    case ImapResponseCode::Kind::UidNext:
        m_info.uidNext = r.code.number;
        return true;
    case ImapResponseCode::Kind::Unseen:
        m_info.unseen = r.code.number;
        return true;
    case ImapResponseCode::Kind::HighestModSeq:
        m_info.highestModSeq = r.code.number;
        return true;
    case ImapResponseCode::Kind::NoModSeq:
        m_info.noModSeq = true;
        return true;
    case ImapResponseCode::Kind::PermanentFlags:
        m_info.permanentFlags = r.code.flags;
        return true;
    case ImapResponseCode::Kind::Closed:
        return true;
    default:
        return false;
    }
}

} // namespace Petrel::Imap
