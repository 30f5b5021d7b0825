#include "imap/ImapOperation.h"

#include "imap/ImapSession.h"

#include <QTimer>

namespace Petrel::Imap {

ImapOperation::ImapOperation(ImapSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    qRegisterMetaType<ImapResult>();
}

ImapOperation::~ImapOperation()
{
    if (m_session) {
        for (const QByteArray &tag : std::as_const(m_tags))
            m_session->drop(tag);
    }
}

void ImapOperation::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_session) {
        finish(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("No IMAP session.")));
        return;
    }
    run();
}

void ImapOperation::cancel()
{
    m_started = true;
    finish(ImapResult::make(ImapResult::Kind::Cancelled, QStringLiteral("The operation was cancelled.")));
}

bool ImapOperation::requireLoggedIn()
{
    if (m_session->isLoggedIn())
        return true;
    finish(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("The IMAP session is not logged in.")));
    return false;
}

bool ImapOperation::requireSelected()
{
    if (m_session->state() == ImapSession::State::Selected)
        return true;
    finish(ImapResult::make(ImapResult::Kind::InvalidState, QStringLiteral("No IMAP mailbox is selected.")));
    return false;
}

bool ImapOperation::requireCapability(ImapCapability capability)
{
    if (m_session->hasCapability(capability))
        return true;
    finish(ImapResult::make(ImapResult::Kind::NotSupported,
                            QStringLiteral("The IMAP server does not support %1.")
                                .arg(QString::fromUtf8(ImapCapabilities::name(capability)))));
    return false;
}

void ImapOperation::send(const ImapCommand &command, UntaggedHandler onUntagged, TaggedHandler onOk,
                         TaggedHandler onRefused)
{
    if (m_finished || !m_session)
        return;
    QPointer<ImapOperation> self(this);
    const QByteArray tag = command.tag;
    const QString name = QString::fromUtf8(command.name);
    ImapExchange exchange;
    exchange.command = command;
    if (onUntagged) {
        exchange.onUntagged = [self, onUntagged](const ImapResponse &r) {
            return self && !self->m_finished && onUntagged(r);
        };
    }
    exchange.onTagged = [self, tag, name, onOk, onRefused](const ImapResponse &r) {
        if (!self || self->m_finished)
            return;
        self->m_tags.removeAll(tag);
        if (r.status == ImapResponse::Status::Ok) {
            if (onOk)
                onOk(r);
        } else if (onRefused) {
            onRefused(r);
        } else {
            self->finish(rejected(r, name));
        }
    };
    exchange.onFailed = [self, tag](const ImapResult &result) {
        if (!self || self->m_finished)
            return;
        self->m_tags.removeAll(tag);
        self->finish(result);
    };
    m_tags.append(tag);
    m_session->submit(std::move(exchange));
}

void ImapOperation::finish(const ImapResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    if (m_session) {
        for (const QByteArray &tag : std::as_const(m_tags))
            m_session->drop(tag);
    }
    m_tags.clear();
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_result); });
}

ImapResult ImapOperation::rejected(const ImapResponse &tagged, const QString &what)
{
    const QString words = QString::fromUtf8(tagged.text);
    ImapResult result = ImapResult::make(
        ImapResult::Kind::Rejected,
        what.isEmpty() ? QStringLiteral("The IMAP server refused: %1").arg(words)
                       : QStringLiteral("The IMAP server refused %1: %2").arg(what, words));
    result.serverText = words;
    result.code = tagged.code;
    return result;
}

} // namespace Petrel::Imap
