#include "message/HtmlSanitizer.h"

#include <QRegularExpression>

namespace Petrel::Ui {

namespace {

using Re = QRegularExpression;

// The rest of a tag: attributes whose quoted values may hold '>'.
#define TAG_REST "(?:[^>\"']|\"[^\"]*\"|'[^']*')*"

// Elements dropped with everything inside them.
const Re &containerElements()
{
    static const Re re(QStringLiteral("<(script|iframe|object|applet|noscript|frameset|noembed|template)\\b" TAG_REST ">"
                                      ".*?</\\1\\s*>"),
                       Re::CaseInsensitiveOption | Re::DotMatchesEverythingOption);
    return re;
}

// Tags dropped alone (void elements, or an unclosed container left over).
const Re &loneTags()
{
    static const Re re(QStringLiteral("</?(script|iframe|object|applet|noscript|frameset|noembed|template|embed|"
                                      "frame|form|input|button|textarea|select|option|meta|link|base)\\b" TAG_REST ">"),
                       Re::CaseInsensitiveOption);
    return re;
}

const Re &anyTag()
{
    static const Re re(QStringLiteral("<[A-Za-z]" TAG_REST ">"));
    return re;
}

const Re &eventAttribute()
{
    static const Re re(QStringLiteral("[\\s/]on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]*)"), Re::CaseInsensitiveOption);
    return re;
}

const Re &scriptUrlAttribute()
{
    static const Re re(QStringLiteral("\\b(href|src|action|background|lowsrc|dynsrc)\\s*=\\s*([\"']?)\\s*"
                                      "(javascript|vbscript|data|livescript)\\s*:[^\"'\\s>]*"),
                       Re::CaseInsensitiveOption);
    return re;
}

QString cleanTag(QString tag)
{
    // The tag name stays; event attributes go, script-bearing URLs become a dead anchor.
    tag.replace(eventAttribute(), QStringLiteral(" "));
    tag.replace(scriptUrlAttribute(), QStringLiteral("\\1=\\2#blocked"));
    return tag;
}

} // namespace

QString sanitizeMailHtml(const QString &html)
{
    QString out = html;
    // Repeat until stable: removing one element must not splice two halves into a new one.
    for (int round = 0; round < 8; ++round) {
        const QString before = out;
        // Containers first, until none is left, so that their content goes with them.
        for (QString previous; previous != out;) {
            previous = out;
            out.remove(containerElements());
        }
        out.remove(loneTags());
        if (out == before)
            break;
    }
    QString result;
    result.reserve(out.size());
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = anyTag().globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += QStringView(out).mid(last, m.capturedStart() - last);
        result += cleanTag(m.captured());
        last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    return result;
}

} // namespace Petrel::Ui
