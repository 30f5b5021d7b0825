#include "mime/Charset.h"

#include "mime/GMimeDocument.h"

#include <QHash>
#include <QStringDecoder>

#include <gmime/gmime.h>
#include <iconv.h>

#include <cerrno>

namespace Petrel::Mime {

namespace {

constexpr char replacementUtf8[] = "\xEF\xBF\xBD";

// Open converters to UTF-8 by charset, per thread. Opening one loads glibc's gconv module and
// closing the last unloads it again: a first sync of mixed-charset mail spent a second per 10,000
// messages in dlopen/dlclose (tests/benchmarks/README.md). Only charsets iconv knows are kept.
class ConverterCache
{
public:
    ~ConverterCache()
    {
        for (iconv_t cd : std::as_const(m_open))
            g_mime_iconv_close(cd);
    }
    iconv_t get(const char *charset)
    {
        const QByteArray key(charset);
        if (const auto it = m_open.constFind(key); it != m_open.cend()) {
            iconv(*it, nullptr, nullptr, nullptr, nullptr); // back to the initial shift state
            return *it;
        }
        iconv_t cd = g_mime_iconv_open("UTF-8", charset);
        if (cd == reinterpret_cast<iconv_t>(-1))
            return cd;
        if (m_open.size() >= MaxOpen) { // aliases of the same charsets; a bound all the same
            for (iconv_t old : std::as_const(m_open))
                g_mime_iconv_close(old);
            m_open.clear();
        }
        m_open.insert(key, cd);
        return cd;
    }

private:
    static constexpr int MaxOpen = 64;
    QHash<QByteArray, iconv_t> m_open;
};

// Runs iconv to UTF-8; an invalid byte becomes U+FFFD and is skipped, so the loop always advances.
bool iconvToUtf8(const QByteArray &bytes, const char *charset, QByteArray *out)
{
    thread_local ConverterCache converters;
    iconv_t cd = converters.get(charset);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    out->clear();
    out->reserve(bytes.size() * 2 + 16);
    char buffer[4096];
    char *in = const_cast<char *>(bytes.constData());
    size_t inLeft = size_t(bytes.size());
    bool flushed = false;
    while (!flushed) {
        char *outPtr = buffer;
        size_t outLeft = sizeof buffer;
        size_t rc;
        if (inLeft > 0) {
            rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        } else {
            rc = iconv(cd, nullptr, nullptr, &outPtr, &outLeft); // reset shift state (ISO-2022-JP)
            flushed = true;
        }
        const int err = errno;
        out->append(buffer, qsizetype(outPtr - buffer));
        if (rc != size_t(-1) || flushed)
            continue;
        if (err == E2BIG)
            continue;
        out->append(replacementUtf8);
        if (err == EILSEQ && inLeft > 0) {
            ++in;
            --inLeft;
        } else {
            inLeft = 0; // EINVAL: truncated sequence at the end
        }
    }
    return true;
}

QByteArray widened(const QByteArray &charset)
{
    if (charset == "iso-8859-1" || charset == "iso_8859-1" || charset == "latin1" || charset == "l1"
        || charset == "iso8859-1" || charset == "cp1252")
        return QByteArrayLiteral("windows-1252");
    if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk" || charset == "euc-cn"
        || charset == "cp936" || charset == "x-gb2312" || charset == "csgb2312")
        return QByteArrayLiteral("GB18030");
    if (charset == "ks_c_5601-1987" || charset == "euc-kr")
        return QByteArrayLiteral("CP949");
    if (charset == "iso-8859-8-i" || charset == "iso-8859-8-e")
        return QByteArrayLiteral("ISO-8859-8");
    if (charset == "shift_jis" || charset == "sjis" || charset == "x-sjis" || charset == "shift-jis")
        return QByteArrayLiteral("CP932");
    if (charset == "big5" || charset == "x-x-big5")
        return QByteArrayLiteral("BIG5-HKSCS");
    return {};
}

QString fromUtf8OrLegacy(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(bytes);
    if (!utf8.hasError())
        return text;
    QByteArray converted;
    if (iconvToUtf8(bytes, "windows-1252", &converted))
        return QString::fromUtf8(converted);
    return QString::fromLatin1(bytes);
}

} // namespace

QString decodeCharset(const QByteArray &bytes, const QByteArray &declared)
{
    Detail::ensureGMimeInitialized();
    const QByteArray charset = declared.trimmed().toLower();
    if (charset.isEmpty() || charset == "us-ascii" || charset == "ascii" || charset == "utf-8"
        || charset == "utf8" || charset == "unknown-8bit" || charset == "x-unknown"
        || charset == "default" || charset == "x-user-defined")
        return fromUtf8OrLegacy(bytes);

    QByteArray name = widened(charset);
    if (name.isEmpty()) {
        const char *iconvName = g_mime_charset_iconv_name(charset.constData());
        name = iconvName ? QByteArray(iconvName) : charset;
    }
    QByteArray converted;
    if (iconvToUtf8(bytes, name.constData(), &converted))
        return QString::fromUtf8(converted);
    if (name != charset && iconvToUtf8(bytes, charset.constData(), &converted))
        return QString::fromUtf8(converted);
    return fromUtf8OrLegacy(bytes); // unknown charset: best effort
}

} // namespace Petrel::Mime
