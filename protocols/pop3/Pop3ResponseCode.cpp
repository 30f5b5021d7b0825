#include "pop3/Pop3ResponseCode.h"

#include <QList>

namespace Petrel::Pop3 {

namespace {

bool isLevel(const QByteArray &level)
{
    if (level.isEmpty())
        return false;
    for (const char c : level) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

Pop3ResponseCode Pop3ResponseCode::fromText(const QByteArray &code)
{
    Pop3ResponseCode result;
    const QList<QByteArray> levels = code.split('/');
    for (const QByteArray &level : levels) {
        if (!isLevel(level))
            return result;
    }
    result.raw = code;
    const QByteArray first = levels.first().toUpper();
    const QByteArray second = levels.size() > 1 ? levels.at(1).toUpper() : QByteArray();
    if (first == "IN-USE")
        result.kind = Kind::InUse;
    else if (first == "LOGIN-DELAY")
        result.kind = Kind::LoginDelay;
    else if (first == "SYS")
        result.kind = second == "TEMP" ? Kind::SysTemp : second == "PERM" ? Kind::SysPerm : Kind::Sys;
    else if (first == "AUTH")
        result.kind = Kind::Auth;
    else if (first == "UTF8")
        result.kind = Kind::Utf8;
    else
        result.kind = Kind::Other;
    return result;
}

} // namespace Petrel::Pop3
