#pragma once

#include "mime/AttachmentInfo.h"

#include <QByteArray>
#include <QList>
#include <QUrl>
#include <QWidget>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QTemporaryDir;
class QTreeWidget;

namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Ui {

class RemoteContentPolicy;
class SafeTextBrowser;

// Shows one stored message: its headers (as plain text, never interpreted), its body (plain text
// with format=flowed undone, or sanitised HTML with remote content blocked until allowed) and its
// attachments, which can be saved under a sanitised name or opened. A message whose body is not
// downloaded yet shows a notice and asks for it with bodyRequested().
class MessageView : public QWidget
{
    Q_OBJECT

public:
    MessageView(const QString &databasePath, RemoteContentPolicy &policy, QWidget *parent = nullptr);
    ~MessageView() override;

    // False (and a notice) when the store has no such message.
    bool showMessage(qint64 id);
    void clear();
    qint64 messageId() const { return m_messageId; }

    // Writes attachment `index` into `directory` under its sanitised name (" (2)" added when the
    // name is taken) with QSaveFile. Returns the written path; empty and *error on failure.
    QString saveAttachmentTo(int index, const QString &directory, QString *error = nullptr);
    QList<Mime::AttachmentInfo> attachments() const { return m_attachments; }

    // Parts, for the main window and the tests.
    SafeTextBrowser *bodyBrowser() const { return m_body; }
    QWidget *remoteContentBar() const { return m_remoteBar; }
    QPushButton *allowSenderButton() const { return m_allowSender; }
    QLabel *headerLabel(const QString &field) const; // "from", "to", "cc", "date", "subject"
    QLabel *noticeLabel() const { return m_notice; }
    QLabel *linkTargetLabel() const { return m_linkTarget; }
    QTreeWidget *attachmentList() const { return m_attachmentList; }

public Q_SLOTS:
    void loadRemoteContentForThisMessage();
    void loadRemoteContentAlwaysForSender();
    void saveSelectedAttachment();
    void openSelectedAttachment();

Q_SIGNALS:
    // The body is not in the store; the owner fetches it and calls showMessage() again.
    void bodyRequested(qint64 id);
    // A clicked link whose text shows another address than its target; the user was asked.
    void linkFlagged(const QUrl &target, const QString &shownText);

private:
    void buildUi();
    void showBody(const QByteArray &raw);
    void showNotice(const QString &text, bool offerDownload);
    void linkHovered(const QUrl &url);
    void linkClicked(const QUrl &url);
    void remoteContentWasBlocked();
    std::optional<QByteArray> attachmentBytes(int index, QString *error) const;
    int selectedAttachment() const;

    std::unique_ptr<Store::StoreReader> m_reader;
    RemoteContentPolicy &m_policy;
    qint64 m_messageId = 0;
    QString m_senderAddress;
    QByteArray m_raw;
    QList<Mime::AttachmentInfo> m_attachments;
    std::unique_ptr<QTemporaryDir> m_openedFiles;

    QLabel *m_from = nullptr;
    QLabel *m_to = nullptr;
    QLabel *m_cc = nullptr;
    QFormLayout *m_headers = nullptr;
    QLabel *m_date = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_download = nullptr;
    QWidget *m_remoteBar = nullptr;
    QPushButton *m_allowSender = nullptr;
    SafeTextBrowser *m_body = nullptr;
    QLabel *m_linkTarget = nullptr;
    QTreeWidget *m_attachmentList = nullptr;
    QWidget *m_attachmentBox = nullptr;
};

} // namespace Petrel::Ui
