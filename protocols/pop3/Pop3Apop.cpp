#include "pop3/Pop3Apop.h"

#include <QCryptographicHash>

namespace Petrel::Pop3 {

QByteArray Pop3Apop::timestamp(const QByteArray &greetingText)
{
    const qsizetype open = greetingText.indexOf('<');
    if (open < 0)
        return {};
    const qsizetype close = greetingText.indexOf('>', open);
    if (close < 0)
        return {};
    const QByteArray stamp = greetingText.mid(open, close - open + 1);
    // RFC 1939 uses a msg-id: "<" something "@" something ">"; refuse anything without one.
    if (!stamp.contains('@') || stamp.contains(' ') || stamp.size() < 3)
        return {};
    return stamp;
}

QByteArray Pop3Apop::digest(const QByteArray &timestamp, const QString &password)
{
    return QCryptographicHash::hash(QByteArray(timestamp + password.toUtf8()), QCryptographicHash::Md5).toHex();
}

} // namespace Petrel::Pop3
