#pragma once

#include <QString>
#include <QTemporaryDir>

// Certificates made fresh for one test run with the openssl command: a test CA, server identities
// for 127.0.0.1/localhost in every flavour a verifier must refuse, and one from an unknown CA.
class TestCertificates
{
public:
    struct Identity
    {
        QString certificate; // PEM path
        QString key;         // PEM path
    };

    // Empty on success, otherwise what went wrong (openssl's own words).
    QString generate();

    QString caFile() const { return m_caFile; }
    Identity good() const { return m_good; }
    Identity expired() const { return m_expired; }
    Identity notYetValid() const { return m_notYetValid; }
    Identity wrongName() const { return m_wrongName; }
    Identity selfSigned() const { return m_selfSigned; }
    Identity untrustedCa() const { return m_untrustedCa; }
    // SHA-256 of a certificate file's DER form.
    static QByteArray sha256(const QString &certificatePath);

private:
    QString run(const QStringList &arguments);
    QString makeCa(const QString &name, QString *caDir);
    QString issue(const QString &caDir, const QString &name, const QString &altNames, const QString &start,
                  const QString &end, Identity *out);

    QTemporaryDir m_dir;
    QString m_caFile;
    Identity m_good, m_expired, m_notYetValid, m_wrongName, m_selfSigned, m_untrustedCa;
};
