#include "mime/EmlReader.h"

#include <QFile>

namespace Petrel::Mime {

EmlReader::EmlReader(const QString &path)
    : m_path(path)
{
}

bool EmlReader::next(SourceMessage &out)
{
    if (m_done)
        return false;
    m_done = true;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        setErrorString(QStringLiteral("%1: %2").arg(m_path, file.errorString()));
        return false;
    }
    if (file.size() > maxMessageSize()) {
        setErrorString(QStringLiteral("%1: the message is larger than %2 bytes").arg(m_path).arg(maxMessageSize()));
        return false;
    }
    out = SourceMessage();
    out.raw = file.readAll();
    out.origin = m_path;
    if (out.raw.isEmpty()) {
        setErrorString(QStringLiteral("%1: the file is empty").arg(m_path));
        return false;
    }
    return true;
}

} // namespace Petrel::Mime
