#include "GuiColdStart.h"

#include "BenchTable.h"

#include "store/AccountRow.h"
#include "store/Database.h"
#include "store/StorePaths.h"
#include "store/StoreWriter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>

namespace Petrel::Bench {

namespace {

struct StartRun
{
    double seconds = -1;
    double peakMb = -1;
    int rows = -1;
    qint64 total = -1;
    QString platform;
    QString error;
    bool ok() const { return error.isEmpty() && seconds >= 0; }
};

// One instrumented start of petrel on the profile; the probe writes its figures to a file.
StartRun startPetrel(const QString &profileDir)
{
    StartRun run;
    const QString file = profileDir + QStringLiteral("/first-paint.txt");
    QFile::remove(file);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PETREL_EXIT_AFTER_FIRST_PAINT"), file);
    // Without a display (and no platform chosen) Qt's offscreen platform paints in memory.
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")) && !env.contains(QStringLiteral("DISPLAY")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess petrel;
    petrel.setProcessEnvironment(env);
    petrel.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    petrel.start(QStringLiteral(PETREL_GUI_BINARY), {QStringLiteral("--profile"), profileDir, QStringLiteral("--lang"),
                                                      QStringLiteral("en")});
    if (!petrel.waitForFinished(120000)) {
        petrel.kill();
        petrel.waitForFinished();
        run.error = QStringLiteral("petrel did not paint its list within 120 s: %1").arg(petrel.errorString());
        return run;
    }
    QSettings values(file, QSettings::IniFormat); // "key=value" lines
    if (petrel.exitCode() != 0 || !values.contains(QStringLiteral("seconds"))) {
        run.error = QStringLiteral("petrel exited with %1: %2")
                        .arg(petrel.exitCode())
                        .arg(values.value(QStringLiteral("error"), QStringLiteral("no figures written")).toString());
        return run;
    }
    run.seconds = values.value(QStringLiteral("seconds")).toDouble();
    run.peakMb = values.value(QStringLiteral("peak_rss_bytes")).toDouble() / 1e6;
    run.rows = values.value(QStringLiteral("rows")).toInt();
    run.total = values.value(QStringLiteral("total")).toLongLong();
    run.platform = values.value(QStringLiteral("platform")).toString();
    return run;
}

// The faster of two starts (the peak memory is the lower of the two, too).
StartRun bestOfTwo(const QString &profileDir)
{
    StartRun a = startPetrel(profileDir);
    if (!a.ok())
        return a;
    const StartRun b = startPetrel(profileDir);
    if (b.ok()) {
        a.seconds = qMin(a.seconds, b.seconds);
        a.peakMb = qMin(a.peakMb, b.peakMb);
    }
    return a;
}

// A profile holding a copy of the store as the sync left it (its write-ahead log folded in).
QString profileWithCopy(const QString &dbPath, const QString &profileDir)
{
    QDir(profileDir).removeRecursively();
    QDir().mkpath(profileDir);
    Store::Database::open(dbPath, Store::Database::Role::Writer)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const QString target = Store::defaultDatabasePath(profileDir);
    QDir().mkpath(QFileInfo(target).path());
    if (!QFile::copy(dbPath, target))
        return QStringLiteral("cannot copy %1 to %2").arg(dbPath, target);
    return {};
}

// The same kind of account with an empty Inbox.
void emptyProfile(const QString &profileDir)
{
    QDir(profileDir).removeRecursively();
    QDir().mkpath(profileDir);
    const QString target = Store::defaultDatabasePath(profileDir);
    QDir().mkpath(QFileInfo(target).path());
    Store::StoreWriter writer(target);
    Store::AccountRow row;
    row.name = QStringLiteral("bench-imap");
    row.protocol = Store::AccountProtocol::Imap;
    row.address = QStringLiteral("empty@example.invalid");
    const qint64 account = writer.addAccount(row);
    writer.ensureFolder(account, QStringLiteral("INBOX"), Store::FolderRole::Inbox);
}

} // namespace

void guiColdStartItems(const QString &imapDbPath, const QString &workDir, BenchTable &table)
{
    const QString full = workDir + QStringLiteral("/gui-profile");
    const QString empty = workDir + QStringLiteral("/gui-profile-empty");
    if (const QString error = profileWithCopy(imapDbPath, full); !error.isEmpty()) {
        table.addFailed(QStringLiteral("8 GUI cold start to first paint"), error);
        return;
    }
    emptyProfile(empty);
    const StartRun reference = bestOfTwo(empty);
    const StartRun run = bestOfTwo(full);
    if (!run.ok() || !reference.ok()) {
        table.addFailed(QStringLiteral("8 GUI cold start to first paint"), run.ok() ? reference.error : run.error);
        return;
    }
    BenchRow start;
    start.item = QStringLiteral("8 GUI cold start to first paint");
    start.count = run.total;
    start.petrel = run.seconds;
    start.reference = reference.seconds;
    start.target = QStringLiteral("< 0.5 s");
    start.met = run.rows > 0 && run.seconds < 0.5;
    start.note = QStringLiteral("real petrel (%1), %2 rows loaded, painted; faster of 2 starts, warm page cache; "
                                "reference: same start, empty Inbox")
                     .arg(run.platform)
                     .arg(run.rows);
    table.add(start);
    BenchRow peak;
    peak.item = QStringLiteral("8 peak RSS, Inbox open");
    peak.count = run.total;
    peak.unit = QStringLiteral("MB");
    peak.petrel = run.peakMb;
    peak.reference = reference.peakMb;
    peak.target = QStringLiteral("< 250 MB");
    peak.met = run.peakMb < 250;
    peak.note = QStringLiteral("at the first paint (ru_maxrss); reference: same start, empty Inbox");
    table.add(peak);
}

} // namespace Petrel::Bench
