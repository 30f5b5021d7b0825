#pragma once

#include "mime/MailtoLink.h"
#include "mime/MessageComposer.h"
#include "mime/OutgoingMessage.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMimeData;
class QPlainTextEdit;

namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Ui {

class AddressLineEdit;

// Writes one message. Send composes it (its Message-ID made once) and puts it into the outbox,
// which works offline; the main window starts the sender on queued(). Save draft files it in the
// account's Drafts folder with \Draft, replacing the version saved before. Any problem (a bad
// address, too large, the store refusing) is shown in the window, which stays open with the text.
class ComposerWindow : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Reply, ReplyAll, Forward, ForwardAsAttachment };

    explicit ComposerWindow(const QString &databasePath, QWidget *parent = nullptr);
    ~ComposerWindow() override;

    // A reply to or forward of a stored message, from the account that holds it. nullptr and
    // *error when the original cannot be read (gone, or its body not downloaded yet).
    static ComposerWindow *create(const QString &databasePath, qint64 originalId, Mode mode, QString *error,
                                  QWidget *parent = nullptr);

    // Fills the form from a mailto: link (recipients, subject, body, In-Reply-To).
    void fillFromMailto(const Mime::MailtoLink &link);

    // False when the profile has no such account.
    bool setIdentity(qint64 accountId);
    qint64 identityAccountId() const;

    // Reads the file now (the message keeps these bytes); false and an inline error when it
    // cannot be read or is larger than a message may be.
    bool addAttachmentFile(const QString &path);
    void addAttachment(const Mime::OutgoingAttachment &attachment);
    void removeAttachment(int index);
    QList<Mime::OutgoingAttachment> attachments() const { return m_attachments; }

    // True when done; otherwise errorText() says why and nothing was queued or filed.
    bool send();
    bool saveDraft();

    QString errorText() const;
    bool isSent() const { return m_sent; }
    qint64 savedDraftId() const { return m_draftId; }
    QString messageId() const { return m_messageId; }

    AddressLineEdit *toField() const { return m_to; }
    AddressLineEdit *ccField() const { return m_cc; }
    AddressLineEdit *bccField() const { return m_bcc; }
    QLineEdit *subjectField() const { return m_subject; }
    QPlainTextEdit *bodyEditor() const { return m_body; }
    QComboBox *identityBox() const { return m_identity; }
    QCheckBox *htmlOption() const { return m_alsoHtml; }
    QListWidget *attachmentList() const { return m_attachmentList; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void queued(qint64 accountId, qint64 outboxId);
    void draftSaved(qint64 accountId, qint64 messageId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void loadIdentities();
    void fillFrom(const Mime::OutgoingMessage &draft);
    // The message as the window holds it now; nullopt and an inline error when a field is bad.
    std::optional<Mime::OutgoingMessage> message(bool forDraft);
    // Removes earlier saved versions for good; those the store cannot remove yet (an IMAP draft
    // still waiting for its upload) are tried again on the next save or send.
    // The form composed (errors shown in the window): the message and its bytes, or nullopt.
    std::optional<Mime::ComposeResult> composeForm(bool draft, std::optional<Mime::OutgoingMessage> *message);
    void discardDraft(); // after sending: the saved draft is not wanted any more
    void showError(const QString &text);
    static QStringList localFiles(const QMimeData *mime);

    QString m_databasePath;
    std::unique_ptr<Store::StoreReader> m_reader;
    QString m_messageId;              // made once, kept for every save and the send
    QString m_inReplyTo;
    QStringList m_references;
    QList<Mime::OutgoingAttachment> m_attachments;
    qint64 m_draftId = 0;
    bool m_sent = false;

    QComboBox *m_identity = nullptr;
    AddressLineEdit *m_to = nullptr;
    AddressLineEdit *m_cc = nullptr;
    AddressLineEdit *m_bcc = nullptr;
    QLineEdit *m_subject = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QCheckBox *m_alsoHtml = nullptr;
    QListWidget *m_attachmentList = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Petrel::Ui
