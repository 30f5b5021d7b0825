// Accepted certificates: the incoming server's pin, and the SMTP server's own where it is another
// host; a pin never carries over to a host it was not accepted for.
#include "accounts/AccountSettings.h"

#include <QTest>

using namespace Petrel::Core;

namespace {

const QString IncomingPin = QString(64, u'a');
const QString OutgoingPin = QString(64, u'b');

AccountSettings account(const QString &incomingHost, const QString &outgoingHost)
{
    AccountSettings a;
    a.name = QStringLiteral("work");
    a.address = QStringLiteral("me@example.org");
    a.incoming.host = incomingHost;
    a.outgoing.host = outgoingHost;
    return a;
}

} // namespace

class TestAccountsCertificatePins : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theIncomingPinCoversTheSameHostOnly()
    {
        AccountSettings same = account(QStringLiteral("mail.example.org"), QString());
        same.pinnedCertificateSha256 = IncomingPin;
        QCOMPARE(same.incomingConnection().tls.pinnedSha256, IncomingPin.toLatin1());
        QCOMPARE(same.outgoingConnection().tls.pinnedSha256, IncomingPin.toLatin1());

        AccountSettings other = account(QStringLiteral("imap.example.org"), QStringLiteral("smtp.example.org"));
        other.pinnedCertificateSha256 = IncomingPin;
        QCOMPARE(other.incomingConnection().tls.pinnedSha256, IncomingPin.toLatin1());
        QVERIFY(other.outgoingConnection().tls.pinnedSha256.isEmpty());
    }

    void theSmtpServerHasItsOwnPin()
    {
        AccountSettings a = account(QStringLiteral("imap.example.org"), QStringLiteral("smtp.example.org"));
        a.outgoingPinnedCertificateSha256 = OutgoingPin;
        QVERIFY(a.incomingConnection().tls.pinnedSha256.isEmpty());
        QCOMPARE(a.outgoingConnection().tls.pinnedSha256, OutgoingPin.toLatin1());
        a.pinnedCertificateSha256 = IncomingPin;
        QCOMPARE(a.incomingConnection().tls.pinnedSha256, IncomingPin.toLatin1());
        QCOMPARE(a.outgoingConnection().tls.pinnedSha256, OutgoingPin.toLatin1());
        QVERIFY(a.validate().isEmpty());

        const AccountSettings back = AccountSettings::fromJson(a.toJson());
        QCOMPARE(back.pinnedCertificateSha256, IncomingPin);
        QCOMPARE(back.outgoingPinnedCertificateSha256, OutgoingPin);
    }

    void aMalformedPinIsAProblem()
    {
        AccountSettings a = account(QStringLiteral("imap.example.org"), QStringLiteral("smtp.example.org"));
        a.outgoingPinnedCertificateSha256 = QStringLiteral("AB:CD");
        QVERIFY(a.validate().join(QLatin1Char(' ')).contains(QStringLiteral("SHA-256")));
    }
};

QTEST_GUILESS_MAIN(TestAccountsCertificatePins)
#include "tst_accounts_certificate_pins.moc"
