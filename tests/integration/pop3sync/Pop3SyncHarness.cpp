#include "Pop3SyncHarness.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QTimer>

namespace Petrel::Test {

Pop3SyncHarness::Pop3SyncHarness(const TestServers &servers, const TestUser &user, const QString &databasePath,
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
    row.name = QStringLiteral("pop-") + user.localPart();
    row.protocol = Store::AccountProtocol::Pop3;
    row.address = user.login;
    m_accountId = m_writer->addAccount(row);
}

Pop3SyncHarness::~Pop3SyncHarness() = default;

Net::ConnectionSettings Pop3SyncHarness::settings(quint16 port) const
{
    Net::ConnectionSettings s =
        m_servers.connectionSettings(port ? port : m_servers.pop3TlsPort(), Net::Security::ImplicitTls);
    s.idleTimeoutMs = 60000; // RETR of the 20 MB message
    return s;
}

Core::Pop3FetchResult Pop3SyncHarness::fetch(const Core::Pop3Retention &retention, quint16 port,
                                             Core::Pop3Fetcher::Clock clock, int timeoutMs)
{
    Core::Pop3Fetcher fetcher(*m_writer, m_accountId);
    fetcher.setConnectionSettings(settings(port));
    fetcher.setCredentials({m_user.login, m_user.password, Pop3::Pop3Credentials::Method::Automatic});
    fetcher.setRetention(retention);
    if (clock)
        fetcher.setClock(clock);
    Core::Pop3FetchResult result;
    result.error = Core::Pop3FetchResult::Error::Cancelled;
    result.message = QStringLiteral("the check did not finish in time");
    int finishedCount = 0;
    QEventLoop loop;
    QObject::connect(&fetcher, &Core::Pop3Fetcher::finished, &loop, [&](const Core::Pop3FetchResult &r) {
        result = r;
        ++finishedCount;
        // Linger briefly so a second finished() would be seen.
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    fetcher.start();
    loop.exec();
    if (finishedCount > 1) {
        result.error = Core::Pop3FetchResult::Error::Cancelled;
        result.message = QStringLiteral("finished() was emitted %1 times").arg(finishedCount);
    }
    return result;
}

QByteArray Pop3SyncHarness::messageId(const QByteArray &raw)
{
    static const QRegularExpression re(QStringLiteral("(?im)^message-id:\\s*(<[^>\\r\\n]*>)"));
    const qsizetype headerEnd = raw.indexOf("\n\n") >= 0 ? raw.indexOf("\n\n") : raw.indexOf("\r\n\r\n");
    const QString head = QString::fromLatin1(raw.left(headerEnd < 0 ? raw.size() : headerEnd));
    const auto match = re.match(head);
    return match.hasMatch() ? match.captured(1).toLatin1() : QByteArray();
}

QByteArray Pop3SyncHarness::toLf(QByteArray raw)
{
    raw.replace("\r\n", "\n");
    return raw;
}

QMultiHash<QByteArray, QByteArray> Pop3SyncHarness::archived() const
{
    QMultiHash<QByteArray, QByteArray> out;
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "SELECT r.raw FROM messages m JOIN folders f ON f.id = m.folder_id"
                            " LEFT JOIN message_raw r ON r.message_id = m.id WHERE f.account_id = ?1");
    s.bindInt64(1, m_accountId);
    while (s.step()) {
        const QByteArray raw = s.columnBlob(0);
        out.insert(messageId(raw), raw);
    }
    return out;
}

QMultiHash<QByteArray, QByteArray> Pop3SyncHarness::onServer() const
{
    QMultiHash<QByteArray, QByteArray> out;
    for (const char *sub : {"new", "cur"}) {
        QDir dir(m_user.maildir + QLatin1Char('/') + QLatin1String(sub));
        for (const QString &name : dir.entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue; // expunged between listing and reading
            const QByteArray raw = f.readAll();
            out.insert(messageId(raw), raw);
        }
    }
    return out;
}

QString Pop3SyncHarness::integrityCheck() const
{
    auto db = Store::Database::open(m_path, Store::Database::Role::Reader);
    Store::Statement s(*db, "PRAGMA integrity_check");
    QStringList lines;
    while (s.step())
        lines << s.columnText(0);
    return lines.join(QLatin1Char('\n'));
}

bool expungeAll(const TestServers &servers, const TestUser &user, QString *error)
{
    const auto r = servers.doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), user.login,
                                    QStringLiteral("mailbox"), QStringLiteral("INBOX"), QStringLiteral("all")});
    if (r.exitCode != 0) {
        *error = QString::fromUtf8(r.stdErr);
        return false;
    }
    return true;
}

int serverCount(const TestServers &servers, const TestUser &user)
{
    return servers.messageCount(user.login, QStringLiteral("INBOX"));
}

bool injectNumbered(const TestServers &servers, const TestUser &user, const QByteArray &tag, int count,
                    QString *error)
{
    const int before = serverCount(servers, user);
    for (int i = 0; i < count; ++i) {
        QByteArray body;
        for (int line = 0; line < 40; ++line)
            body += "Line " + QByteArray::number(line) + " of message " + QByteArray::number(i) +
                    ", padded so that messages span several TLS records.\n";
        const QByteArray message = "From: sender@petrel.test\nTo: " + user.login.toUtf8() + "\nSubject: " + tag +
                                   ' ' + QByteArray::number(i) +
                                   "\nDate: Sun, 22 Nov 2026 03:00:00 +0000\nMessage-ID: <" + tag + '-' +
                                   QByteArray::number(i) + "@petrel.test>\nMIME-Version: 1.0\n"
                                   "Content-Type: text/plain; charset=us-ascii\n\n" + body;
        if (!servers.injectMessage(QStringLiteral("sender@petrel.test"), {user.login}, message, error))
            return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (serverCount(servers, user) < before + count && timer.elapsed() < 60000) {
        QEventLoop loop;
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (serverCount(servers, user) < before + count) {
        *error = QStringLiteral("delivery of %1 messages did not finish within a minute").arg(count);
        return false;
    }
    return true;
}

} // namespace Petrel::Test
