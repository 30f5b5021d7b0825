#include "mime/MailSource.h"

#include "mime/EmlReader.h"
#include "mime/MaildirReader.h"
#include "mime/MboxReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Petrel::Mime {

void MailSource::addWarning(const QString &warning)
{
    constexpr int maxWarnings = 1000;
    if (m_warnings.size() < maxWarnings)
        m_warnings.append(warning);
}

std::unique_ptr<MailSource> MailSource::open(const QString &path, QString *error)
{
    const QFileInfo info(path);
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return std::unique_ptr<MailSource>();
    };
    if (!info.exists())
        return fail(QStringLiteral("%1: no such file or directory").arg(path));
    if (info.isDir()) {
        if (!MaildirReader::isMaildir(path))
            return fail(QStringLiteral("%1: a directory, but not a maildir (no cur/ and new/)").arg(path));
        return std::make_unique<MaildirReader>(path);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray start = file.peek(5);
    file.close();
    if (start.isEmpty())
        return fail(QStringLiteral("%1: the file is empty").arg(path));
    if (start == "From ")
        return std::make_unique<MboxReader>(path);
    return std::make_unique<EmlReader>(path);
}

} // namespace Petrel::Mime
