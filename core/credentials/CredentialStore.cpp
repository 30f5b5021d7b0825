#include "CredentialStore.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <optional>

namespace Petrel::Core {

namespace {

CredentialResult resultOf(const QKeychain::Job *job)
{
    CredentialResult r;
    r.errorString = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = CredentialResult::Status::Ok;
        r.errorString.clear();
        if (auto *read = qobject_cast<const QKeychain::ReadPasswordJob *>(job))
            r.secret = read->textData();
        break;
    case QKeychain::EntryNotFound:
        r.status = CredentialResult::Status::NotFound;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.status = CredentialResult::Status::AccessDenied;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        r.status = CredentialResult::Status::NoBackend;
        break;
    default:
        r.status = CredentialResult::Status::Failed;
        break;
    }
    return r;
}

void run(QKeychain::Job *job, QObject *context, CredentialStore::Callback callback)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [guard, callback](QKeychain::Job *finished) {
        if (guard && callback)
            callback(resultOf(finished));
    });
    job->start();
}

template<typename Start>
CredentialResult blocking(Start start, int timeoutMs)
{
    QEventLoop loop;
    std::optional<CredentialResult> result;
    start(&loop, [&](const CredentialResult &r) {
        result = r;
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (result)
        return *result;
    CredentialResult timedOut;
    timedOut.status = CredentialResult::Status::Failed;
    timedOut.errorString = QStringLiteral("The system keychain did not answer within %1 seconds.")
                               .arg(timeoutMs / 1000);
    return timedOut;
}

} // namespace

CredentialStore::CredentialStore(QString serviceName)
    : m_serviceName(std::move(serviceName))
{
}

void CredentialStore::readSecret(const QString &key, QObject *context, Callback callback) const
{
    auto *job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setKey(key);
    run(job, context, std::move(callback));
}

void CredentialStore::writeSecret(const QString &key, const QString &secret, QObject *context,
                                  Callback callback) const
{
    auto *job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setKey(key);
    job->setTextData(secret);
    run(job, context, std::move(callback));
}

void CredentialStore::removeSecret(const QString &key, QObject *context, Callback callback) const
{
    auto *job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setKey(key);
    run(job, context, std::move(callback));
}

CredentialResult CredentialStore::readSecretBlocking(const QString &key, int timeoutMs) const
{
    return blocking([&](QObject *ctx, Callback cb) { readSecret(key, ctx, std::move(cb)); }, timeoutMs);
}

CredentialResult CredentialStore::writeSecretBlocking(const QString &key, const QString &secret,
                                                      int timeoutMs) const
{
    return blocking([&](QObject *ctx, Callback cb) { writeSecret(key, secret, ctx, std::move(cb)); },
                    timeoutMs);
}

CredentialResult CredentialStore::removeSecretBlocking(const QString &key, int timeoutMs) const
{
    return blocking([&](QObject *ctx, Callback cb) { removeSecret(key, ctx, std::move(cb)); }, timeoutMs);
}

} // namespace Petrel::Core
