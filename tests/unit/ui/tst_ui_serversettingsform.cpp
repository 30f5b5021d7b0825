// The server settings form: values round-trip, defaults show as placeholders, choosing no
// encryption warns, edits signal changed(), and bad values are named by problems().
#include "accounts/ServerSettingsForm.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Petrel;
using Core::IncomingProtocol;
using Core::Security;

class UiServerSettingsFormTest : public QObject
{
    Q_OBJECT

    static Core::AccountSettings sample()
    {
        Core::AccountSettings s;
        s.name = QStringLiteral("Work");
        s.address = QStringLiteral("alice@example.org");
        s.protocol = IncomingProtocol::Pop3;
        s.incoming = {QStringLiteral("pop.example.org"), 1995, Security::StartTls, QStringLiteral("alice")};
        s.outgoing = {QStringLiteral("smtp.example.org"), 0, Security::ImplicitTls, QString()};
        s.pinnedCertificateSha256 = QString(64, QLatin1Char('a'));
        return s;
    }

private Q_SLOTS:
    void roundTripsAndKeepsTheRest()
    {
        Ui::ServerSettingsForm form;
        form.setSettings(sample());
        Core::AccountSettings out;
        out.name = QStringLiteral("Other");
        form.applyTo(out);
        QCOMPARE(out.name, QStringLiteral("Other")); // applyTo touches the server part only
        QCOMPARE(out.protocol, IncomingProtocol::Pop3);
        QCOMPARE(out.incoming.host, QStringLiteral("pop.example.org"));
        QCOMPARE(out.incoming.port, quint16(1995));
        QCOMPARE(out.incoming.security, Security::StartTls);
        QCOMPARE(out.incoming.userName, QStringLiteral("alice"));
        QCOMPARE(out.outgoing.host, QStringLiteral("smtp.example.org"));
        QCOMPARE(out.outgoing.port, quint16(0));
        QCOMPARE(form.settings().pinnedCertificateSha256, sample().pinnedCertificateSha256);
        QVERIFY(form.problems().isEmpty());
    }

    void defaultsAreShownAsPlaceholders()
    {
        Ui::ServerSettingsForm form;
        Core::AccountSettings s = sample();
        s.protocol = IncomingProtocol::Imap;
        s.incoming.port = 0;
        s.incoming.security = Security::ImplicitTls;
        s.incoming.userName.clear();
        form.setSettings(s);
        auto *port = form.findChild<QLineEdit *>(QStringLiteral("incomingPort"));
        auto *user = form.findChild<QLineEdit *>(QStringLiteral("incomingUserName"));
        QVERIFY(port && user);
        QVERIFY(port->text().isEmpty());
        QVERIFY2(port->placeholderText().contains(QLatin1String("993")), qPrintable(port->placeholderText()));
        QVERIFY(user->placeholderText().contains(QLatin1String("address")));
        form.findChild<QComboBox *>(QStringLiteral("incomingProtocol"))->setCurrentIndex(1); // POP3
        QVERIFY(port->placeholderText().contains(QLatin1String("995")));
        auto *outPort = form.findChild<QLineEdit *>(QStringLiteral("outgoingPort"));
        QVERIFY(outPort->placeholderText().contains(QLatin1String("465")));
        auto *outSecurity = form.findChild<QComboBox *>(QStringLiteral("outgoingSecurity"));
        outSecurity->setCurrentIndex(outSecurity->findData(int(Security::StartTls)));
        QVERIFY(outPort->placeholderText().contains(QLatin1String("587")));
    }

    void noEncryptionWarns()
    {
        Ui::ServerSettingsForm form;
        form.setSettings(sample());
        form.show();
        auto *security = form.findChild<QComboBox *>(QStringLiteral("incomingSecurity"));
        auto *warning = form.findChild<QLabel *>(QStringLiteral("incomingClearTextWarning"));
        QVERIFY(security && warning);
        QVERIFY(!warning->isVisible());
        QSignalSpy changed(&form, &Ui::ServerSettingsForm::changed);
        security->setCurrentIndex(security->findData(int(Security::None)));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QLatin1String("clear text")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(form.settings().incoming.security, Security::None);
    }

    void userEditsSignalAndBadValuesAreProblems()
    {
        Ui::ServerSettingsForm form;
        QSignalSpy changed(&form, &Ui::ServerSettingsForm::changed);
        form.setSettings(sample());
        QCOMPARE(changed.count(), 0);
        auto *host = form.findChild<QLineEdit *>(QStringLiteral("incomingHost"));
        host->clear();
        QTest::keyClicks(host, QStringLiteral("bad host!"));
        QVERIFY(changed.count() > 0);
        const QStringList problems = form.problems();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QLatin1String("incoming server")), qPrintable(problems.first()));
    }
};

QTEST_MAIN(UiServerSettingsFormTest)
#include "tst_ui_serversettingsform.moc"
