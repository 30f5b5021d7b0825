#include "mime/MaildirReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Petrel::Mime {

MaildirReader::MaildirReader(const QString &path)
    : m_path(path)
{
}

bool MaildirReader::isMaildir(const QString &path)
{
    const QDir dir(path);
    return dir.exists(QStringLiteral("cur")) && dir.exists(QStringLiteral("new"));
}

quint32 MaildirReader::flagsFromFileName(const QString &fileName)
{
    qsizetype info = -1;
    for (const QLatin1String marker : {QLatin1String(":2,"), QLatin1String("!2,"), QLatin1String(";2,")}) {
        info = fileName.lastIndexOf(marker);
        if (info >= 0)
            break;
    }
    if (info < 0)
        return 0;
    quint32 flags = 0;
    for (const QChar c : QStringView(fileName).mid(info + 3)) {
        switch (c.unicode()) {
        case 'S': flags |= SourceMessage::Seen; break;
        case 'R': flags |= SourceMessage::Answered; break;
        case 'F': flags |= SourceMessage::Flagged; break;
        case 'T': flags |= SourceMessage::Deleted; break;
        case 'D': flags |= SourceMessage::Draft; break;
        default: break; // 'P' (passed) and lowercase keywords have no flag of ours
        }
    }
    return flags;
}

bool MaildirReader::next(SourceMessage &out)
{
    if (!m_listed) {
        m_listed = true;
        if (!isMaildir(m_path)) {
            setErrorString(QStringLiteral("%1: not a maildir (no cur/ and new/)").arg(m_path));
            return false;
        }
        for (const QString &sub : {QStringLiteral("new"), QStringLiteral("cur")}) {
            const QDir dir(m_path + QLatin1Char('/') + sub);
            const QStringList names = dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
            for (const QString &name : names)
                m_files.append(sub + QLatin1Char('/') + name);
        }
    }
    while (m_index < m_files.size()) {
        const QString relative = m_files.at(m_index++);
        const QString path = m_path + QLatin1Char('/') + relative;
        const QString name = QFileInfo(relative).fileName();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            addWarning(QStringLiteral("%1: %2").arg(path, file.errorString()));
            continue;
        }
        if (file.size() > maxMessageSize()) {
            addWarning(QStringLiteral("%1: skipped, larger than %2 bytes").arg(path).arg(maxMessageSize()));
            continue;
        }
        out = SourceMessage();
        out.raw = file.readAll();
        out.origin = path;
        out.flags = flagsFromFileName(name);
        bool ok = false;
        const qint64 delivered = name.section(QLatin1Char('.'), 0, 0).toLongLong(&ok);
        if (ok && delivered > 0 && delivered < 32503680000LL)
            out.receivedDate = QDateTime::fromSecsSinceEpoch(delivered, Qt::UTC);
        if (out.raw.isEmpty()) {
            addWarning(QStringLiteral("%1: skipped, empty file").arg(path));
            continue;
        }
        return true;
    }
    return false;
}

} // namespace Petrel::Mime
