#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Petrel::Test {

// Runs the real petrel-cli binary with a profile, as a script would.
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class CliRunner
{
public:
    explicit CliRunner(QString profileDir);

    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    CliRun run(const QStringList &args, const QByteArray &stdinData = QByteArray(), int timeoutMs = 60000) const;

private:
    QString m_profileDir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
};

} // namespace Petrel::Test
