#pragma once

#include <QString>

namespace Petrel::Bench {

class BenchTable;

// Item 8, GUI part: the real `petrel` started on a copy of the IMAP store (the account's Inbox of
// N messages) until its message list has painted the Inbox (PETREL_EXIT_AFTER_FIRST_PAINT, see
// app/petrel/FirstPaintProbe.h); the faster of two starts, warm page cache. Reference: the same
// start on a profile whose account has an empty Inbox. Adds the rows "8 GUI cold start to first
// paint" and "8 peak RSS, Inbox open".
void guiColdStartItems(const QString &imapDbPath, const QString &workDir, BenchTable &table);

} // namespace Petrel::Bench
