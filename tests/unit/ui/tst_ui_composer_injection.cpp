// Header injection through the composer window: CR, LF and CRLF typed or pasted into the subject,
// a To name or address, Cc or Bcc never yield an extra header line or an extra recipient. The
// composer refuses (error shown, nothing queued); once the user puts the text on one line, the
// queued message, parsed, has exactly the headers a message has, the would-be header text stays
// inside its field, and only the recipients the user meant get it.
#include "UiTestStore.h"

#include "compose/AddressLineEdit.h"
#include "compose/ComposerWindow.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>

using namespace Petrel;
using Petrel::Store::AccountProtocol;

namespace {

// The header names of raw, in order, after unfolding.
QList<QByteArray> headerNames(const QByteArray &raw)
{
    const QByteArray block = raw.left(raw.indexOf("\r\n\r\n"));
    QList<QByteArray> names;
    for (const QByteArray &line : block.split('\n')) {
        const QByteArray clean = line.endsWith('\r') ? line.chopped(1) : line;
        if (clean.isEmpty() || clean.startsWith(' ') || clean.startsWith('\t'))
            continue; // a continuation line
        names << clean.left(clean.indexOf(':')).toLower();
    }
    return names;
}

} // namespace

class UiComposerInjectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineBreaksNeverAddHeaders_data()
    {
        QTest::addColumn<QString>("field");   // subject, to, cc, bcc
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("paste");       // insert() as a paste does, else setText()
        const QString victim = QStringLiteral("victim@evil.example");
        for (const bool paste : {false, true}) {
            const char *how = paste ? "pasted" : "set";
            for (const QString &brk : {QStringLiteral("\r\n"), QStringLiteral("\n"), QStringLiteral("\r")}) {
                const QString name = brk == QLatin1String("\r\n") ? QStringLiteral("CRLF")
                                   : brk == QLatin1String("\n")   ? QStringLiteral("LF")
                                                                  : QStringLiteral("CR");
                QTest::addRow("subject %s %s", qPrintable(name), how)
                    << QStringLiteral("subject") << QString(QStringLiteral("Hello") + brk + QStringLiteral("Bcc: ") + victim) << paste;
                QTest::addRow("to name %s %s", qPrintable(name), how)
                    << QStringLiteral("to")
                    << QString(QStringLiteral("\"Bob") + brk + QStringLiteral("X-Injected: 1\" <bob@example.net>")) << paste;
                QTest::addRow("to address %s %s", qPrintable(name), how)
                    << QStringLiteral("to") << QString(QStringLiteral("bob@example.net") + brk + QStringLiteral("Bcc: ") + victim) << paste;
                QTest::addRow("to unquoted name %s %s", qPrintable(name), how)
                    << QStringLiteral("to") << QString(QStringLiteral("Bob") + brk + QStringLiteral("X-Injected: 1 <bob@example.net>")) << paste;
                QTest::addRow("cc %s %s", qPrintable(name), how)
                    << QStringLiteral("cc") << QString(QStringLiteral("carol@example.com") + brk + QStringLiteral("X-Injected: 1")) << paste;
                QTest::addRow("bcc %s %s", qPrintable(name), how)
                    << QStringLiteral("bcc") << QString(QStringLiteral("dan@example.com") + brk + QStringLiteral("To: ") + victim) << paste;
            }
        }
    }

    void lineBreaksNeverAddHeaders()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(bool, paste);
        UiTest::Profile profile;
        QVERIFY(profile.dir.isValid());
        const qint64 account = profile.addAccount(QStringLiteral("Gus"), QStringLiteral("gus@petrel.test"),
                                                  AccountProtocol::Pop3, QStringLiteral("Gus"));
        Ui::ComposerWindow window(profile.databasePath);
        QVERIFY(window.setIdentity(account));
        window.toField()->setText(QStringLiteral("fay@petrel.test"));
        window.subjectField()->setText(QStringLiteral("Plain subject"));
        window.bodyEditor()->setPlainText(QStringLiteral("body"));
        QLineEdit *target = field == QLatin1String("subject") ? window.subjectField()
                          : field == QLatin1String("to")      ? static_cast<QLineEdit *>(window.toField())
                          : field == QLatin1String("cc")      ? static_cast<QLineEdit *>(window.ccField())
                                                              : static_cast<QLineEdit *>(window.bccField());
        if (paste) {
            target->clear();
            target->insert(text);
        } else {
            target->setText(text);
        }

        QVERIFY(!window.send());
        QVERIFY(!window.errorText().isEmpty());
        QVERIFY(!window.errorLabel()->isHidden());
        Store::StoreReader reader(profile.databasePath);
        QVERIFY(reader.outbox().isEmpty());

        // On one line, the same text goes out, and stays where it was typed.
        const bool isName = text.contains(QLatin1String("<bob@"));
        QString fixed = text;
        if (field == QLatin1String("subject") || isName)
            fixed.replace(QRegularExpression(QStringLiteral("[\\r\\n]+")), QStringLiteral(" "));
        else
            fixed = text.left(text.indexOf(QRegularExpression(QStringLiteral("[\\r\\n]"))));
        target->setText(fixed);
        QVERIFY2(window.send(), qPrintable(window.errorText()));
        QCOMPARE(reader.outbox().size(), 1);
        const Store::OutboxRow row = reader.outbox().at(0);
        const QByteArray raw = *reader.outboxRaw(row.id);
        const QList<QByteArray> names = headerNames(raw);
        for (const QByteArray &name : names) {
            QVERIFY2(QList<QByteArray>({"from", "to", "cc", "subject", "date", "message-id", "mime-version",
                                        "content-type", "content-transfer-encoding", "user-agent"})
                         .contains(name),
                     qPrintable(QStringLiteral("unexpected header %1 in\n%2")
                                    .arg(QString::fromLatin1(name), QString::fromUtf8(raw.left(raw.indexOf("\r\n\r\n"))))));
        }
        for (const char *once : {"from", "to", "subject", "date", "message-id"})
            QCOMPARE(names.count(once), 1);
        QVERIFY(!names.contains("bcc"));
        QVERIFY(!raw.contains("\nX-Injected") && !raw.contains("\rX-Injected"));
        for (const QString &recipient : row.recipients)
            QVERIFY2(recipient != QLatin1String("victim@evil.example"), qPrintable(row.recipients.join(QLatin1Char(' '))));
        const Mime::ParseResult parsed = Mime::MessageParser::parse(raw);
        QVERIFY(parsed.isOk());
        if (field == QLatin1String("subject"))
            QCOMPARE(parsed.message.envelope.subject, fixed);
        if (isName)
            QVERIFY2(parsed.message.envelope.to.value(0).name.contains(QLatin1String("X-Injected: 1")),
                     qPrintable(parsed.message.envelope.to.value(0).name));
    }
};

QTEST_MAIN(UiComposerInjectionTest)
#include "tst_ui_composer_injection.moc"
