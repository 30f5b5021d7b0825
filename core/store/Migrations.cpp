#include "store/Migrations.h"

#include "store/Database.h"
#include "store/StoreLogging.h"
#include "store/Transaction.h"

#include <QDateTime>

#include <iterator>

namespace Petrel::Store {
namespace {

// Never edit a migration once released: add a new one.
// Dates are UTC epoch milliseconds. Flags: seen=1 answered=2 flagged=4 deleted=8 draft=16.
constexpr const char *migration1 = R"SQL(
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    protocol TEXT NOT NULL CHECK (protocol IN ('imap', 'pop3')),
    address TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    settings_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings_json) AND json_type(settings_json) = 'object'),
    created_at INTEGER NOT NULL
);

CREATE TABLE folders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'none'
        CHECK (role IN ('none', 'inbox', 'sent', 'drafts', 'trash', 'junk', 'archive')),
    delimiter TEXT NOT NULL DEFAULT '',
    uidvalidity INTEGER NOT NULL DEFAULT 0,
    uidnext INTEGER NOT NULL DEFAULT 0,
    highestmodseq INTEGER NOT NULL DEFAULT 0,
    subscribed INTEGER NOT NULL DEFAULT 1,
    unread_count INTEGER NOT NULL DEFAULT 0,
    total_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, path)
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    uid INTEGER,
    uidl TEXT,
    content_hash TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    from_display TEXT NOT NULL DEFAULT '',
    from_address TEXT NOT NULL DEFAULT '',
    to_addresses TEXT NOT NULL DEFAULT '',
    cc_addresses TEXT NOT NULL DEFAULT '',
    reply_to TEXT NOT NULL DEFAULT '',
    date INTEGER NOT NULL DEFAULT 0,
    internal_date INTEGER NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL DEFAULT '',
    in_reply_to TEXT NOT NULL DEFAULT '',
    references_ids TEXT NOT NULL DEFAULT '',
    thread_key TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    flags INTEGER NOT NULL DEFAULT 0,
    keywords TEXT NOT NULL DEFAULT '',
    has_attachments INTEGER NOT NULL DEFAULT 0,
    preview TEXT NOT NULL DEFAULT '',
    has_body INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX messages_folder_uid ON messages(folder_id, uid) WHERE uid IS NOT NULL;
CREATE UNIQUE INDEX messages_folder_uidl ON messages(folder_id, uidl) WHERE uidl IS NOT NULL;
CREATE INDEX messages_folder_date ON messages(folder_id, date DESC, id DESC);
CREATE INDEX messages_folder_hash ON messages(folder_id, content_hash);
CREATE INDEX messages_thread_key ON messages(thread_key);
CREATE INDEX messages_message_id ON messages(message_id);

-- Bodies live apart so that listing a folder never pages raw mail in.
CREATE TABLE message_raw (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    part_path TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    content_id TEXT NOT NULL DEFAULT '',
    is_inline INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments(message_id);

-- Folder counts follow every insert, delete, move and flag change, including cascades.
CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
    UPDATE folders SET total_count = total_count + 1,
                       unread_count = unread_count + ((new.flags & 1) = 0)
     WHERE id = new.folder_id;
END;
CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
    UPDATE folders SET total_count = total_count - 1,
                       unread_count = unread_count - ((old.flags & 1) = 0)
     WHERE id = old.folder_id;
END;
CREATE TRIGGER messages_count_update AFTER UPDATE OF flags, folder_id ON messages
WHEN old.folder_id <> new.folder_id OR (old.flags & 1) <> (new.flags & 1) BEGIN
    UPDATE folders SET total_count = total_count - 1,
                       unread_count = unread_count - ((old.flags & 1) = 0)
     WHERE id = old.folder_id;
    UPDATE folders SET total_count = total_count + 1,
                       unread_count = unread_count + ((new.flags & 1) = 0)
     WHERE id = new.folder_id;
END;
)SQL";

// Full-text index. A regular FTS5 table: it holds the only copy of the body text; rowid is
// messages.id. The store inserts rows; the trigger removes them, also on cascaded deletes.
constexpr const char *migration2 = R"SQL(
CREATE VIRTUAL TABLE message_fts USING fts5(
    subject, addresses, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_fts WHERE rowid = old.id;
END;
)SQL";

constexpr const char *migration3 = R"SQL(
CREATE TABLE pending_operations (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json)),
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pending_operations_account ON pending_operations(account_id, id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id_header TEXT NOT NULL DEFAULT '',
    raw BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
)SQL";

// POP3 archive state per account. A UIDL stays known after the user moved or deleted its message
// (message_id becomes NULL), so it is never downloaded twice; times are when it was downloaded.
constexpr const char *migration4 = R"SQL(
CREATE TABLE pop3_uidls (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    uidl TEXT NOT NULL,
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    first_seen_at INTEGER NOT NULL,
    downloaded_at INTEGER NOT NULL,
    deleted_from_server INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, uidl)
);
CREATE INDEX pop3_uidls_message ON pop3_uidls(message_id);
)SQL";

// The outbox keeps each message's SMTP envelope (Bcc recipients are in no header) and when it went.
constexpr const char *migration5 = R"SQL(
ALTER TABLE outbox ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN recipients_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients_json));
ALTER TABLE outbox ADD COLUMN sent_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_account ON outbox(account_id, id);
)SQL";

// A folder of an IMAP account that lives only here (e.g. the POP3 archive kept when an account
// switched to IMAP): the IMAP sync neither removes nor fills it.
constexpr const char *migration6 = R"SQL(
ALTER TABLE folders ADD COLUMN local_only INTEGER NOT NULL DEFAULT 0;
)SQL";

// One index per sortable message list column, so that sorting a large folder by any column and
// paging through it (keyset, StoreReader::messageListAfter) reads a page, never the folder. The
// expressions must stay identical to MessageListSql's sort expressions, or SQLite will not use them.
constexpr const char *migration7 = R"SQL(
CREATE INDEX messages_folder_from ON messages(folder_id,
    (CASE WHEN from_display <> '' THEN from_display ELSE from_address END) COLLATE NOCASE, date, id);
CREATE INDEX messages_folder_subject ON messages(folder_id, subject COLLATE NOCASE, date, id);
CREATE INDEX messages_folder_size ON messages(folder_id, size, date, id);
CREATE INDEX messages_folder_flagged ON messages(folder_id, (flags & 4), date, id);
CREATE INDEX messages_folder_attachment ON messages(folder_id, has_attachments, date, id);
)SQL";

// from: and to: search substrings of the address headers. Without an index that reads every
// message; this trigram index (case folded) finds the candidates, MessageListSql checks them with
// LIKE. Contentless, no column sizes: it holds trigrams and rowids only (about 200 bytes a
// message); the triggers keep it in step, handing "delete" the very text that was indexed.
constexpr const char *migration8 = R"SQL(
CREATE VIRTUAL TABLE message_address_trigrams USING fts5(
    sender, recipients,
    tokenize = 'trigram', detail = 'column', content = '', columnsize = 0
);
INSERT INTO message_address_trigrams (rowid, sender, recipients)
    SELECT id, from_display || ' ' || from_address, to_addresses || ' ' || cc_addresses FROM messages;
CREATE TRIGGER messages_address_trigrams_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_address_trigrams (rowid, sender, recipients)
    VALUES (new.id, new.from_display || ' ' || new.from_address, new.to_addresses || ' ' || new.cc_addresses);
END;
CREATE TRIGGER messages_address_trigrams_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_address_trigrams (message_address_trigrams, rowid, sender, recipients)
    VALUES ('delete', old.id, old.from_display || ' ' || old.from_address, old.to_addresses || ' ' || old.cc_addresses);
END;
CREATE TRIGGER messages_address_trigrams_update
AFTER UPDATE OF id, from_display, from_address, to_addresses, cc_addresses ON messages BEGIN
    INSERT INTO message_address_trigrams (message_address_trigrams, rowid, sender, recipients)
    VALUES ('delete', old.id, old.from_display || ' ' || old.from_address, old.to_addresses || ' ' || old.cc_addresses);
    INSERT INTO message_address_trigrams (rowid, sender, recipients)
    VALUES (new.id, new.from_display || ' ' || new.from_address, new.to_addresses || ' ' || new.cc_addresses);
END;
)SQL";

// Search in time independent of the store's size (MessageListSql's two plans):
// - subject: joins from: and to: in the trigram index (a third column; FTS5 cannot add one, so the
//   table is rebuilt: about 25 s for 1,000,000 messages, once), so a rare subject no longer reads
//   every message; LIKE still decides, the matches are the same.
// - messages_date lets a search of every folder walk the messages newest first and stop after a
//   page (migration 1's date index starts with the folder).
// Cost at insert (10,000 messages into 100,000, SQL alone): 1.19-1.26 s before, 1.29-1.95 s after
// (CPU 0.43-0.45 s to 0.49-0.57 s); the initial sync spends about 5 s on 10,000 messages.
constexpr const char *migration9 = R"SQL(
DROP TRIGGER messages_address_trigrams_insert;
DROP TRIGGER messages_address_trigrams_delete;
DROP TRIGGER messages_address_trigrams_update;
DROP TABLE message_address_trigrams;
CREATE VIRTUAL TABLE message_header_trigrams USING fts5(
    sender, recipients, subject,
    tokenize = 'trigram', detail = 'column', content = '', columnsize = 0
);
INSERT INTO message_header_trigrams (rowid, sender, recipients, subject)
    SELECT id, from_display || ' ' || from_address, to_addresses || ' ' || cc_addresses, subject FROM messages;
CREATE TRIGGER messages_header_trigrams_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_header_trigrams (rowid, sender, recipients, subject)
    VALUES (new.id, new.from_display || ' ' || new.from_address, new.to_addresses || ' ' || new.cc_addresses, new.subject);
END;
CREATE TRIGGER messages_header_trigrams_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_header_trigrams (message_header_trigrams, rowid, sender, recipients, subject)
    VALUES ('delete', old.id, old.from_display || ' ' || old.from_address, old.to_addresses || ' ' || old.cc_addresses, old.subject);
END;
CREATE TRIGGER messages_header_trigrams_update
AFTER UPDATE OF id, from_display, from_address, to_addresses, cc_addresses, subject ON messages BEGIN
    INSERT INTO message_header_trigrams (message_header_trigrams, rowid, sender, recipients, subject)
    VALUES ('delete', old.id, old.from_display || ' ' || old.from_address, old.to_addresses || ' ' || old.cc_addresses, old.subject);
    INSERT INTO message_header_trigrams (rowid, sender, recipients, subject)
    VALUES (new.id, new.from_display || ' ' || new.from_address, new.to_addresses || ' ' || new.cc_addresses, new.subject);
END;
CREATE INDEX messages_date ON messages(date DESC, id DESC);
)SQL";

// A no-change IMAP resync must not read a whole folder (tests/benchmarks, item 2). It counts a
// folder's UID rows as folders.total_count minus its UID-less rows (local only: a change still to
// replay, a message the server refused; in an IMAP folder they are few), which this index counts
// without reading the rest; and it plans the bodies still to download from the folder's
// headers-only rows, which the second index lists without reading the rows that have theirs.
constexpr const char *migration10 = R"SQL(
CREATE INDEX messages_folder_uidless ON messages(folder_id) WHERE uid IS NULL;
CREATE INDEX messages_folder_bodyless ON messages(folder_id, internal_date) WHERE has_body = 0 AND uid IS NOT NULL;
)SQL";

// The writers add a message's trigram row themselves (MessageInserter, ImapActionCache), after
// the batch's message rows: written from the insert trigger, it made FTS5 flush a segment for every
// message (MessageInserter.h). Same rows, same contents; deletes and updates keep their triggers.
constexpr const char *migration11 = R"SQL(
DROP TRIGGER messages_header_trigrams_insert;
)SQL";

constexpr const char *migrations[] = {migration1, migration2, migration3, migration4, migration5, migration6,
                                      migration7, migration8, migration9, migration10, migration11};

} // namespace

namespace Migrations {

int latestVersion()
{
    return int(std::size(migrations));
}

void apply(Database &db, int targetVersion)
{
    if (targetVersion < 0 || targetVersion > latestVersion()) {
        throw StoreError(StoreError::Kind::InvalidArgument, QStringLiteral("migrate"),
                         QStringLiteral("no schema version %1").arg(targetVersion));
    }
    // Bounded by the number of migrations; each iteration applies exactly one.
    for (int next = db.schemaVersion() + 1; next <= targetVersion; ++next) {
        Transaction transaction(db);
        const int current = db.schemaVersion(); // another writer may have got here first
        if (current >= next) {
            next = current;
            continue;
        }
        const QString operation = QStringLiteral("apply schema migration %1").arg(next);
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
                operation);
        db.exec(migrations[next - 1], operation);
        Statement record(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
        record.bindInt64(1, next).bindInt64(2, QDateTime::currentMSecsSinceEpoch()).exec();
        db.exec(QByteArray("PRAGMA user_version = ") + QByteArray::number(next), operation);
        transaction.commit();
        qCDebug(lcStore) << "applied schema migration" << next << "to" << db.path();
    }
}

} // namespace Migrations
} // namespace Petrel::Store
