// The composer: send puts one message into the outbox (no Bcc header, the right envelope, the
// attachment bytes), drafts replace their previous version, replies are prefilled, recipients
// complete from known addresses, and bad input is shown in the window with nothing queued.
#include "UiTestStore.h"

#include "compose/AddressFieldParser.h"
#include "compose/AddressLineEdit.h"
#include "compose/ComposerWindow.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDropEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>

using namespace Petrel;
using Petrel::Store::AccountProtocol;
using Petrel::Store::FolderRole;

class UiComposerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_profile = std::make_unique<UiTest::Profile>();
        QVERIFY(m_profile->dir.isValid());
        m_account = m_profile->addAccount(QStringLiteral("Home"), QStringLiteral("me@example.org"), AccountProtocol::Pop3,
                                          QStringLiteral("Me Myself"));
    }

    void sendPutsOneMessageIntoTheOutbox()
    {
        const QString path = m_profile->dir.filePath(QStringLiteral("report.bin"));
        QByteArray bytes;
        for (int i = 0; i < 5000; ++i)
            bytes += char(i * 7);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        Ui::ComposerWindow window(m_profile->databasePath);
        QVERIFY(window.setIdentity(m_account));
        window.toField()->setText(QStringLiteral("\"Doe, Jane\" <jane@example.org>, bob@example.net"));
        window.ccField()->setText(QStringLiteral("Carol <carol@example.com>"));
        window.bccField()->setText(QStringLiteral("secret@example.org"));
        window.subjectField()->setText(QStringLiteral("Quarterly report"));
        window.bodyEditor()->setPlainText(QStringLiteral("Here it is.\n\n-- \nMe"));
        QVERIFY(window.addAttachmentFile(path));
        QCOMPARE(window.attachmentList()->count(), 1);
        QVERIFY(window.attachmentList()->item(0)->text().startsWith(QLatin1String("report.bin (")));

        QSignalSpy queued(&window, &Ui::ComposerWindow::queued);
        QVERIFY2(window.send(), qPrintable(window.errorText()));
        QVERIFY(window.isSent());
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.at(0).at(0).toLongLong(), m_account);

        Store::StoreReader reader(m_profile->databasePath);
        const QList<Store::OutboxRow> rows = reader.outbox();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).id, queued.at(0).at(1).toLongLong());
        QCOMPARE(rows.at(0).accountId, m_account);
        QCOMPARE(rows.at(0).sender, QStringLiteral("me@example.org"));
        QCOMPARE(rows.at(0).messageIdHeader, window.messageId());
        QStringList recipients = rows.at(0).recipients;
        recipients.sort();
        QCOMPARE(recipients, QStringList({QStringLiteral("bob@example.net"), QStringLiteral("carol@example.com"),
                                          QStringLiteral("jane@example.org"), QStringLiteral("secret@example.org")}));

        const QByteArray raw = *reader.outboxRaw(rows.at(0).id);
        const QByteArray headers = raw.left(raw.indexOf("\r\n\r\n") + 2);
        QVERIFY(!headers.contains("\r\nBcc:"));
        QVERIFY(!raw.contains("secret@example.org"));
        const Mime::ParseResult parsed = Mime::MessageParser::parse(raw);
        QVERIFY(parsed.isOk());
        QCOMPARE(parsed.message.envelope.subject, QStringLiteral("Quarterly report"));
        QCOMPARE(parsed.message.envelope.from.value(0).address, QStringLiteral("me@example.org"));
        QCOMPARE(parsed.message.envelope.from.value(0).name, QStringLiteral("Me Myself"));
        QCOMPARE(parsed.message.envelope.to.size(), 2);
        QCOMPARE(parsed.message.envelope.to.value(0).name, QStringLiteral("Doe, Jane"));
        QCOMPARE(parsed.message.envelope.messageId, window.messageId());
        QCOMPARE(parsed.message.attachments.size(), 1);
        QCOMPARE(parsed.message.attachments.at(0).fileName, QStringLiteral("report.bin"));
        QCOMPARE(*Mime::MessageParser::partContent(raw, parsed.message.attachments.at(0).partPath), bytes);

        // Sending again does not queue a second copy.
        QVERIFY(window.send());
        QCOMPARE(reader.outbox().size(), 1);
    }

    void badAddressIsShownAndNothingIsQueued()
    {
        Ui::ComposerWindow window(m_profile->databasePath);
        QVERIFY(window.setIdentity(m_account));
        window.toField()->setText(QStringLiteral("ok@example.org, not an address"));
        window.bodyEditor()->setPlainText(QStringLiteral("precious words"));
        QSignalSpy queued(&window, &Ui::ComposerWindow::queued);
        QVERIFY(!window.send());
        QVERIFY2(window.errorText().contains(QLatin1String("not an address")), qPrintable(window.errorText()));
        QVERIFY(!window.errorLabel()->isHidden());
        QCOMPARE(window.errorLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(queued.size(), 0);
        QVERIFY(!window.isSent());
        QCOMPARE(window.bodyEditor()->toPlainText(), QStringLiteral("precious words"));
        QVERIFY(Store::StoreReader(m_profile->databasePath).outbox().isEmpty());

        // Addresses the field accepts but the composer refuses are reported too.
        window.toField()->setText(QStringLiteral("bad(x)@example.org"));
        QVERIFY(!window.send());
        QVERIFY2(window.errorText().contains(QLatin1String("bad(x)@example.org")), qPrintable(window.errorText()));
        window.toField()->clear();
        QVERIFY(!window.send());
        QVERIFY(window.errorText().contains(QLatin1String("recipient")));
        QVERIFY(Store::StoreReader(m_profile->databasePath).outbox().isEmpty());

        // Fixed: it goes, and the error is gone.
        window.toField()->setText(QStringLiteral("ok@example.org"));
        window.htmlOption()->setChecked(true);
        window.bodyEditor()->setPlainText(QStringLiteral("precious <words> & more"));
        QVERIFY2(window.send(), qPrintable(window.errorText()));
        QVERIFY(window.errorText().isEmpty());
        Store::StoreReader reader(m_profile->databasePath);
        QCOMPARE(reader.outbox().size(), 1);
        const Mime::ParseResult parsed = Mime::MessageParser::parse(*reader.outboxRaw(reader.outbox().at(0).id));
        QVERIFY(parsed.message.textBody.contains(QLatin1String("precious <words> & more")));
        QVERIFY2(parsed.message.htmlBody.contains(QLatin1String("precious &lt;words&gt; &amp; more")),
                 qPrintable(parsed.message.htmlBody));
    }

    void savingADraftTwiceKeepsOnlyTheLatest()
    {
        Ui::ComposerWindow window(m_profile->databasePath);
        QVERIFY(window.setIdentity(m_account));
        window.subjectField()->setText(QStringLiteral("Plans"));
        window.bodyEditor()->setPlainText(QStringLiteral("first version"));
        QSignalSpy saved(&window, &Ui::ComposerWindow::draftSaved);
        QVERIFY2(window.saveDraft(), qPrintable(window.errorText())); // no recipient yet: fine for a draft
        const qint64 firstId = window.savedDraftId();
        QVERIFY(firstId > 0);
        window.toField()->setText(QStringLiteral("friend@example.org"));
        window.bodyEditor()->setPlainText(QStringLiteral("second version"));
        QVERIFY2(window.saveDraft(), qPrintable(window.errorText()));
        QCOMPARE(saved.size(), 2);
        QVERIFY(window.savedDraftId() != firstId);

        Store::StoreReader reader(m_profile->databasePath);
        const qint64 drafts = m_profile->folder(m_account, FolderRole::Drafts);
        const QList<Store::MessageSummary> stored = reader.messages(drafts, 10);
        QCOMPARE(stored.size(), 1);
        const std::optional<Store::MessageRow> row = reader.message(window.savedDraftId());
        QVERIFY(row);
        QCOMPARE(row->folderId, drafts);
        QVERIFY(row->flags.testFlag(Store::MessageFlag::Draft));
        const Mime::ParseResult parsed = Mime::MessageParser::parse(*reader.rawMessage(row->id));
        QVERIFY(parsed.message.textBody.contains(QLatin1String("second version")));
        QCOMPARE(parsed.message.envelope.to.value(0).address, QStringLiteral("friend@example.org"));
        QVERIFY(!reader.message(firstId)); // not lingering in Trash either
        QCOMPARE(reader.messages(m_profile->folder(m_account, FolderRole::Trash), 10).size(), 0);

        // Sending removes the draft.
        QVERIFY2(window.send(), qPrintable(window.errorText()));
        QCOMPARE(reader.messages(drafts, 10).size(), 0);
    }

    void replyIsPrefilledFromTheOriginal()
    {
        const qint64 inbox = m_profile->folder(m_account, FolderRole::Inbox);
        Mime::OutgoingMessage original = UiTest::outgoing(QStringLiteral("Lunch?"));
        original.cc = {{QStringLiteral("Dan"), QStringLiteral("dan@example.com")}};
        original.textBody = QStringLiteral("Shall we?");
        const qint64 id = m_profile->insert(inbox, UiTest::composed(original));

        QString error;
        std::unique_ptr<Ui::ComposerWindow> reply(
            Ui::ComposerWindow::create(m_profile->databasePath, id, Ui::ComposerWindow::Mode::Reply, &error));
        QVERIFY2(reply, qPrintable(error));
        QCOMPARE(reply->identityAccountId(), m_account);
        QCOMPARE(reply->toField()->text(), QStringLiteral("Alice Example <alice@example.org>"));
        QVERIFY(reply->ccField()->text().isEmpty());
        QCOMPARE(reply->subjectField()->text(), QStringLiteral("Re: Lunch?"));
        QVERIFY(reply->bodyEditor()->toPlainText().contains(QLatin1String("> Shall we?")));
        QVERIFY2(reply->send(), qPrintable(reply->errorText()));
        Store::StoreReader reader(m_profile->databasePath);
        const Mime::ParseResult parsed = Mime::MessageParser::parse(*reader.outboxRaw(reader.outbox().at(0).id));
        QCOMPARE(parsed.message.envelope.inReplyTo, original.messageId);
        QCOMPARE(parsed.message.envelope.references, QStringList{original.messageId});

        std::unique_ptr<Ui::ComposerWindow> all(
            Ui::ComposerWindow::create(m_profile->databasePath, id, Ui::ComposerWindow::Mode::ReplyAll, &error));
        QVERIFY2(all, qPrintable(error));
        QVERIFY(all->ccField()->text().contains(QLatin1String("dan@example.com")));
        QVERIFY(!all->toField()->text().contains(QLatin1String("me@example.org")));
        QVERIFY(!all->ccField()->text().contains(QLatin1String("me@example.org")));

        std::unique_ptr<Ui::ComposerWindow> forward(
            Ui::ComposerWindow::create(m_profile->databasePath, id, Ui::ComposerWindow::Mode::ForwardAsAttachment, &error));
        QVERIFY2(forward, qPrintable(error));
        QCOMPARE(forward->subjectField()->text(), QStringLiteral("Fwd: Lunch?"));
        QCOMPARE(forward->attachments().size(), 1);
        QVERIFY(forward->toField()->text().isEmpty());

        QVERIFY(!Ui::ComposerWindow::create(m_profile->databasePath, id + 1000, Ui::ComposerWindow::Mode::Reply, &error));
        QVERIFY(!error.isEmpty());
    }

    void recipientsCompleteFromKnownAddresses()
    {
        const qint64 inbox = m_profile->folder(m_account, FolderRole::Inbox);
        m_profile->insert(inbox, UiTest::composed(UiTest::outgoing(QStringLiteral("Hello"))));
        Ui::ComposerWindow window(m_profile->databasePath);
        Ui::AddressLineEdit *to = window.toField();
        to->setText(QStringLiteral("x@example.org, "));
        to->setCursorPosition(to->text().size());
        QTest::keyClicks(to, QStringLiteral("ali"));
        QCOMPARE(to->currentEntry(), QStringLiteral("ali"));
        QCOMPARE(to->suggestions(), QStringList{QStringLiteral("Alice Example <alice@example.org>")});
        QCOMPARE(to->addressCompleter()->completionCount(), 1);
        Q_EMIT to->addressCompleter()->activated(to->addressCompleter()->currentCompletion());
        QCOMPARE(to->text(), QStringLiteral("x@example.org, Alice Example <alice@example.org>, "));
        const Ui::AddressFieldResult parsed = Ui::parseAddressField(to->text());
        QVERIFY(parsed.isOk());
        QCOMPARE(parsed.addresses.size(), 2);
        QCOMPARE(parsed.addresses.at(1).name, QStringLiteral("Alice Example"));

        QTest::keyClicks(to, QStringLiteral("zzz"));
        QVERIFY(to->suggestions().isEmpty());
    }

    void droppedFilesBecomeAttachments()
    {
        const QString path = m_profile->dir.filePath(QStringLiteral("photo.png"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(UiTest::pngBytes(Qt::yellow));
        }
        Ui::ComposerWindow window(m_profile->databasePath);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path), QUrl(QStringLiteral("http://example.org/x"))});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QCOMPARE(window.attachments().size(), 1);
        QCOMPARE(window.attachments().at(0).fileName, QStringLiteral("photo.png"));
        QCOMPARE(window.attachments().at(0).data, UiTest::pngBytes(Qt::yellow));
        // Dropped on the text too (Qt delivers a drop to the widget that accepted the drag).
        QDragEnterEvent enterText(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window.bodyEditor()->viewport(), &enterText);
        QVERIFY(enterText.isAccepted());
        QDropEvent onText(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window.bodyEditor()->viewport(), &onText);
        QCOMPARE(window.attachments().size(), 2);
        QVERIFY(window.bodyEditor()->toPlainText().isEmpty());
        window.removeAttachment(0);
        QCOMPARE(window.attachmentList()->count(), 1);

        QVERIFY(!window.addAttachmentFile(m_profile->dir.filePath(QStringLiteral("missing.txt"))));
        QVERIFY(window.errorText().contains(QLatin1String("missing.txt")));
    }

    void addressFieldParsing()
    {
        const Ui::AddressFieldResult ok = Ui::parseAddressField(
            QStringLiteral(" a@example.org; \"Last, First\" <lf@example.org>,Name <n@example.org>,, "));
        QVERIFY(ok.isOk());
        QCOMPARE(ok.addresses.size(), 3);
        QCOMPARE(ok.addresses.at(1).name, QStringLiteral("Last, First"));
        QCOMPARE(ok.addresses.at(1).address, QStringLiteral("lf@example.org"));
        QCOMPARE(ok.addresses.at(2).name, QStringLiteral("Name"));
        for (const QString &bad : {QStringLiteral("bob"), QStringLiteral("a b@c.org"), QStringLiteral("<>"),
                                   QStringLiteral("x@")}) {
            QVERIFY2(!Ui::parseAddressField(bad).isOk(), qPrintable(bad));
        }
    }

private:
    std::unique_ptr<UiTest::Profile> m_profile;
    qint64 m_account = 0;
};

QTEST_MAIN(UiComposerTest)
#include "tst_ui_composer.moc"
