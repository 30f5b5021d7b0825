#include "pop3/Pop3Capabilities.h"

namespace Petrel::Pop3 {

Pop3Capabilities Pop3Capabilities::parse(const QByteArray &data)
{
    Pop3Capabilities caps;
    const QByteArrayList lines = data.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const QByteArrayList words = line.simplified().split(' ');
        const QByteArray name = words.first().toUpper();
        const QByteArray argument = words.size() > 1 ? words.at(1) : QByteArray();
        if (name == "TOP") {
            caps.m_flags |= Top;
        } else if (name == "USER") {
            caps.m_flags |= User;
        } else if (name == "SASL") {
            caps.m_flags |= Sasl;
            for (qsizetype i = 1; i < words.size(); ++i) {
                const QByteArray mechanism = words.at(i).toUpper();
                if (!caps.m_saslMechanisms.contains(mechanism))
                    caps.m_saslMechanisms.append(mechanism);
            }
        } else if (name == "RESP-CODES") {
            caps.m_flags |= RespCodes;
        } else if (name == "AUTH-RESP-CODE") {
            caps.m_flags |= AuthRespCode;
        } else if (name == "LOGIN-DELAY") {
            caps.m_flags |= LoginDelay;
            caps.m_loginDelay = argument;
        } else if (name == "PIPELINING") {
            caps.m_flags |= Pipelining;
        } else if (name == "EXPIRE") {
            caps.m_flags |= Expire;
            caps.m_expire = argument;
        } else if (name == "UIDL") {
            caps.m_flags |= Uidl;
        } else if (name == "IMPLEMENTATION") {
            caps.m_flags |= Implementation;
            caps.m_implementation = line.mid(line.indexOf(' ') + 1).trimmed();
        } else if (name == "STLS") {
            caps.m_flags |= Stls;
        } else if (name == "UTF8") {
            caps.m_flags |= Utf8;
        }
    }
    return caps;
}

bool Pop3Capabilities::hasSaslMechanism(const QByteArray &name) const
{
    return m_saslMechanisms.contains(name.toUpper());
}

} // namespace Petrel::Pop3
