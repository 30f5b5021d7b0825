#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Petrel::Core {

// The outcome of one keychain operation.
struct CredentialResult
{
    enum class Status { Ok, NotFound, AccessDenied, NoBackend, Failed };
    Status status = Status::Failed;
    QString secret;       // read operations only
    QString errorString;  // the keychain's own words, for the user

    bool isOk() const { return status == Status::Ok; }
};

// Passwords live in the platform keychain (Secret Service, macOS Keychain, Windows Credential
// Store) through QtKeychain, never in Petrel's files. There is deliberately no plaintext fallback:
// without a keychain, storing a password fails with a clear error.
class CredentialStore
{
public:
    using Callback = std::function<void(const CredentialResult &)>;

    explicit CredentialStore(QString serviceName = QStringLiteral("Petrel"));

    QString serviceName() const { return m_serviceName; }

    // Asynchronous: the callback runs on the caller's thread once the keychain answers; it is
    // dropped if context is destroyed first.
    void readSecret(const QString &key, QObject *context, Callback callback) const;
    void writeSecret(const QString &key, const QString &secret, QObject *context, Callback callback) const;
    void removeSecret(const QString &key, QObject *context, Callback callback) const;

    // Blocking variants for petrel-cli and tests: run a local event loop until the keychain
    // answers, at most timeoutMs (a keychain prompt may take a while).
    CredentialResult readSecretBlocking(const QString &key, int timeoutMs = 60000) const;
    CredentialResult writeSecretBlocking(const QString &key, const QString &secret, int timeoutMs = 60000) const;
    CredentialResult removeSecretBlocking(const QString &key, int timeoutMs = 60000) const;

private:
    QString m_serviceName;
};

} // namespace Petrel::Core
