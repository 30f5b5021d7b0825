#include "status/MailChecker.h"

#include "credentials/CredentialStore.h"
#include "send/AccountOutboxSender.h"
#include "sync/imap/ImapBodyFetcher.h"
#include "sync/imap/ImapSyncEngine.h"
#include "sync/pop3/Pop3Fetcher.h"

namespace Petrel::Ui {

MailChecker::MailChecker(Store::StoreWriter &writer, const Core::CredentialStore &credentials, QObject *parent)
    : QObject(parent), m_writer(writer)
{
    m_passwords = [&credentials](const Core::AccountSettings &settings, QObject *context, PasswordReply reply) {
        credentials.readSecret(settings.credentialKey, context, [reply](const Core::CredentialResult &r) {
            reply(r.isOk(), r.isOk() ? r.secret
                                     : tr("No password in the system keychain: %1")
                                           .arg(r.errorString.isEmpty() ? tr("not found") : r.errorString));
        });
    };
}

MailChecker::~MailChecker()
{
    for (const QPointer<QObject> &job : std::as_const(m_running))
        delete job.data();
}

void MailChecker::check(const Core::Account &account)
{
    if (m_running.contains(account.id))
        return;
    m_running.insert(account.id, nullptr);
    Q_EMIT started(account.id);
    Q_EMIT progressed(account.id, 0, 0, tr("%1: connecting").arg(account.settings.name));
    m_passwords(account.settings, this, [this, account](bool ok, const QString &secretOrError) {
        if (!ok) {
            end(account.id, false, secretOrError, 0);
            return;
        }
        // Send first: what the user queued goes out, and its Sent copy rides on the sync that follows.
        sendOutbox(account, secretOrError);
    });
}

void MailChecker::fetchBody(const Core::Account &account, qint64 messageId)
{
    m_passwords(account.settings, this, [this, account, messageId](bool ok, const QString &secretOrError) {
        if (!ok) {
            Q_EMIT bodyFetched(messageId, false, secretOrError);
            return;
        }
        auto *fetcher = new Core::ImapBodyFetcher(m_writer, {messageId}, this);
        fetcher->setConnectionSettings(account.settings.incomingConnection());
        fetcher->setCredentials({account.settings.incomingUserName(), secretOrError});
        connect(fetcher, &Core::ImapBodyFetcher::finished, this,
                [this, fetcher, messageId](const Core::ImapBodyFetchResult &r) {
                    fetcher->deleteLater();
                    Q_EMIT bodyFetched(messageId, r.isOk(), r.message);
                });
        fetcher->start();
    });
}

void MailChecker::sendOutbox(const Core::Account &account, const QString &password)
{
    if (account.settings.outgoing.host.isEmpty() && account.settings.incoming.host.isEmpty()) {
        receive(account, password);
        return;
    }
    Core::OutboxSender *sender = Core::createAccountOutboxSender(m_writer, account.id, account.settings, password, this);
    m_running.insert(account.id, sender);
    connect(sender, &Core::OutboxSender::finished, this, [this, account, password, sender](const Core::OutboxRunResult &r) {
        sender->deleteLater();
        if (r.sent + r.retryLater + r.failed + r.unknown + r.resolvedFromSent > 0 || !r.isOk())
            Q_EMIT sent(account.id, r.isOk() && r.failed == 0 && r.unknown == 0,
                        r.isOk() ? tr("%n message(s) sent", nullptr, r.sent) : r.message, r.sent);
        receive(account, password);
    });
    sender->start();
}

void MailChecker::receive(const Core::Account &account, const QString &password)
{
    if (account.settings.protocol == Store::AccountProtocol::Pop3)
        startPop3(account, password);
    else
        startImap(account, password);
}

void MailChecker::startImap(const Core::Account &account, const QString &password)
{
    const Core::AccountSettings &s = account.settings;
    auto *engine = new Core::ImapSyncEngine(m_writer, account.id, this);
    engine->setConnectionSettings(s.incomingConnection());
    engine->setCredentials({s.incomingUserName(), password});
    engine->setOfflinePolicy(s.imapOffline);
    m_running.insert(account.id, engine);
    const qint64 id = account.id;
    const QString name = s.name;
    connect(engine, &Core::ImapSyncEngine::progressed, this, [this, id, name](const Core::ImapSyncProgress &p) {
        const bool bodies = p.phase == Core::ImapSyncProgress::Phase::Bodies;
        const QString text = bodies ? tr("%1: %2 of %3 message bodies (%4)").arg(name).arg(p.fetched).arg(p.toFetch).arg(p.folder)
                                    : tr("%1: %2 of %3 new messages (%4)").arg(name).arg(p.fetched).arg(p.toFetch).arg(p.folder);
        Q_EMIT progressed(id, p.fetched, p.toFetch, text);
    });
    connect(engine, &Core::ImapSyncEngine::finished, this, [this, id, engine](const Core::ImapSyncResult &r) {
        engine->deleteLater();
        end(id, r.isOk(), r.message, r.newMessages);
    });
    engine->start();
}

void MailChecker::startPop3(const Core::Account &account, const QString &password)
{
    const Core::AccountSettings &s = account.settings;
    auto *fetcher = new Core::Pop3Fetcher(m_writer, account.id, this);
    fetcher->setConnectionSettings(s.incomingConnection());
    fetcher->setCredentials({s.incomingUserName(), password, Pop3::Pop3Credentials::Method::Automatic});
    fetcher->setRetention(s.pop3Retention);
    m_running.insert(account.id, fetcher);
    const qint64 id = account.id;
    const QString name = s.name;
    connect(fetcher, &Core::Pop3Fetcher::progressed, this, [this, id, name](const Core::Pop3FetchProgress &p) {
        Q_EMIT progressed(id, p.done, p.total, tr("%1: %2 of %3 new messages").arg(name).arg(p.done).arg(p.total));
    });
    connect(fetcher, &Core::Pop3Fetcher::finished, this, [this, id, fetcher](const Core::Pop3FetchResult &r) {
        fetcher->deleteLater();
        end(id, r.isOk(), r.message, r.downloaded);
    });
    fetcher->start();
}

void MailChecker::end(qint64 accountId, bool ok, const QString &message, int newMessages)
{
    m_running.remove(accountId);
    Q_EMIT finished(accountId, ok, message, newMessages);
}

} // namespace Petrel::Ui
