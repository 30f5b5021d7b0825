#include "ImapSyncHarness.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"
#include "sync/imap/ImapSyncEngine.h"

#include <QDateTime>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

namespace Petrel::Test {

ImapSyncHarness::ImapSyncHarness(const TestServers &servers, const TestUser &user, const QString &databasePath,
                                 const QString &existingAccount)
    : m_servers(servers), m_user(user), m_path(databasePath),
      m_writer(std::make_unique<Store::StoreWriter>(databasePath))
{
    if (!existingAccount.isEmpty()) {
        Store::Statement s(m_writer->database(), "SELECT id FROM accounts WHERE name = ?1");
        s.bindText(1, existingAccount);
        if (s.step())
            m_accountId = s.columnInt64(0);
        return;
    }
    Store::AccountRow row;
    row.name = QStringLiteral("imap-") + user.localPart();
    row.protocol = Store::AccountProtocol::Imap;
    row.address = user.login;
    m_accountId = m_writer->addAccount(row);
}

ImapSyncHarness::~ImapSyncHarness() = default;

Net::ConnectionSettings ImapSyncHarness::settings() const
{
    Net::ConnectionSettings s =
        m_servers.connectionSettings(m_port ? m_port : m_servers.imapTlsPort(), Net::Security::ImplicitTls);
    s.idleTimeoutMs = 60000; // a first sync of a seeded folder may be busy for a while
    return s;
}

Core::ImapSyncResult ImapSyncHarness::sync(int timeoutMs, const std::function<void(Core::ImapSyncEngine &)> &configure)
{
    Core::ImapSyncEngine engine(*m_writer, m_accountId);
    engine.setConnectionSettings(settings());
    engine.setCredentials({m_user.login, m_user.password});
    if (configure)
        configure(engine);
    Core::ImapSyncResult result;
    result.error = Core::ImapSyncResult::Error::Cancelled;
    result.message = QStringLiteral("the sync did not finish in time");
    int finishedCount = 0;
    QEventLoop loop;
    QObject::connect(&engine, &Core::ImapSyncEngine::finished, &loop, [&](const Core::ImapSyncResult &r) {
        result = r;
        ++finishedCount;
        QTimer::singleShot(50, &loop, &QEventLoop::quit); // linger so a second finished() is seen
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine.start();
    loop.exec();
    if (finishedCount > 1) {
        result.error = Core::ImapSyncResult::Error::Cancelled;
        result.message = QStringLiteral("finished() was emitted %1 times").arg(finishedCount);
    }
    return result;
}

ImapSyncSnapshot ImapSyncHarness::stored(const QString &folder) const
{
    ImapSyncSnapshot out;
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT m.uid, m.flags, m.keywords, m.message_id, m.size FROM messages m"
                            " JOIN folders f ON f.id = m.folder_id WHERE f.account_id = ?1 AND f.path = ?2");
    s.bindInt64(1, m_accountId).bindText(2, folder);
    static const QList<QPair<int, QString>> names = {{1, QStringLiteral("\\Seen")},    {2, QStringLiteral("\\Answered")},
                                                     {4, QStringLiteral("\\Flagged")}, {8, QStringLiteral("\\Deleted")},
                                                     {16, QStringLiteral("\\Draft")}};
    while (s.step()) {
        ImapSyncSnapshotEntry e;
        const qint64 bits = s.columnInt64(1);
        for (const auto &[bit, name] : names) {
            if (bits & bit)
                e.flags << name;
        }
        e.flags << s.columnText(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        e.flags.sort();
        e.messageId = s.columnText(3);
        e.size = s.columnInt64(4);
        out.insert(quint32(s.columnInt64(0)), e);
    }
    return out;
}

ImapSyncSnapshot ImapSyncHarness::onServer(const QString &mailbox) const
{
    ImapSyncSnapshot out;
    QByteArray text;
    QString error;
    if (!doveadm({QStringLiteral("fetch")},
                 {QStringLiteral("uid flags size.virtual hdr.message-id"), QStringLiteral("mailbox"), mailbox,
                  QStringLiteral("all")},
                 &error, &text)) {
        qWarning("doveadm fetch failed: %s", qPrintable(error));
        return out;
    }
    // Records are separated by form feeds; fields are "name: value" lines.
    for (const QByteArray &record : text.split('\f')) {
        quint32 uid = 0;
        ImapSyncSnapshotEntry e;
        for (const QByteArray &line : record.split('\n')) {
            const QString l = QString::fromUtf8(line).trimmed();
            if (l.startsWith(QLatin1String("uid: ")))
                uid = l.mid(5).toUInt();
            else if (l.startsWith(QLatin1String("flags:"))) {
                for (const QString &f : l.mid(6).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                    if (f.compare(QLatin1String("\\Recent"), Qt::CaseInsensitive) != 0)
                        e.flags << f;
                }
            } else if (l.startsWith(QLatin1String("size.virtual: ")))
                e.size = l.mid(14).toLongLong();
            else if (l.startsWith(QLatin1String("hdr.message-id:")))
                e.messageId = l.mid(15).trimmed().remove(QLatin1Char('<')).remove(QLatin1Char('>'));
        }
        e.flags.sort();
        if (uid)
            out.insert(uid, e);
    }
    return out;
}

QString ImapSyncHarness::differences(const QString &mailbox) const
{
    const ImapSyncSnapshot server = onServer(mailbox);
    const ImapSyncSnapshot local = stored(mailbox);
    if (server.isEmpty())
        return QStringLiteral("the server has no messages in %1 (or doveadm failed)").arg(mailbox);
    if (local.keys() != server.keys())
        return QStringLiteral("%1: the cache has %2 messages, the server %3 (UIDs differ)")
            .arg(mailbox)
            .arg(local.size())
            .arg(server.size());
    for (auto it = server.cbegin(); it != server.cend(); ++it) {
        const ImapSyncSnapshotEntry &l = local.value(it.key());
        if (l != *it)
            return QStringLiteral("%1 uid %2: cache (%3 | %4 | %5) vs server (%6 | %7 | %8)")
                .arg(mailbox)
                .arg(it.key())
                .arg(l.flags.join(QLatin1Char(' ')), l.messageId)
                .arg(l.size)
                .arg(it->flags.join(QLatin1Char(' ')), it->messageId)
                .arg(it->size);
    }
    return {};
}

qint64 ImapSyncHarness::localId(const QString &folder, quint32 uid) const
{
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id"
                            " WHERE f.account_id = ?1 AND f.path = ?2 AND m.uid = ?3");
    s.bindInt64(1, m_accountId).bindText(2, folder).bindInt64(3, uid);
    return s.step() ? s.columnInt64(0) : 0;
}

int ImapSyncHarness::pendingOperations() const
{
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT count(*) FROM pending_operations WHERE account_id = ?1");
    s.bindInt64(1, m_accountId);
    return s.step() ? int(s.columnInt64(0)) : -1;
}

QStringList ImapSyncHarness::storedFolders() const
{
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT path || ':' || role FROM folders WHERE account_id = ?1 ORDER BY path");
    s.bindInt64(1, m_accountId);
    QStringList out;
    while (s.step())
        out << s.columnText(0);
    return out;
}

int ImapSyncHarness::storedBodies(const QString &folder) const
{
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT count(*) FROM messages m JOIN folders f ON f.id = m.folder_id"
                            " JOIN message_raw r ON r.message_id = m.id WHERE f.account_id = ?1 AND f.path = ?2");
    s.bindInt64(1, m_accountId).bindText(2, folder);
    return s.step() ? int(s.columnInt64(0)) : -1;
}

bool ImapSyncHarness::doveadm(const QStringList &commandWords, const QStringList &rest, QString *error,
                              QByteArray *out) const
{
    const auto r = m_servers.doveadm(commandWords + QStringList{QStringLiteral("-u"), m_user.login} + rest);
    if (out)
        *out = r.stdOut;
    if (r.exitCode != 0) {
        *error = QStringLiteral("doveadm %1 failed (%2): %3")
                     .arg(commandWords.join(QLatin1Char(' ')))
                     .arg(r.exitCode)
                     .arg(QString::fromUtf8(r.stdErr));
        return false;
    }
    return true;
}

bool ImapSyncHarness::resetMailboxes(QString *error) const
{
    QByteArray list;
    if (!doveadm({QStringLiteral("mailbox"), QStringLiteral("list")}, {}, error, &list))
        return false;
    for (const QByteArray &line : list.split('\n')) {
        const QString name = QString::fromUtf8(line).trimmed();
        if (name.isEmpty() || name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
            continue;
        doveadm({QStringLiteral("mailbox"), QStringLiteral("unsubscribe")}, {name}, error);
        if (!doveadm({QStringLiteral("mailbox"), QStringLiteral("delete")}, {QStringLiteral("-r"), name}, error))
            return false;
    }
    return doveadm({QStringLiteral("expunge")},
                   {QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("all")}, error);
}

bool ImapSyncHarness::seed(int count, const QString &folder, QString *error, int maxSize) const
{
    QStringList args = {QStringLiteral("--servers"), qEnvironmentVariable("PETREL_TEST_SERVERS"),
                        QStringLiteral("--user"), m_user.login, QStringLiteral("--count"), QString::number(count),
                        // A fresh seed each run: the tool refuses to seed the same messages twice.
                        QStringLiteral("--seed"), QString::number(QDateTime::currentMSecsSinceEpoch() % 1000000000),
                        QStringLiteral("--max-size"), QString::number(maxSize)};
    if (!folder.isEmpty())
        args << QStringLiteral("--folder") << folder;
    QProcess p;
    p.start(QStringLiteral(PETREL_SEED_FOR_TEST), args);
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("petrel-seed failed: ") + QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    return true;
}

} // namespace Petrel::Test
