#include "HostileCase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

QStringList HostileCase::files(const QString &protocol)
{
    const QDir dir(qEnvironmentVariable("PETREL_TEST_DATA") + QLatin1Char('/') + protocol);
    QStringList out;
    for (const QString &name : dir.entryList({QStringLiteral("*.script")}, QDir::Files, QDir::Name))
        out.append(dir.filePath(name));
    return out;
}

QString HostileCase::load(const QString &path, HostileCase *out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(path);
    HostileCase c;
    c.name = QFileInfo(path).completeBaseName();
    c.script = file.readAll();
    for (QByteArray line : c.script.split('\n')) {
        line = line.trimmed();
        if (!line.startsWith('@'))
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray key = (colon < 0 ? line.mid(1) : line.mid(1, colon - 1)).trimmed();
        const QString value = colon < 0 ? QString() : QString::fromUtf8(line.mid(colon + 1).trimmed());
        if (key == "step")
            c.steps.append(value.split(QLatin1Char(' '), Qt::SkipEmptyParts));
        else if (key == "security") {
            if (value == QLatin1String("none"))
                c.security = Petrel::Net::Security::None;
            else if (value == QLatin1String("starttls"))
                c.security = Petrel::Net::Security::StartTls;
            else if (value == QLatin1String("tls")) {
                c.security = Petrel::Net::Security::ImplicitTls;
                c.implicitTlsServer = true;
            } else
                return QStringLiteral("%1: unknown security %2").arg(c.name, value);
        } else if (key == "server")
            c.implicitTlsServer = value == QLatin1String("tls");
        else if (key == "expect-error")
            c.expectErrors = value.split(QLatin1Char('|'), Qt::SkipEmptyParts);
        else if (key == "expect-no-credentials-sent")
            c.noCredentials = true;
        else if (key == "expect-not-sent")
            c.notSent.append(value.toUtf8());
        else if (key == "expect-count")
            c.expectCount = value.toLongLong();
        else if (key == "timeout-ms")
            c.timeoutMs = value.toInt();
        else
            return QStringLiteral("%1: unknown setting @%2").arg(c.name, QString::fromUtf8(key));
    }
    if (c.steps.isEmpty())
        return QStringLiteral("%1: no @step").arg(c.name);
    if (c.timeoutMs <= 0 || c.timeoutMs > HostileCaseLimitMs / 2)
        return QStringLiteral("%1: @timeout-ms must be within 1..%2").arg(c.name).arg(HostileCaseLimitMs / 2);
    *out = c;
    return {};
}

QString HostileCase::judge(bool ok, const QString &outcome) const
{
    if (expectErrors.isEmpty())
        return ok ? QString() : QStringLiteral("expected success, got %1").arg(outcome);
    if (ok)
        return QStringLiteral("expected an error (%1), got success").arg(expectErrors.join(QLatin1Char('|')));
    for (const QString &e : expectErrors)
        if (outcome.contains(e.trimmed(), Qt::CaseInsensitive))
            return {};
    return QStringLiteral("expected an error containing %1, got %2").arg(expectErrors.join(QLatin1Char('|')), outcome);
}
