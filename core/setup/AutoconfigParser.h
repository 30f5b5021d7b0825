#pragma once

#include "setup/ServerCandidate.h"

#include <QByteArray>
#include <QString>

namespace Petrel::Core {

// Reads a Thunderbird autoconfig file (config-v1.1.xml): its IMAP, POP3 and SMTP servers for one
// address, placeholders (%EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%) resolved. The file comes
// from the network, so it is treated as hostile: bounded in size, depth and element count, no DTD.
class AutoconfigParser
{
public:
    static constexpr qsizetype MaxFileSize = 128 * 1024;
    static constexpr int MaxDepth = 16;
    static constexpr int MaxElements = 5000;

    struct Outcome
    {
        DiscoveryResult result;
        QString error; // empty on success; otherwise what is wrong with the file, for the user
        bool isOk() const { return error.isEmpty(); }
    };

    static Outcome parse(const QByteArray &xml, const QString &address);
};

} // namespace Petrel::Core
