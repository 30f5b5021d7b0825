#pragma once

// Shared by the store tests and the crash helper: realistic message records and direct SQL probes.

#include "store/Database.h"
#include "store/MessageRecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace StoreTestData {

// A message whose every searchable field carries the tag, so a test can count the rows of one batch.
inline Petrel::Store::MessageRecord message(const QString &tag, int n, qint64 dateMs = 0)
{
    using namespace Petrel::Store;
    MessageRecord r;
    const QString number = QString::number(n);
    r.subject = QStringLiteral("batch-%1 message %2").arg(tag, number);
    r.fromDisplay = QStringLiteral("Sender %1 <sender%1@example.org>").arg(number);
    r.fromAddress = QStringLiteral("sender%1@example.org").arg(number);
    r.to = QStringLiteral("Reader <reader@example.net>");
    r.messageId = QStringLiteral("%1.%2@example.org").arg(tag, number);
    r.date = QDateTime::fromMSecsSinceEpoch(dateMs ? dateMs : 1700000000000LL + n * 1000LL, Qt::UTC);
    r.bodyText =
        QStringLiteral("Body of message %1 in batch tag%2. Lorem ipsum dolor sit amet.").arg(number, tag);
    r.raw = QByteArray("From: sender") + number.toUtf8() + "@example.org\r\nSubject: " + r.subject.toUtf8() +
            "\r\nMessage-ID: <" + r.messageId.toUtf8() + ">\r\n\r\n" + r.bodyText.toUtf8() + "\r\n" +
            QByteArray(512, 'x') + "\r\n";
    return r;
}

inline qint64 scalar(Petrel::Store::Database &db, const QByteArray &sql)
{
    Petrel::Store::Statement s(db, sql);
    return s.step() ? s.columnInt64(0) : -1;
}

inline QString text(Petrel::Store::Database &db, const QByteArray &sql)
{
    Petrel::Store::Statement s(db, sql);
    return s.step() ? s.columnText(0) : QString();
}

} // namespace StoreTestData
