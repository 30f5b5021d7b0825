#pragma once

namespace Petrel::Store {

class Database;

// The schema's history: numbered migrations, forward only. PRAGMA user_version holds the version
// reached; schema_migrations records when each step ran.
namespace Migrations {

int latestVersion();

// Applies every migration above the current version up to targetVersion, each in its own
// transaction, re-reading the version under the write lock so concurrent writers cannot apply a
// step twice. Throws StoreError; a failed step leaves the database at the previous version.
void apply(Database &db, int targetVersion);

} // namespace Migrations
} // namespace Petrel::Store
