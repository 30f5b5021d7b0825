#include "ComposerTest.h"

#include "GMimeView.h"

#include "mime/MessageIdGenerator.h"
#include "mime/MessageParser.h"
#include "mime/ReplyBuilder.h"

#include <QDirIterator>
#include <QFile>

using namespace Petrel::Mime;

namespace {

const QByteArray planBytes("%PDF-1.4 plan\x00\x01\x02\xff", 18);

QByteArray originalMessage(const QByteArray &extraHeaders = QByteArray())
{
    return "From: \"Carol Original\" <carol@example.com>\n"
           "To: Alice Sender <Alice@Example.org>, dave@example.net\n"
           "Cc: erin@example.net, alice@example.org, \"Bob\" <bob@example.net>\n"
           "Subject: =?UTF-8?Q?Planung_f=C3=BCr_morgen?=\n"
           "Date: Sat, 21 Nov 2026 10:00:00 +0000\n"
           "Message-ID: <orig.3@example.com>\n"
           "In-Reply-To: <mid.2@example.com>\n"
           "References: <root.1@example.com> <mid.2@example.com>\n"
           + extraHeaders +
           "MIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"b\"\n"
           "\n"
           "--b\n"
           "Content-Type: text/plain; charset=utf-8\n"
           "Content-Transfer-Encoding: 8bit\n"
           "\n"
           "Hello all,\n"
           "> an earlier quote\n"
           "Let's meet at the caf\xc3\xa9.\n"
           "--b\n"
           "Content-Type: application/pdf; name=\"Plaene.pdf\"\n"
           "Content-Disposition: attachment; filename*=UTF-8''Pl%C3%A4ne.pdf\n"
           "Content-Transfer-Encoding: base64\n"
           "\n"
           + planBytes.toBase64() + "\n"
           "--b--\n";
}

const MailAddress alice{QStringLiteral("Alice Sender"), QStringLiteral("alice@example.org")};
const QString subjectText = QString::fromUtf8("Planung für morgen");

ParsedMessage parsed(const QByteArray &raw)
{
    const ParseResult result = MessageParser::parse(raw);
    if (!result.isOk())
        qWarning("parse failed: %s", qPrintable(result.errorString));
    return result.message;
}

// The draft made sendable the way the outbox does it.
OutgoingMessage finished(OutgoingMessage draft)
{
    draft.messageId = generateMessageId(draft.from.address);
    draft.date = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
    return draft;
}

} // namespace

void ComposerTest::replySubjects_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("forward");
    QTest::newRow("plain") << QStringLiteral("Lunch") << QStringLiteral("Re: Lunch") << QStringLiteral("Fwd: Lunch");
    QTest::newRow("already re") << QStringLiteral("Re: Lunch") << QStringLiteral("Re: Lunch") << QStringLiteral("Fwd: Re: Lunch");
    QTest::newRow("upper re") << QStringLiteral("RE: Lunch") << QStringLiteral("RE: Lunch") << QStringLiteral("Fwd: RE: Lunch");
    QTest::newRow("counted re") << QStringLiteral("Re[2]: Lunch") << QStringLiteral("Re[2]: Lunch") << QStringLiteral("Fwd: Re[2]: Lunch");
    QTest::newRow("already fwd") << QStringLiteral("Fwd: Lunch") << QStringLiteral("Re: Fwd: Lunch") << QStringLiteral("Fwd: Lunch");
    QTest::newRow("fw") << QStringLiteral("FW: Lunch") << QStringLiteral("Re: FW: Lunch") << QStringLiteral("FW: Lunch");
    QTest::newRow("word starting with re") << QStringLiteral("Report") << QStringLiteral("Re: Report") << QStringLiteral("Fwd: Report");
    QTest::newRow("empty") << QString() << QStringLiteral("Re: ") << QStringLiteral("Fwd: ");
}

void ComposerTest::replySubjects()
{
    QFETCH(QString, subject);
    QFETCH(QString, reply);
    QFETCH(QString, forward);
    QCOMPARE(ReplyBuilder::replySubject(subject), reply);
    QCOMPARE(ReplyBuilder::forwardSubject(subject), forward);
}

void ComposerTest::replyToSender()
{
    const DraftResult draft = ReplyBuilder::reply(originalMessage(), alice, ReplyMode::Sender);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    const OutgoingMessage &reply = draft.message;
    QCOMPARE(reply.from, alice);
    QCOMPARE(reply.to, (MailAddressList{{QStringLiteral("Carol Original"), QStringLiteral("carol@example.com")}}));
    QVERIFY(reply.cc.isEmpty());
    QCOMPARE(reply.subject, QString(QStringLiteral("Re: ") + subjectText));
    QCOMPARE(reply.inReplyTo, QStringLiteral("orig.3@example.com"));
    QCOMPARE(reply.references, (QStringList{QStringLiteral("root.1@example.com"), QStringLiteral("mid.2@example.com"),
                                            QStringLiteral("orig.3@example.com")}));
    QVERIFY2(reply.textBody.startsWith(QLatin1String("On Sat, 21 Nov 2026 at ")) || reply.textBody.startsWith(QLatin1String("On Sun, 22 Nov 2026 at "))
                 || reply.textBody.startsWith(QLatin1String("On Fri, 20 Nov 2026 at ")),
             qPrintable(reply.textBody));
    QVERIFY2(reply.textBody.contains(QString::fromUtf8(", Carol Original wrote:\n> Hello all,\n>> an earlier quote\n> Let's meet at the café.\n")),
             qPrintable(reply.textBody));
    QVERIFY(reply.attachments.isEmpty());

    const QByteArray raw = composeOk(finished(reply));
    QVERIFY(!raw.isEmpty());
    const ParsedMessage back = parsed(raw);
    QCOMPARE(back.envelope.subject, reply.subject);
    QCOMPARE(back.envelope.inReplyTo, QStringLiteral("orig.3@example.com"));
    QCOMPARE(back.envelope.references, reply.references);
    QCOMPARE(back.envelope.to, reply.to);
    // The quote survives format=flowed: quoted lines keep their depth.
    QVERIFY(back.textBody.contains(QLatin1String(">> an earlier quote")));
    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.inReplyTo.trimmed(), QStringLiteral("<orig.3@example.com>"));
    QCOMPARE(gmime.references, QStringLiteral("<root.1@example.com> <mid.2@example.com> <orig.3@example.com>"));
    QCOMPARE(gmime.subject, reply.subject);
}

void ComposerTest::replyUsesReplyTo()
{
    const QByteArray original = originalMessage("Reply-To: The List <list@example.com>\n");
    DraftResult draft = ReplyBuilder::reply(original, alice, ReplyMode::Sender);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    QCOMPARE(draft.message.to, (MailAddressList{{QStringLiteral("The List"), QStringLiteral("list@example.com")}}));

    draft = ReplyBuilder::reply(original, alice, ReplyMode::All);
    QCOMPARE(draft.message.to.value(0).address, QStringLiteral("list@example.com"));
    QVERIFY(!draft.message.to.contains(MailAddress{QStringLiteral("Carol Original"), QStringLiteral("carol@example.com")}));
}

void ComposerTest::replyAll()
{
    DraftResult draft = ReplyBuilder::reply(originalMessage(), alice, ReplyMode::All);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    // Alice is in To (other case) and in Cc: gone from both.
    QCOMPARE(draft.message.to, (MailAddressList{{QStringLiteral("Carol Original"), QStringLiteral("carol@example.com")},
                                                {QString(), QStringLiteral("dave@example.net")}}));
    QCOMPARE(draft.message.cc, (MailAddressList{{QString(), QStringLiteral("erin@example.net")},
                                                {QStringLiteral("Bob"), QStringLiteral("bob@example.net")}}));
    QCOMPARE(draft.message.inReplyTo, QStringLiteral("orig.3@example.com"));

    const ComposeResult result = MessageComposer::compose(finished(draft.message));
    QVERIFY2(result.isOk(), qPrintable(result.error));
    QCOMPARE(result.envelopeRecipients, (QStringList{QStringLiteral("carol@example.com"), QStringLiteral("dave@example.net"),
                                                     QStringLiteral("erin@example.net"), QStringLiteral("bob@example.net")}));
    const GMimeView gmime = viewWithGMime(result.raw);
    QCOMPARE(gmime.to, (QStringList{QStringLiteral("Carol Original|carol@example.com"), QStringLiteral("|dave@example.net")}));
    QCOMPARE(gmime.cc, (QStringList{QStringLiteral("|erin@example.net"), QStringLiteral("Bob|bob@example.net")}));

    // Other addresses of one's own are left out too.
    draft = ReplyBuilder::reply(originalMessage(), alice, ReplyMode::All, {QStringLiteral("BOB@example.net")});
    QCOMPARE(draft.message.cc, (MailAddressList{{QString(), QStringLiteral("erin@example.net")}}));
}

void ComposerTest::replyToOwnMessage()
{
    const QByteArray sent = "From: Alice Sender <alice@example.org>\nTo: dave@example.net\nSubject: Mine\n"
                            "Message-ID: <mine@example.org>\n\nMy text.\n";
    DraftResult draft = ReplyBuilder::reply(sent, alice, ReplyMode::Sender);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    QCOMPARE(draft.message.to, (MailAddressList{{QString(), QStringLiteral("dave@example.net")}}));
    QCOMPARE(draft.message.references, QStringList{QStringLiteral("mine@example.org")});
    QVERIFY(draft.message.textBody.startsWith(QLatin1String("Alice Sender wrote:\n> My text.")));

    const QByteArray toSelf = "From: alice@example.org\nTo: alice@example.org\nSubject: Note\n\nx\n";
    draft = ReplyBuilder::reply(toSelf, alice, ReplyMode::All);
    QCOMPARE(draft.message.to, (MailAddressList{{QString(), QStringLiteral("alice@example.org")}}));
    QVERIFY(draft.message.inReplyTo.isEmpty());

    QVERIFY(!ReplyBuilder::reply("not a message at all", alice, ReplyMode::Sender).isOk());
    QVERIFY(!ReplyBuilder::forwardInline(QByteArray(), alice).isOk());
}

void ComposerTest::referencesTrimmed()
{
    Envelope envelope;
    for (int i = 0; i < 30; ++i)
        envelope.references.append(QStringLiteral("ref%1@example.com").arg(i));
    envelope.messageId = QStringLiteral("last@example.com");
    const QStringList ids = ReplyBuilder::replyReferences(envelope);
    QCOMPARE(ids.size(), 20);
    QCOMPARE(ids.first(), QStringLiteral("ref0@example.com"));
    QCOMPARE(ids.at(1), QStringLiteral("ref12@example.com"));
    QCOMPARE(ids.last(), QStringLiteral("last@example.com"));

    Envelope broken;
    broken.references = {QStringLiteral("ok@example.com"), QStringLiteral("two words@x"), QString::fromUtf8("ü@x"), QStringLiteral("no-at")};
    broken.messageId = QStringLiteral("bad id");
    QCOMPARE(ReplyBuilder::replyReferences(broken), QStringList{QStringLiteral("ok@example.com")});
    const QByteArray brokenOriginal = "From: carol@example.com\nSubject: x\nMessage-ID: no brackets and spaces\n"
                                      "References: <ok@example.com> <bad id>\n\nText\n";
    const DraftResult draft = ReplyBuilder::reply(brokenOriginal, alice, ReplyMode::Sender);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    QVERIFY(draft.message.inReplyTo.isEmpty());
    QVERIFY(MessageComposer::compose(finished(draft.message)).isOk());

    Envelope onlyParent;
    onlyParent.inReplyTo = QStringLiteral("parent@example.com");
    onlyParent.messageId = QStringLiteral("child@example.com");
    QCOMPARE(ReplyBuilder::replyReferences(onlyParent), (QStringList{QStringLiteral("parent@example.com"), QStringLiteral("child@example.com")}));
}

void ComposerTest::forwardInline()
{
    const DraftResult draft = ReplyBuilder::forwardInline(originalMessage(), alice);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    OutgoingMessage forward = draft.message;
    QCOMPARE(forward.subject, QString(QStringLiteral("Fwd: ") + subjectText));
    QVERIFY(forward.to.isEmpty());
    QVERIFY(forward.inReplyTo.isEmpty());
    const QString &body = forward.textBody;
    QVERIFY(body.contains(QLatin1String("---------- Forwarded message ----------\n")));
    QVERIFY(body.contains(QLatin1String("From: Carol Original <carol@example.com>\n")));
    QVERIFY(body.contains(QString(QStringLiteral("Subject: ") + subjectText + QLatin1Char('\n'))));
    QVERIFY(body.contains(QLatin1String("To: Alice Sender <Alice@Example.org>, dave@example.net\n")));
    QVERIFY(body.contains(QLatin1String("Cc: erin@example.net, alice@example.org, Bob <bob@example.net>\n")));
    QVERIFY(body.contains(QLatin1String("Date: ")));
    QVERIFY(body.contains(QString::fromUtf8("Hello all,\n> an earlier quote\nLet's meet at the café.")));
    QCOMPARE(forward.attachments.size(), 1);
    QCOMPARE(forward.attachments.at(0).fileName, QString::fromUtf8("Pläne.pdf"));
    QCOMPARE(forward.attachments.at(0).data, planBytes);

    forward.to = {MailAddress{QString(), QStringLiteral("frank@example.net")}};
    const QByteArray raw = composeOk(finished(forward));
    QVERIFY(!raw.isEmpty());
    const ParsedMessage back = parsed(raw);
    QCOMPARE(back.envelope.subject, forward.subject);
    QCOMPARE(back.attachments.size(), 1);
    QCOMPARE(back.attachments.at(0).fileName, QString::fromUtf8("Pläne.pdf"));
    QCOMPARE(back.attachments.at(0).contentType, QStringLiteral("application/pdf"));
    QCOMPARE(MessageParser::partContent(raw, back.attachments.at(0).partPath).value_or(QByteArray()), planBytes);
}

void ComposerTest::forwardAsAttachment()
{
    const QByteArray original = originalMessage();
    const DraftResult draft = ReplyBuilder::forwardAsAttachment(original, alice);
    QVERIFY2(draft.isOk(), qPrintable(draft.error));
    OutgoingMessage forward = draft.message;
    QCOMPARE(forward.subject, QString(QStringLiteral("Fwd: ") + subjectText));
    QCOMPARE(forward.attachments.size(), 1);
    QCOMPARE(forward.attachments.at(0).contentType, QStringLiteral("message/rfc822"));
    QCOMPARE(forward.attachments.at(0).data, original);
    forward.to = {MailAddress{QString(), QStringLiteral("frank@example.net")}};
    forward.textBody = QStringLiteral("See the message below.");
    const QByteArray raw = composeOk(finished(forward));
    QVERIFY(!raw.isEmpty());
    // The original goes byte for byte, only its line ends made CRLF.
    QByteArray originalCrlf = original;
    originalCrlf.replace("\n", "\r\n");
    QVERIFY(raw.contains(originalCrlf));

    const ParsedMessage back = parsed(raw);
    QCOMPARE(back.attachments.size(), 1);
    QCOMPARE(back.attachments.at(0).contentType, QStringLiteral("message/rfc822"));
    QCOMPARE(back.attachments.at(0).fileName, QString(subjectText + QStringLiteral(".eml")));
    QCOMPARE(back.embeddedMessages.size(), 1);
    QCOMPARE(back.embeddedMessages.at(0).envelope.subject, subjectText);
    QCOMPARE(back.embeddedMessages.at(0).envelope.messageId, QStringLiteral("orig.3@example.com"));
    QCOMPARE(back.embeddedMessages.at(0).attachments.value(0).fileName, QString::fromUtf8("Pläne.pdf"));

    const GMimeView gmime = viewWithGMime(raw);
    QCOMPARE(gmime.structure, QStringLiteral("multipart/mixed(text/plain,message/rfc822)"));
    QCOMPARE(gmime.leaves.at(1).fileName, QString(subjectText + QStringLiteral(".eml")));
    QVERIFY(gmime.leaves.at(1).data.contains("Let's meet at the caf\xc3\xa9."));
}

void ComposerTest::corpusReplyAndForward()
{
    const QString corpus = qEnvironmentVariable("PETREL_SHARED_CORPUS");
    QVERIFY2(!corpus.isEmpty() && QFileInfo::exists(corpus), "PETREL_SHARED_CORPUS is missing");
    int messages = 0;
    int withAttachments = 0;
    QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(QLatin1String("/messages/")) && !path.contains(QLatin1String("/partial/")))
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray raw = file.readAll();
        ++messages;
        const ParsedMessage original = parsed(raw);

        const DraftResult drafts[] = {ReplyBuilder::reply(raw, alice, ReplyMode::All),
                                      ReplyBuilder::forwardInline(raw, alice),
                                      ReplyBuilder::forwardAsAttachment(raw, alice)};
        for (int kind = 0; kind < 3; ++kind) {
            const QString what = path + QStringLiteral(" draft %1").arg(kind);
            QVERIFY2(drafts[kind].isOk(), qPrintable(what + QStringLiteral(": ") + drafts[kind].error));
            OutgoingMessage message = drafts[kind].message;
            if (message.to.isEmpty() && message.cc.isEmpty())
                message.to = {MailAddress{QString(), QStringLiteral("frank@example.net")}};
            const ComposeResult result = MessageComposer::compose(finished(message));
            QVERIFY2(result.isOk(), qPrintable(what + QStringLiteral(": ") + result.error));
            const ParseResult back = MessageParser::parse(result.raw);
            QVERIFY2(back.isOk(), qPrintable(what));
            QCOMPARE(back.message.envelope.subject, message.subject.trimmed());
            if (kind == 0 && !original.envelope.messageId.isEmpty())
                QCOMPARE(back.message.envelope.inReplyTo, original.envelope.messageId);
            if (kind == 1) {
                QCOMPARE(back.message.attachments.size(), original.attachments.size());
                if (!original.attachments.isEmpty())
                    ++withAttachments;
            }
            if (kind == 2)
                QCOMPARE(back.message.embeddedMessages.size(), 1);
        }
    }
    QVERIFY2(messages >= 30, qPrintable(QString::number(messages)));
    QVERIFY(withAttachments >= 5);
}

QTEST_GUILESS_MAIN(ComposerTest)
