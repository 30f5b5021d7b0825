// Child process for tst_store_crash: writes a batch of messages and is killed (SIGKILL) by the
// test at a chosen point, so the test can check what a crash leaves in the database.
//
//   store_crash_helper <db> <folderId> <mode> <tag> <count>
//   mode commit       insert and commit the batch, print "committed", exit 0
//   mode hold         insert the batch inside a transaction, print "in-transaction", hold
//   mode early        insert one message, print "in-transaction", insert the rest, hold
//   mode commit-hold  insert and commit, print "committed", hold
// Holding is bounded (exit code 3 after two minutes), so a lost child cannot hang a test run.

#include "StoreTestData.h"

#include "store/Database.h"
#include "store/MessageInserter.h"
#include "store/StoreError.h"
#include "store/StoreWriter.h"
#include "store/Transaction.h"

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace Petrel::Store;

namespace {

void say(const char *line)
{
    std::fprintf(stdout, "%s\n", line);
    std::fflush(stdout);
}

[[noreturn]] void hold()
{
    std::this_thread::sleep_for(std::chrono::minutes(2));
    std::fprintf(stderr, "store_crash_helper: nobody killed me\n");
    std::exit(3);
}

QList<MessageRecord> records(const QString &tag, int first, int count)
{
    QList<MessageRecord> list;
    list.reserve(count);
    for (int i = first; i < first + count; ++i) {
        MessageRecord r = StoreTestData::message(tag, i);
        r.uidl = tag + QLatin1Char('-') + QString::number(i);
        list.append(r);
    }
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: store_crash_helper <db> <folderId> <mode> <tag> <count>\n");
        return 2;
    }
    const QString path = args[1];
    const qint64 folderId = args[2].toLongLong();
    const QString mode = args[3];
    const QString tag = args[4];
    const int count = args[5].toInt();
    try {
        StoreWriter writer(path);
        Database &db = writer.database();
        MessageInserter inserter(db);
        Transaction transaction(db);
        if (mode == QLatin1String("early")) {
            inserter.insert(folderId, records(tag, 0, 1), DuplicatePolicy::SkipSameRemoteId);
            say("in-transaction");
            inserter.insert(folderId, records(tag, 1, count - 1), DuplicatePolicy::SkipSameRemoteId);
            hold();
        }
        inserter.insert(folderId, records(tag, 0, count), DuplicatePolicy::SkipSameRemoteId);
        if (mode == QLatin1String("hold")) {
            say("in-transaction");
            hold();
        }
        transaction.commit();
        say("committed");
        if (mode == QLatin1String("commit-hold")) {
            hold();
        }
        return mode == QLatin1String("commit") ? 0 : 2;
    } catch (const StoreError &e) {
        std::fprintf(stderr, "store_crash_helper: %s\n", e.what());
        return 1;
    }
}
