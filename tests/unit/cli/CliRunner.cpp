#include "CliRunner.h"

#include <QProcess>

namespace Petrel::Test {

CliRunner::CliRunner(QString profileDir)
    : m_profileDir(std::move(profileDir))
{
}

CliRun CliRunner::run(const QStringList &args, const QByteArray &stdinData, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(m_env);
    process.start(QStringLiteral(PETREL_CLI_PATH), QStringList{QStringLiteral("--profile"), m_profileDir} + args);
    CliRun result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace Petrel::Test
