#include "mime/GMimeDocument.h"

#include <gmime/gmime.h>

#include <mutex>

namespace Petrel::Mime::Detail {

namespace {

const char *warningName(GMimeParserWarning code)
{
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER: return "duplicated header";
    case GMIME_WARN_DUPLICATED_PARAMETER: return "duplicated parameter";
    case GMIME_WARN_UNENCODED_8BIT_HEADER: return "unencoded 8-bit header";
    case GMIME_WARN_INVALID_CONTENT_TYPE: return "invalid Content-Type";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return "invalid RFC 2047 header value";
    case GMIME_WARN_MALFORMED_MULTIPART: return "malformed multipart";
    case GMIME_WARN_TRUNCATED_MESSAGE: return "truncated message";
    case GMIME_WARN_MALFORMED_MESSAGE: return "malformed message";
    case GMIME_CRIT_INVALID_HEADER_NAME: return "invalid header name";
    case GMIME_CRIT_CONFLICTING_HEADER: return "conflicting header";
    case GMIME_CRIT_CONFLICTING_PARAMETER: return "conflicting parameter";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return "multipart without boundary";
    case GMIME_WARN_INVALID_PARAMETER: return "invalid parameter";
    case GMIME_WARN_INVALID_ADDRESS_LIST: return "invalid address list";
    case GMIME_CRIT_NESTING_OVERFLOW: return "MIME nesting too deep";
    case GMIME_WARN_PART_WITHOUT_CONTENT: return "part without content";
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return "part without headers or content";
    }
    return "parser warning";
}

void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer userData)
{
    auto *doc = static_cast<GMimeDocument *>(userData);
    QString text = QString::fromLatin1(warningName(code));
    if (item && *item)
        text += QStringLiteral(": ") + QString::fromUtf8(item).left(80);
    if (offset >= 0)
        text += QStringLiteral(" (at byte %1)").arg(offset);
    doc->addWarning(text);
}

} // namespace

void ensureGMimeInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

GMimeDocument::GMimeDocument(const QByteArray &raw, int maxWarnings)
    : m_maxWarnings(maxWarnings)
{
    ensureGMimeInitialized();
    m_options = g_mime_parser_options_new();
    static const char *fallback[] = {"UTF-8", "windows-1252", nullptr};
    g_mime_parser_options_set_fallback_charsets(m_options, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(m_options, GMIME_RFC_COMPLIANCE_LOOSE);
    // Headers are decoded lazily and may warn later too; the options die with this object.
    g_mime_parser_options_set_warning_callback(m_options, onParserWarning, this);

    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(raw.constData(), size_t(raw.size()));
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
    m_message = g_mime_parser_construct_message(parser, m_options);
    g_object_unref(parser);
    g_object_unref(stream);
}

GMimeDocument::~GMimeDocument()
{
    if (m_message)
        g_object_unref(m_message);
    g_mime_parser_options_free(m_options);
}

void GMimeDocument::addWarning(const QString &warning)
{
    if (m_warnings.size() < m_maxWarnings)
        m_warnings.append(warning);
    else if (m_warnings.size() == m_maxWarnings)
        m_warnings.append(QStringLiteral("further warnings suppressed"));
}

} // namespace Petrel::Mime::Detail
