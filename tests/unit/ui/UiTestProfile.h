#pragma once

// A temporary profile for UI tests, seeded directly through the store's writer.
#include "accounts/AccountRegistry.h"
#include "credentials/CredentialStore.h"
#include "store/MessageRecord.h"
#include "store/StorePaths.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

class UiTestProfile
{
public:
    UiTestProfile()
    {
        QDir().mkpath(path());
        writer = std::make_unique<Petrel::Store::StoreWriter>(Petrel::Store::defaultDatabasePath(path()));
        reader = std::make_unique<Petrel::Store::StoreReader>(Petrel::Store::defaultDatabasePath(path()));
    }

    QString path() const { return m_dir.filePath(QStringLiteral("profile")); }

    // A POP3 account (its default local folders come with it) at 127.0.0.1:port, no password stored.
    qint64 addPop3Account(const QString &name, quint16 port = 1)
    {
        return addAccount(name, Petrel::Store::AccountProtocol::Pop3, port);
    }

    qint64 addAccount(const QString &name, Petrel::Store::AccountProtocol protocol, quint16 port)
    {
        Petrel::Core::AccountSettings s;
        s.name = name;
        s.address = name.toLower() + QStringLiteral("@example.org");
        s.protocol = protocol;
        s.incoming.host = QStringLiteral("127.0.0.1");
        s.incoming.port = port;
        s.incoming.security = Petrel::Net::Security::None;
        Petrel::Core::CredentialStore credentials;
        Petrel::Core::AccountRegistry registry(*writer, *reader, credentials);
        const auto outcome = registry.add(s, std::nullopt);
        if (!outcome.ok)
            qFatal("cannot add the account: %s", qPrintable(outcome.error));
        return outcome.accountId;
    }

    qint64 folderId(qint64 accountId, const QString &path)
    {
        for (const auto &f : reader->folders(accountId)) {
            if (f.path == path)
                return f.id;
        }
        return 0;
    }

    // Ids oldest first (up to MaxPageSize). count messages "m0".."m<count-1>", dated one minute apart (m0 oldest); shape adjusts each.
    QList<qint64> seed(qint64 folderId, int count,
                       const std::function<void(int, Petrel::Store::MessageRecord &)> &shape = {})
    {
        QList<Petrel::Store::MessageRecord> records;
        const QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
        for (int i = 0; i < count; ++i) {
            Petrel::Store::MessageRecord r;
            r.subject = QStringLiteral("m%1").arg(i);
            r.fromDisplay = QStringLiteral("Sender %1").arg(i % 7);
            r.fromAddress = QStringLiteral("sender%1@example.org").arg(i % 7);
            r.to = QStringLiteral("me@example.org");
            r.date = start.addSecs(60LL * i);
            r.internalDate = r.date;
            r.messageId = QStringLiteral("m%1-%2@example.org").arg(i).arg(folderId);
            r.contentHash = QStringLiteral("hash-%1-%2").arg(folderId).arg(i);
            r.size = 1000 + (i * 37) % 5000;
            if (shape)
                shape(i, r);
            records.append(r);
        }
        writer->insertMessages(folderId, records, Petrel::Store::DuplicatePolicy::SkipSameContentHashInFolder);
        QList<qint64> ids;
        for (const auto &m : reader->messages(folderId, Petrel::Store::StoreReader::MaxPageSize))
            ids.prepend(m.id);
        return ids;
    }

    std::unique_ptr<Petrel::Store::StoreWriter> writer;
    std::unique_ptr<Petrel::Store::StoreReader> reader;

private:
    QTemporaryDir m_dir;
};
