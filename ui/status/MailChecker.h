#pragma once

#include "accounts/AccountRegistry.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Petrel::Store {
class StoreWriter;
}

namespace Petrel::Core {
class CredentialStore;
}

namespace Petrel::Ui {

// Checks accounts for mail without ever blocking the event loop: the password comes from the
// keychain asynchronously, the account's outbox is sent (an OutboxSender pass, which connects
// only when something is due), then an ImapSyncEngine (IMAP) or a Pop3Fetcher (POP3) runs on the
// window's StoreWriter. One check per account at a time; a second request while one runs is
// ignored. Progress and outcome are reported per account, errors in the server's own words.
class MailChecker : public QObject
{
    Q_OBJECT

public:
    using PasswordReply = std::function<void(bool ok, const QString &secretOrError)>;
    // How a check gets the account's password; the default asks the keychain.
    using PasswordSource = std::function<void(const Core::AccountSettings &, QObject *context, PasswordReply)>;

    MailChecker(Store::StoreWriter &writer, const Core::CredentialStore &credentials, QObject *parent = nullptr);
    ~MailChecker() override;

    void setPasswordSource(PasswordSource source) { m_passwords = std::move(source); }

    void check(const Core::Account &account);
    // Downloads the body of one headers-only IMAP message (ImapBodyFetcher); bodyFetched() follows.
    void fetchBody(const Core::Account &account, qint64 messageId);
    bool isChecking(qint64 accountId) const { return m_running.contains(accountId); }

Q_SIGNALS:
    void started(qint64 accountId);
    // done of total new messages (total 0: not known yet); text is ready to show.
    void progressed(qint64 accountId, int done, int total, const QString &text);
    void finished(qint64 accountId, bool ok, const QString &message, int newMessages);
    // The outbox pass that opens each check: ok false when it failed or left messages failed or
    // unknown (message says why, in the server's words).
    void sent(qint64 accountId, bool ok, const QString &message, int sentCount);
    // ok false: message says why (e.g. "the server no longer has this message").
    void bodyFetched(qint64 messageId, bool ok, const QString &message);

private:
    void sendOutbox(const Core::Account &account, const QString &password);
    void receive(const Core::Account &account, const QString &password);
    void startImap(const Core::Account &account, const QString &password);
    void startPop3(const Core::Account &account, const QString &password);
    void end(qint64 accountId, bool ok, const QString &message, int newMessages);

    Store::StoreWriter &m_writer;
    PasswordSource m_passwords;
    QHash<qint64, QPointer<QObject>> m_running; // the engine or fetcher of each running check
};

} // namespace Petrel::Ui
