#include "smtp/SmtpCapabilities.h"

namespace Petrel::Smtp {

SmtpCapabilities SmtpCapabilities::fromEhlo(const SmtpReply &reply)
{
    SmtpCapabilities caps;
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QList<QByteArray> words = reply.lines.at(i).simplified().split(' ');
        QByteArray keyword = words.value(0).toUpper();
        // Old servers (and Outlook) announce "AUTH=LOGIN PLAIN"; treat it as AUTH.
        QList<QByteArray> params = words.mid(1);
        if (keyword.startsWith("AUTH=")) {
            params.prepend(keyword.mid(5));
            keyword = "AUTH";
        }
        if (keyword == "STARTTLS") {
            caps.m_flags |= StartTls;
        } else if (keyword == "AUTH") {
            caps.m_flags |= Auth;
            for (const QByteArray &param : std::as_const(params)) {
                const QByteArray mechanism = param.toUpper();
                if (!mechanism.isEmpty() && !caps.m_mechanisms.contains(mechanism))
                    caps.m_mechanisms.append(mechanism);
            }
        } else if (keyword == "PIPELINING") {
            caps.m_flags |= Pipelining;
        } else if (keyword == "SIZE") {
            caps.m_flags |= Size;
            bool ok = false;
            const qint64 size = params.value(0).toLongLong(&ok);
            caps.m_maximumSize = ok && size > 0 ? size : 0;
        } else if (keyword == "8BITMIME") {
            caps.m_flags |= EightBitMime;
        } else if (keyword == "SMTPUTF8") {
            caps.m_flags |= SmtpUtf8;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            caps.m_flags |= EnhancedStatusCodes;
        } else if (keyword == "CHUNKING") {
            caps.m_flags |= Chunking;
        } else if (keyword == "DSN") {
            caps.m_flags |= Dsn;
        }
    }
    return caps;
}

bool SmtpCapabilities::hasAuthMechanism(QByteArrayView mechanism) const
{
    for (const QByteArray &m : m_mechanisms) {
        if (m.compare(mechanism, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace Petrel::Smtp
