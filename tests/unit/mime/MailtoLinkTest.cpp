// mailto: links (RFC 6068) as browsers and desktops hand them to Petrel, including hostile ones.
#include "mime/MailtoLink.h"

#include <QtTest>

using Petrel::Mime::MailtoLink;

class MailtoLinkTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainAddress()
    {
        const auto link = MailtoLink::parse(QStringLiteral("mailto:someone@example.org"));
        QVERIFY(link);
        QCOMPARE(link->to, QStringList{QStringLiteral("someone@example.org")});
        QVERIFY(link->subject.isEmpty());
        QVERIFY(link->body.isEmpty());
    }

    void everyFieldDecoded()
    {
        const auto link = MailtoLink::parse(QStringLiteral(
            "MAILTO:a@example.org,b%40example.org?cc=c@example.org&BCC=d@example.org&to=e@example.org"
            "&subject=Caf%C3%A9%20au%20lait&body=Line%201%0D%0ALine%202%0Aend+plus"
            "&In-Reply-To=%3C1234@example.org%3E"));
        QVERIFY(link);
        QCOMPARE(link->to, (QStringList{QStringLiteral("a@example.org"), QStringLiteral("b@example.org"),
                                        QStringLiteral("e@example.org")}));
        QCOMPARE(link->cc, QStringList{QStringLiteral("c@example.org")});
        QCOMPARE(link->bcc, QStringList{QStringLiteral("d@example.org")});
        QCOMPARE(link->subject, QString::fromUtf8("Café au lait"));
        // '+' is a plus sign in mailto: (RFC 6068 section 5), not a space.
        QCOMPARE(link->body, QStringLiteral("Line 1\nLine 2\nend+plus"));
        QCOMPARE(link->inReplyTo, QStringLiteral("1234@example.org"));
        QVERIFY(link->ignoredFields.isEmpty());
    }

    void noRecipientButSubject()
    {
        const auto link = MailtoLink::parse(QStringLiteral("mailto:?subject=Hi"));
        QVERIFY(link);
        QVERIFY(link->to.isEmpty());
        QCOMPARE(link->subject, QStringLiteral("Hi"));
    }

    void headerInjectionIsFlattened()
    {
        const auto link = MailtoLink::parse(QStringLiteral(
            "mailto:x@example.org%0D%0ABcc:%20spy@evil.example?subject=Hello%0D%0ABcc:%20spy@evil.example"
            "&cc=c@example.org%0AX-Evil:%201"));
        QVERIFY(link);
        for (const QString &value : link->to + link->cc + QStringList{link->subject}) {
            QVERIFY2(!value.contains(QLatin1Char('\r')) && !value.contains(QLatin1Char('\n')), qPrintable(value));
        }
        QCOMPARE(link->subject, QStringLiteral("Hello Bcc: spy@evil.example"));
        QVERIFY(link->bcc.isEmpty());
    }

    void dangerousFieldsAreIgnoredAndNamed()
    {
        const auto link = MailtoLink::parse(QStringLiteral(
            "mailto:a@example.org?from=boss@example.org&attach=/etc/passwd&X-Mailer=evil&subject=ok"));
        QVERIFY(link);
        QCOMPARE(link->subject, QStringLiteral("ok"));
        QCOMPARE(link->ignoredFields, (QStringList{QStringLiteral("from"), QStringLiteral("attach"),
                                                   QStringLiteral("x-mailer")}));
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        const auto link = MailtoLink::parse(QStringLiteral("mailto:a@example.org?subject=%FF%FEok"));
        QVERIFY(link);
        QVERIFY(link->subject.endsWith(QStringLiteral("ok")));
        QVERIFY(link->subject.contains(QChar(QChar::ReplacementCharacter)));
    }

    void limitsAreErrors()
    {
        QString error;
        QVERIFY(!MailtoLink::parse(QStringLiteral("https://example.org"), &error));
        QVERIFY(error.contains(QStringLiteral("mailto")));

        error.clear();
        const QString huge = QStringLiteral("mailto:a@example.org?body=") + QString(MailtoLink::MaxLinkLength, u'x');
        QVERIFY(!MailtoLink::parse(huge, &error));
        QVERIFY(error.contains(QStringLiteral("too long")));

        error.clear();
        QStringList many;
        for (int i = 0; i <= MailtoLink::MaxRecipients; ++i)
            many << QStringLiteral("r%1@example.org").arg(i);
        QVERIFY(!MailtoLink::parse(QStringLiteral("mailto:") + many.join(QLatin1Char(',')), &error));
        QVERIFY(error.contains(QString::number(MailtoLink::MaxRecipients)));
    }

    void isMailtoIgnoresCase()
    {
        QVERIFY(MailtoLink::isMailto(QStringLiteral("MailTo:x@example.org")));
        QVERIFY(!MailtoLink::isMailto(QStringLiteral("/home/user/mailto:x")));
    }
};

QTEST_GUILESS_MAIN(MailtoLinkTest)
#include "MailtoLinkTest.moc"
