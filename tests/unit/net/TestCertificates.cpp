#include "TestCertificates.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>

namespace {

const QString LocalNames = QStringLiteral("DNS:localhost,IP:127.0.0.1");

QStringList ecKey()
{
    return {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
}

QString opensslTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('Z');
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

QString TestCertificates::run(const QStringList &arguments)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), arguments);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("openssl %1 failed: %2")
            .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()));
    return {};
}

QString TestCertificates::makeCa(const QString &name, QString *caDir)
{
    const QString dir = m_dir.filePath(name);
    if (!QDir().mkpath(dir))
        return QStringLiteral("cannot create ") + dir;
    const QByteArray config = "[ca]\ndefault_ca = test\n[test]\n"
                              "database = " +
                              (dir + QStringLiteral("/index.txt")).toUtf8() +
                              "\n"
                              "new_certs_dir = " +
                              dir.toUtf8() +
                              "\n"
                              "serial = " +
                              (dir + QStringLiteral("/serial")).toUtf8() +
                              "\n"
                              "default_md = sha256\npolicy = any\nunique_subject = no\n"
                              "[any]\ncommonName = supplied\n";
    if (!writeFile(dir + QStringLiteral("/ca.cnf"), config) ||
        !writeFile(dir + QStringLiteral("/index.txt"), {}) ||
        !writeFile(dir + QStringLiteral("/serial"), "1000\n"))
        return QStringLiteral("cannot write the CA files in ") + dir;
    *caDir = dir;
    return run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey() +
               QStringList{QStringLiteral("-keyout"), dir + QStringLiteral("/ca.key"), QStringLiteral("-out"),
                           dir + QStringLiteral("/ca.pem"), QStringLiteral("-subj"),
                           QStringLiteral("/CN=Petrel Test CA ") + name, QStringLiteral("-days"),
                           QStringLiteral("3"), QStringLiteral("-addext"),
                           QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                           QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
}

QString TestCertificates::issue(const QString &caDir, const QString &name, const QString &altNames,
                                const QString &start, const QString &end, Identity *out)
{
    const QString base = m_dir.filePath(name);
    const QByteArray ext =
        "subjectAltName=" + altNames.toUtf8() + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
    if (!writeFile(base + QStringLiteral(".ext"), ext))
        return QStringLiteral("cannot write ") + base;
    QString error = run(QStringList{QStringLiteral("req"), QStringLiteral("-new")} + ecKey() +
                        QStringList{QStringLiteral("-keyout"), base + QStringLiteral(".key"),
                                    QStringLiteral("-out"), base + QStringLiteral(".csr"),
                                    QStringLiteral("-subj"), QStringLiteral("/CN=") + name});
    if (!error.isEmpty())
        return error;
    error = run({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                 QStringLiteral("-config"), caDir + QStringLiteral("/ca.cnf"), QStringLiteral("-cert"),
                 caDir + QStringLiteral("/ca.pem"), QStringLiteral("-keyfile"),
                 caDir + QStringLiteral("/ca.key"), QStringLiteral("-in"), base + QStringLiteral(".csr"),
                 QStringLiteral("-out"), base + QStringLiteral(".pem"), QStringLiteral("-startdate"), start,
                 QStringLiteral("-enddate"), end, QStringLiteral("-extfile"), base + QStringLiteral(".ext")});
    *out = {base + QStringLiteral(".pem"), base + QStringLiteral(".key")};
    return error;
}

QString TestCertificates::generate()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString validFrom = opensslTime(now.addDays(-1));
    const QString validTo = opensslTime(now.addDays(2));
    QString ca, other;
    QString error = makeCa(QStringLiteral("ca"), &ca);
    if (error.isEmpty())
        error = makeCa(QStringLiteral("other"), &other);
    if (error.isEmpty())
        error = issue(ca, QStringLiteral("good"), LocalNames, validFrom, validTo, &m_good);
    if (error.isEmpty())
        error = issue(ca, QStringLiteral("expired"), LocalNames, QStringLiteral("20200101000000Z"),
                      QStringLiteral("20200201000000Z"), &m_expired);
    if (error.isEmpty())
        error = issue(ca, QStringLiteral("future"), LocalNames, opensslTime(now.addYears(1)),
                      opensslTime(now.addYears(2)), &m_notYetValid);
    if (error.isEmpty())
        error = issue(ca, QStringLiteral("wrong.example.invalid"),
                      QStringLiteral("DNS:wrong.example.invalid"), validFrom, validTo, &m_wrongName);
    if (error.isEmpty())
        error = issue(other, QStringLiteral("untrusted"), LocalNames, validFrom, validTo, &m_untrustedCa);
    if (error.isEmpty()) {
        m_selfSigned = {m_dir.filePath(QStringLiteral("self.pem")),
                        m_dir.filePath(QStringLiteral("self.key"))};
        error = run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey() +
                    QStringList{QStringLiteral("-keyout"), m_selfSigned.key, QStringLiteral("-out"),
                                m_selfSigned.certificate, QStringLiteral("-subj"),
                                QStringLiteral("/CN=localhost"), QStringLiteral("-days"), QStringLiteral("2"),
                                QStringLiteral("-addext"), QStringLiteral("subjectAltName=") + LocalNames});
    }
    m_caFile = ca + QStringLiteral("/ca.pem");
    return error;
}

QByteArray TestCertificates::sha256(const QString &certificatePath)
{
    const QList<QSslCertificate> certs =
        QSslCertificate::fromPath(certificatePath, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    return certs.isEmpty() ? QByteArray() : certs.first().digest(QCryptographicHash::Sha256);
}
