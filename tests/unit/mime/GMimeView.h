#pragma once

// mime_composer: what a second, independent reader (GMime used directly, with its default options)
// makes of composed bytes. Kept apart from core/mime's own parser on purpose.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct GMimeLeaf {
    QString contentType;  // "type/subtype"
    QString fileName;     // decoded by GMime
    QString contentId;
    QString disposition;
    QString format;       // the format= parameter
    QString charset;
    QByteArray data;      // decoded content; for message/rfc822, the serialized message
};

struct GMimeView {
    bool parsed = false;
    QString subject;
    QStringList from;     // "name|address"
    QStringList to;
    QStringList cc;
    bool hasBcc = false;
    QString messageId;
    QString inReplyTo;
    QString references;   // raw header value, unfolded
    QString structure;    // "multipart/mixed(text/plain,application/pdf)"
    QList<GMimeLeaf> leaves;
};

GMimeView viewWithGMime(const QByteArray &raw);
