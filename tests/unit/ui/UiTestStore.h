#pragma once

// A temporary profile store for the widget tests, seeded directly through StoreWriter.

#include "importing/MessageRecordBuilder.h"
#include "localmail/LocalFolders.h"
#include "mime/MessageComposer.h"
#include "mime/MessageIdGenerator.h"
#include "mime/MessageParser.h"
#include "store/StorePaths.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

namespace UiTest {

struct Profile
{
    QTemporaryDir dir;
    QString databasePath = Petrel::Store::defaultDatabasePath(dir.path());

    qint64 addAccount(const QString &name, const QString &address, Petrel::Store::AccountProtocol protocol,
                      const QString &displayName = QString())
    {
        Petrel::Store::StoreWriter writer(databasePath);
        Petrel::Store::AccountRow account;
        account.name = name;
        account.address = address;
        account.displayName = displayName;
        account.protocol = protocol;
        const qint64 id = writer.addAccount(account);
        if (protocol == Petrel::Store::AccountProtocol::Pop3) {
            Petrel::Store::StoreReader reader(databasePath);
            Petrel::Core::LocalFolders::ensureDefaults(writer, reader, id);
        } else {
            writer.ensureFolder(id, QStringLiteral("INBOX"), Petrel::Store::FolderRole::Inbox);
        }
        return id;
    }

    qint64 folder(qint64 accountId, Petrel::Store::FolderRole role)
    {
        Petrel::Store::StoreReader reader(databasePath);
        for (const Petrel::Store::FolderRow &f : reader.folders(accountId)) {
            if (f.role == role)
                return f.id;
        }
        return 0;
    }

    // The message as the importer would store it; returns its id.
    qint64 insert(qint64 folderId, const QByteArray &raw)
    {
        const Petrel::Mime::ParseResult parsed = Petrel::Mime::MessageParser::parse(raw);
        return insertRecord(folderId, Petrel::Core::buildMessageRecord(raw, parsed.message));
    }

    qint64 insertRecord(qint64 folderId, const Petrel::Store::MessageRecord &record)
    {
        Petrel::Store::StoreWriter writer(databasePath);
        const Petrel::Store::InsertResult result = writer.insertMessages(
            folderId, {record}, Petrel::Store::DuplicatePolicy::SkipSameContentHashInFolder);
        return result.insertedIds.value(0);
    }
};

inline QByteArray composed(const Petrel::Mime::OutgoingMessage &message)
{
    const Petrel::Mime::ComposeResult result = Petrel::Mime::MessageComposer::compose(message);
    if (!result.isOk())
        qFatal("test message not composed: %s", qPrintable(result.error));
    return result.raw;
}

inline Petrel::Mime::OutgoingMessage outgoing(const QString &subject)
{
    Petrel::Mime::OutgoingMessage m;
    m.from = {QStringLiteral("Alice Example"), QStringLiteral("alice@example.org")};
    m.to = {{QString(), QStringLiteral("me@example.org")}};
    m.subject = subject;
    m.textBody = QStringLiteral("text");
    m.messageId = Petrel::Mime::generateMessageId(m.from.address);
    return m;
}

inline QByteArray pngBytes(QColor color)
{
    QImage image(3, 2, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace UiTest
