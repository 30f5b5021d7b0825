#include "StoreTestData.h"

#include "store/Database.h"
#include "store/Migrations.h"
#include "store/StoreError.h"
#include "store/StorePaths.h"
#include "store/Transaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Petrel::Store;
using StoreTestData::scalar;
using StoreTestData::text;

class StoreMigrationsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_counter)); }

    static QStringList schema(Database &db)
    {
        QStringList rows;
        Statement s(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
        while (s.step()) {
            rows << (s.columnText(0) + QLatin1Char('|') + s.columnText(1) + QLatin1Char('|') +
                     s.columnText(2) + QLatin1Char('|') + s.columnText(3));
        }
        return rows;
    }

    static bool hasObject(Database &db, const char *type, const char *name)
    {
        Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2");
        s.bindText(1, QLatin1String(type)).bindText(2, QLatin1String(name));
        return s.step();
    }

    static QByteArray fileHash(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaultPath()
    {
        QCOMPARE(defaultDatabasePath(QStringLiteral("/home/u/.local/share/Petrel")),
                 QStringLiteral("/home/u/.local/share/Petrel/petrel.sqlite"));
    }

    void everyMigrationFromEmpty()
    {
        const QString path = m_dir.filePath(QStringLiteral("sub/dïr ü/petrel.sqlite"));
        auto db = Database::open(path, Database::Role::Writer);
        QVERIFY(QFile::exists(path));
        QVERIFY(Migrations::latestVersion() >= 3);
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
        QCOMPARE(scalar(*db, "SELECT count(*) FROM schema_migrations"), qint64(Migrations::latestVersion()));
        QCOMPARE(scalar(*db, "SELECT max(version) FROM schema_migrations"),
                 qint64(Migrations::latestVersion()));

        for (const char *table : {"accounts", "folders", "messages", "message_raw", "attachments",
                                  "pending_operations", "outbox", "message_fts", "schema_migrations", "pop3_uidls"}) {
            QVERIFY2(hasObject(*db, "table", table), table);
        }
        for (const char *index : {"messages_folder_date", "messages_thread_key", "messages_message_id",
                                  "messages_folder_uid", "messages_folder_uidl", "messages_folder_hash",
                                  "attachments_message", "pending_operations_account", "outbox_state",
                                  "pop3_uidls_message"}) {
            QVERIFY2(hasObject(*db, "index", index), index);
        }
        // The FTS table really is FTS5.
        QVERIFY(text(*db, "SELECT sql FROM sqlite_master WHERE name = 'message_fts'")
                    .contains(QLatin1String("fts5")));

        // Connection settings the store promises.
        QCOMPARE(text(*db, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(scalar(*db, "PRAGMA foreign_keys"), 1);
        QCOMPARE(scalar(*db, "PRAGMA synchronous"), 2); // FULL
        QVERIFY(scalar(*db, "PRAGMA busy_timeout") > 0);
        QCOMPARE(scalar(*db, "PRAGMA query_only"), 0);

        // Paging a folder walks the (folder_id, date DESC, id DESC) index instead of sorting.
        Statement plan(*db, "EXPLAIN QUERY PLAN SELECT id FROM messages m WHERE m.folder_id = 1"
                            " AND (m.date, m.id) < (5, 5) ORDER BY m.date DESC, m.id DESC LIMIT 50");
        QString details;
        while (plan.step()) {
            details += plan.columnText(3) + QLatin1Char('\n');
        }
        QVERIFY2(details.contains(QLatin1String("messages_folder_date")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("TEMP B-TREE")), qPrintable(details));
    }

    void reopenIsNoOp()
    {
        const QString path = freshPath();
        QStringList before;
        QString appliedBefore;
        {
            auto db = Database::open(path, Database::Role::Writer);
            before = schema(*db);
            appliedBefore =
                text(*db, "SELECT group_concat(version || ':' || applied_at) FROM schema_migrations");
        }
        auto db = Database::open(path, Database::Role::Writer);
        QCOMPARE(schema(*db), before);
        QCOMPARE(text(*db, "SELECT group_concat(version || ':' || applied_at) FROM schema_migrations"),
                 appliedBefore);
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
    }

    void stepByStepMatchesFromEmpty()
    {
        QStringList reference;
        {
            auto db = Database::open(freshPath(), Database::Role::Writer);
            reference = schema(*db);
        }
        for (int k = 0; k <= Migrations::latestVersion(); ++k) {
            const QString path = freshPath();
            {
                auto partial = Database::openWriter(path, k);
                QCOMPARE(partial->schemaVersion(), k);
                if (k > 0) {
                    QCOMPARE(scalar(*partial, "SELECT count(*) FROM schema_migrations"), qint64(k));
                }
            }
            auto db = Database::open(path, Database::Role::Writer);
            QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
            QCOMPARE(schema(*db), reference);
            QCOMPARE(scalar(*db, "SELECT count(*) FROM schema_migrations"),
                     qint64(Migrations::latestVersion()));
        }
    }

    void newerSchemaIsRefusedAndLeftUnchanged()
    {
        const QString path = freshPath();
        {
            auto db = Database::open(path, Database::Role::Writer);
            db->exec("INSERT INTO accounts (name, protocol, created_at) VALUES ('keep', 'imap', 1)");
            db->exec(QByteArray("PRAGMA user_version = ") +
                     QByteArray::number(Migrations::latestVersion() + 1));
        }
        QVERIFY(
            !QFile::exists(path + QLatin1String("-wal"))); // checkpointed on close: the file is all there is
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());

        for (const auto role : {Database::Role::Writer, Database::Role::Reader}) {
            bool refused = false;
            try {
                Database::open(path, role);
            } catch (const StoreError &e) {
                refused = true;
                QCOMPARE(e.kind(), StoreError::Kind::SchemaTooNew);
                QVERIFY2(e.message().contains(QLatin1String("newer Petrel")), qPrintable(e.text()));
                QVERIFY(e.message().contains(QString::number(Migrations::latestVersion() + 1)));
            }
            QVERIFY(refused);
            QCOMPARE(fileHash(path), before);
        }
    }

    void readerRefusesUnmigratedSchema()
    {
        const QString path = freshPath();
        Database::openWriter(path, 1);
        try {
            Database::open(path, Database::Role::Reader);
            QFAIL("a reader opened a schema older than the code");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::SchemaTooOld);
        }
    }

    void readerIsQueryOnlyAndNeedsAFile()
    {
        const QString path = freshPath();
        Database::open(path, Database::Role::Writer);
        auto reader = Database::open(path, Database::Role::Reader);
        QCOMPARE(scalar(*reader, "PRAGMA query_only"), 1);
        QVERIFY_THROWS_EXCEPTION(
            StoreError,
            reader->exec("INSERT INTO accounts (name, protocol, created_at) VALUES ('x', 'imap', 1)"));
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM accounts"), 0);

        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        QVERIFY_THROWS_EXCEPTION(StoreError, Database::open(missing, Database::Role::Reader));
        QVERIFY(!QFile::exists(missing));
    }

    void garbageFileIsAClearErrorAndUntouched()
    {
        const QString path = freshPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'G'));
        }
        const QByteArray before = fileHash(path);
        try {
            Database::open(path, Database::Role::Writer);
            QFAIL("opened a file that is not a database");
        } catch (const StoreError &e) {
            QVERIFY2(e.message().contains(QLatin1String("not a database")), qPrintable(e.text()));
            QVERIFY(e.operation().contains(path));
        }
        QCOMPARE(fileHash(path), before);
    }

    void transactionRollsBackUnlessCommitted()
    {
        auto db = Database::open(freshPath(), Database::Role::Writer);
        {
            Transaction t(*db);
            db->exec("INSERT INTO accounts (name, protocol, created_at) VALUES ('gone', 'imap', 1)");
        }
        QCOMPARE(scalar(*db, "SELECT count(*) FROM accounts"), 0);
        {
            Transaction t(*db);
            db->exec("INSERT INTO accounts (name, protocol, created_at) VALUES ('kept', 'pop3', 1)");
            t.commit();
        }
        QCOMPARE(scalar(*db, "SELECT count(*) FROM accounts"), 1);
        // Constraint errors carry SQLite's words and leave the statement reusable.
        Statement &insert =
            db->cached("INSERT INTO accounts (name, protocol, created_at) VALUES (?1, 'imap', 1)");
        insert.bindText(1, QStringLiteral("kept"));
        try {
            insert.exec();
            QFAIL("duplicate name accepted");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Constraint);
            QVERIFY2(e.message().contains(QLatin1String("UNIQUE")), qPrintable(e.text()));
        }
        insert.reset();
        insert.bindText(1, QStringLiteral("other")).exec();
        QCOMPARE(scalar(*db, "SELECT count(*) FROM accounts"), 2);
    }
};

QTEST_GUILESS_MAIN(StoreMigrationsTest)
#include "tst_store_migrations.moc"
