// Hostile attachment names, from the MIME header (RFC 2231, so any character can be sent) to the
// file the message view writes: traversal, Unix and Windows absolute paths, reserved device
// names, control and bidi characters, 1000-character names. Each is saved inside the chosen
// folder under a name that is safe on Windows, macOS and Linux, with its bytes intact.
#include "UiTestStore.h"

#include "message/MessageView.h"
#include "message/RemoteContentPolicy.h"
#include "mime/FileNameSanitizer.h"

#include <QTreeWidget>

using namespace Petrel;
using Petrel::Store::AccountProtocol;
using Petrel::Store::FolderRole;

namespace {

// A filename parameter in RFC 2231 continuations (20 characters each), percent-encoded UTF-8.
QByteArray filenameParameter(const QString &name)
{
    QByteArray out;
    const QList<uint> codePoints = name.toUcs4();
    for (qsizetype start = 0, part = 0; start < codePoints.size(); start += 20, ++part) {
        const QString chunk = QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData() + start),
                                                qMin<qsizetype>(20, codePoints.size() - start));
        out += ";\r\n filename*" + QByteArray::number(part) + "*=" + (part == 0 ? "UTF-8''" : "") +
               chunk.toUtf8().toPercentEncoding();
    }
    return out;
}

QByteArray messageWithAttachment(const QString &name, const QByteArray &content)
{
    return "From: Hostile <hostile@example.org>\r\nTo: gus@petrel.test\r\nSubject: a file\r\n"
           "Date: Sun, 22 Nov 2026 09:00:00 +0000\r\nMessage-ID: <file@hostile.example>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
           "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
           "Content-Disposition: attachment" + filenameParameter(name) + "\r\n\r\n" + content.toBase64() +
           "\r\n--b--\r\n";
}

bool isReservedOnWindows(const QString &name)
{
    // The part before the first dot, as Windows compares it (also COM¹…LPT³).
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    for (const char *device : {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}) {
        if (stem == QLatin1String(device))
            return true;
    }
    if (stem.size() != 4 || !(stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT"))))
        return false;
    const QChar digit = stem.at(3);
    return (digit >= QLatin1Char('1') && digit <= QLatin1Char('9')) || digit == QChar(0xB9) ||
           digit == QChar(0xB2) || digit == QChar(0xB3);
}

// Why name is not safe to create on every platform; empty when it is.
QString unsafeBecause(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("empty or a directory name");
    if (name.toUtf8().size() > 255)
        return QStringLiteral("longer than 255 bytes");
    if (name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char(' ')))
        return QStringLiteral("leading dot or trailing dot/space");
    if (isReservedOnWindows(name))
        return QStringLiteral("a Windows device name");
    for (const char32_t c : name.toUcs4()) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return QStringLiteral("a control character");
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F)
            return QStringLiteral("a bidi control");
        if (QStringLiteral("/\\<>:\"|?*").contains(QChar(c)))
            return QStringLiteral("a separator or reserved character");
    }
    return {};
}

} // namespace

class UiAttachmentNamesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedSafelyInsideTheFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected"); // exact result where one is obvious; empty: properties only
        const QChar rlo(0x202E);
        QTest::newRow("parent traversal") << QStringLiteral("../../../../home/gus/.bashrc") << QStringLiteral("bashrc");
        QTest::newRow("unix absolute") << QStringLiteral("/etc/cron.d/evil") << QStringLiteral("evil");
        QTest::newRow("home shortcut") << QStringLiteral("~/.ssh/authorized_keys") << QStringLiteral("authorized_keys");
        QTest::newRow("file url") << QStringLiteral("file:///etc/passwd") << QStringLiteral("passwd");
        QTest::newRow("windows drive") << QStringLiteral("C:\\Windows\\System32\\evil.dll") << QStringLiteral("evil.dll");
        QTest::newRow("windows drive-relative") << QStringLiteral("C:evil.exe") << QStringLiteral("C_evil.exe");
        QTest::newRow("windows UNC") << QStringLiteral("\\\\server\\share\\payload.exe") << QStringLiteral("payload.exe");
        QTest::newRow("windows traversal") << QStringLiteral("..\\..\\startup.bat") << QStringLiteral("startup.bat");
        QTest::newRow("device path") << QStringLiteral("\\\\.\\PhysicalDrive0") << QStringLiteral("PhysicalDrive0");
        QTest::newRow("only dots") << QStringLiteral("...") << QString();
        QTest::newRow("CON") << QStringLiteral("CON") << QString();
        QTest::newRow("con.txt") << QStringLiteral("con.txt") << QString();
        QTest::newRow("NUL.tar.gz") << QStringLiteral("NUL.tar.gz") << QString();
        QTest::newRow("COM1.log") << QStringLiteral("COM1.log") << QString();
        QTest::newRow("lpt1") << QStringLiteral("lpt1") << QString();
        QTest::newRow("LPT9.doc") << QStringLiteral("LPT9.doc") << QString();
        QTest::newRow("AUX with space") << QStringLiteral("aux .txt") << QString();
        QTest::newRow("PRN trailing dot") << QStringLiteral("PRN.") << QString();
        QTest::newRow("COM superscript") << QString(QStringLiteral("COM") + QChar(0xB9) + QStringLiteral(".txt")) << QString();
        QTest::newRow("LPT superscript") << QString(QStringLiteral("lpt") + QChar(0xB3)) << QString();
        QTest::newRow("CONIN$") << QStringLiteral("CONIN$") << QString();
        QTest::newRow("control characters") << QStringLiteral("a\x01" "b\x1b[31mc\x7f.txt") << QString();
        QTest::newRow("CR LF") << QStringLiteral("report\r\nX-Evil: 1.pdf") << QString();
        QTest::newRow("tab and NEL") << QString(QStringLiteral("tab\tname") + QChar(0x85) + QStringLiteral(".txt")) << QString();
        QTest::newRow("RTL override") << QString(QStringLiteral("invoice") + rlo + QStringLiteral("fdp.exe")) << QStringLiteral("invoicefdp.exe");
        QTest::newRow("isolates") << QString(QStringLiteral("a") + QChar(0x2066) + QStringLiteral("b") + QChar(0x2069) + QStringLiteral(".txt"))
                                  << QStringLiteral("ab.txt");
        QTest::newRow("reserved characters") << QStringLiteral("a<b>c:d\"e|f?g*h.txt") << QStringLiteral("a_b_c_d_e_f_g_h.txt");
        QTest::newRow("trailing dots and spaces") << QStringLiteral("virus.exe. . ") << QStringLiteral("virus.exe");
        QTest::newRow("1000 ascii") << QString(QString(1000, QLatin1Char('a')) + QStringLiteral(".pdf")) << QString();
        QTest::newRow("1000 cjk") << QString(1000, QChar(0x6F22)) << QString();
        QTest::newRow("1000 dots and slashes") << QStringLiteral("../").repeated(333) << QString();
        QTest::newRow("long extension") << QString(QStringLiteral("x.") + QString(1000, QLatin1Char('e'))) << QString();
    }

    void savedSafelyInsideTheFolder()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);

        const QString sanitised = Mime::sanitizeFileName(name);
        QVERIFY2(unsafeBecause(sanitised).isEmpty(), qPrintable(unsafeBecause(sanitised) + QStringLiteral(": ") + sanitised));
        if (!expected.isEmpty())
            QCOMPARE(sanitised, expected);

        UiTest::Profile profile;
        QVERIFY(profile.dir.isValid());
        const qint64 account = profile.addAccount(QStringLiteral("Gus"), QStringLiteral("gus@petrel.test"), AccountProtocol::Pop3);
        const QByteArray content = QByteArray("attachment bytes \x00\xff\r\n", 21) + name.toUtf8();
        const qint64 id = profile.insert(profile.folder(account, FolderRole::Inbox), messageWithAttachment(name, content));
        QVERIFY(id > 0);
        Ui::RemoteContentPolicy policy(profile.dir.filePath(QStringLiteral("settings.ini")));
        Ui::MessageView view(profile.databasePath, policy);
        QVERIFY(view.showMessage(id));
        QCOMPARE(view.attachmentList()->topLevelItemCount(), 1);
        const QString listed = view.attachmentList()->topLevelItem(0)->text(0);
        for (const QChar c : listed)
            QVERIFY2(c.unicode() >= 0x20 && c != QChar(0x202E), qPrintable(listed));

        QTemporaryDir target;
        const QString chosen = QDir(target.path()).filePath(QStringLiteral("downloads"));
        QVERIFY(QDir().mkpath(chosen));
        QString error;
        const QString path = view.saveAttachmentTo(0, chosen, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        const QFileInfo info(path);
        QCOMPARE(info.absoluteDir().canonicalPath(), QDir(chosen).canonicalPath());
        QVERIFY2(unsafeBecause(info.fileName()).isEmpty(), qPrintable(info.fileName()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        // Nothing was created anywhere else.
        QCOMPARE(QDir(target.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("downloads")});
        QCOMPARE(QDir(chosen).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);
    }
};

QTEST_MAIN(UiAttachmentNamesTest)
#include "tst_ui_attachment_names.moc"
