#include "message/MessageView.h"

#include "message/LinkCheck.h"
#include "message/RemoteContentPolicy.h"
#include "message/SafeTextBrowser.h"

#include "mime/FileNameSanitizer.h"
#include "mime/FlowedText.h"
#include "mime/MessageParser.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Petrel::Ui {

namespace {

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // header values are the sender's text, never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

// Header text as shown: control characters and bidi overrides removed, since they can make a
// value read as something else ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
QString shownText(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        const bool bidi = (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E || u == 0x200F;
        if (bidi || (u < 0x20 && u != '\t') || u == 0x7F)
            continue;
        out += c;
    }
    return out;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

// "name.ext" taken in dir: "name (2).ext", "name (3).ext"…
QString unusedPath(const QDir &dir, const QString &fileName)
{
    QString candidate = dir.filePath(fileName);
    const QFileInfo info(fileName);
    const QString suffix = info.completeSuffix();
    const QString base = suffix.isEmpty() ? fileName : fileName.left(fileName.size() - suffix.size() - 1);
    for (int n = 2; QFileInfo::exists(candidate) && n < 10000; ++n) {
        const QString numbered = suffix.isEmpty() ? QStringLiteral("%1 (%2)").arg(base).arg(n)
                                                  : QStringLiteral("%1 (%2).%3").arg(base).arg(n).arg(suffix);
        candidate = dir.filePath(numbered);
    }
    return candidate;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QCoreApplication::translate("Petrel::Ui::MessageView", "Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

// Opening these runs code rather than showing a document.
bool looksExecutable(const QString &fileName)
{
    static const QStringList kinds = {
        QStringLiteral("exe"), QStringLiteral("com"), QStringLiteral("bat"), QStringLiteral("cmd"),
        QStringLiteral("scr"), QStringLiteral("pif"), QStringLiteral("msi"), QStringLiteral("js"),
        QStringLiteral("jse"), QStringLiteral("vbs"), QStringLiteral("vbe"), QStringLiteral("wsf"),
        QStringLiteral("ps1"), QStringLiteral("jar"), QStringLiteral("sh"), QStringLiteral("app"),
        QStringLiteral("desktop"), QStringLiteral("lnk"), QStringLiteral("hta"), QStringLiteral("cpl"),
        QStringLiteral("reg"), QStringLiteral("command"), QStringLiteral("appimage")};
    return kinds.contains(QFileInfo(fileName).suffix().toLower());
}

} // namespace

MessageView::MessageView(const QString &databasePath, RemoteContentPolicy &policy, QWidget *parent)
    : QWidget(parent), m_reader(std::make_unique<Store::StoreReader>(databasePath)), m_policy(policy)
{
    buildUi();
    clear();
}

MessageView::~MessageView() = default;

void MessageView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *headers = new QFormLayout;
    m_headers = headers;
    m_from = plainLabel(this);
    m_to = plainLabel(this);
    m_cc = plainLabel(this);
    m_date = plainLabel(this);
    m_subject = plainLabel(this);
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);
    headers->addRow(tr("Subject:"), m_subject);
    headers->addRow(tr("From:"), m_from);
    headers->addRow(tr("To:"), m_to);
    headers->addRow(tr("Cc:"), m_cc);
    headers->addRow(tr("Date:"), m_date);
    layout->addLayout(headers);

    auto *noticeRow = new QHBoxLayout;
    m_notice = plainLabel(this);
    m_download = new QPushButton(tr("Download"), this);
    connect(m_download, &QPushButton::clicked, this, [this] {
        showNotice(tr("Downloading the message…"), false);
        Q_EMIT bodyRequested(m_messageId);
    });
    noticeRow->addWidget(m_notice, 1);
    noticeRow->addWidget(m_download);
    layout->addLayout(noticeRow);

    m_remoteBar = new QFrame(this);
    static_cast<QFrame *>(m_remoteBar)->setFrameShape(QFrame::StyledPanel);
    // Text above the buttons, wrapping: the bar must not make the view (and so the window's
    // message list) wide.
    auto *barLayout = new QVBoxLayout(m_remoteBar);
    auto *barText = new QLabel(tr("Remote content was blocked to protect your privacy."), m_remoteBar);
    barText->setWordWrap(true);
    barLayout->addWidget(barText);
    auto *bar = new QHBoxLayout;
    barLayout->addLayout(bar);
    auto *loadOnce = new QPushButton(tr("Load for this message"), m_remoteBar);
    m_allowSender = new QPushButton(m_remoteBar);
    bar->addStretch(1);
    bar->addWidget(loadOnce);
    bar->addWidget(m_allowSender);
    connect(loadOnce, &QPushButton::clicked, this, &MessageView::loadRemoteContentForThisMessage);
    connect(m_allowSender, &QPushButton::clicked, this, &MessageView::loadRemoteContentAlwaysForSender);
    layout->addWidget(m_remoteBar);

    m_body = new SafeTextBrowser(this);
    connect(m_body, &SafeTextBrowser::remoteContentBlocked, this, &MessageView::remoteContentWasBlocked);
    connect(m_body, qOverload<const QUrl &>(&QTextBrowser::highlighted), this, &MessageView::linkHovered);
    connect(m_body, &QTextBrowser::anchorClicked, this, &MessageView::linkClicked);
    layout->addWidget(m_body, 1);

    m_linkTarget = plainLabel(this);
    m_linkTarget->setWordWrap(false);
    layout->addWidget(m_linkTarget);

    m_attachmentBox = new QWidget(this);
    auto *attachments = new QHBoxLayout(m_attachmentBox);
    attachments->setContentsMargins(0, 0, 0, 0);
    m_attachmentList = new QTreeWidget(m_attachmentBox);
    m_attachmentList->setHeaderLabels({tr("Attachment"), tr("Size"), tr("Type")});
    m_attachmentList->setRootIsDecorated(false);
    m_attachmentList->setMaximumHeight(120);
    connect(m_attachmentList, &QTreeWidget::itemDoubleClicked, this, &MessageView::openSelectedAttachment);
    auto *buttons = new QVBoxLayout;
    auto *save = new QPushButton(tr("Save…"), m_attachmentBox);
    auto *open = new QPushButton(tr("Open"), m_attachmentBox);
    connect(save, &QPushButton::clicked, this, &MessageView::saveSelectedAttachment);
    connect(open, &QPushButton::clicked, this, &MessageView::openSelectedAttachment);
    buttons->addWidget(save);
    buttons->addWidget(open);
    buttons->addStretch();
    attachments->addWidget(m_attachmentList, 1);
    attachments->addLayout(buttons);
    layout->addWidget(m_attachmentBox);
}

QLabel *MessageView::headerLabel(const QString &field) const
{
    if (field == QLatin1String("from"))
        return m_from;
    if (field == QLatin1String("to"))
        return m_to;
    if (field == QLatin1String("cc"))
        return m_cc;
    if (field == QLatin1String("date"))
        return m_date;
    if (field == QLatin1String("subject"))
        return m_subject;
    return nullptr;
}

void MessageView::clear()
{
    m_messageId = 0;
    m_senderAddress.clear();
    m_raw.clear();
    m_attachments.clear();
    for (QLabel *label : {m_from, m_to, m_cc, m_date, m_subject})
        label->clear();
    m_body->setInlineResources({});
    m_body->setRemoteAllowed(false);
    m_body->showText(QString());
    m_attachmentList->clear();
    m_attachmentBox->hide();
    m_remoteBar->hide();
    m_linkTarget->clear();
    m_notice->hide();
    m_download->hide();
}

bool MessageView::showMessage(qint64 id)
{
    clear();
    std::optional<Store::MessageRow> row;
    std::optional<QByteArray> raw;
    try {
        row = m_reader->message(id);
        if (row && row->hasBody)
            raw = m_reader->rawMessage(id);
    } catch (const Store::StoreError &e) {
        showNotice(tr("The message could not be read: %1").arg(e.message()), false);
        return false;
    }
    if (!row) {
        showNotice(tr("The message is no longer there."), false);
        return false;
    }
    m_messageId = id;
    m_senderAddress = row->fromAddress;
    m_from->setText(shownText(row->fromDisplay.contains(QLatin1Char('<')) || row->fromAddress.isEmpty()
                        ? row->fromDisplay
                        : (row->fromDisplay.isEmpty() ? row->fromAddress
                                                      : QString(row->fromDisplay + QStringLiteral(" <")
                                                                + row->fromAddress + QLatin1Char('>')))));
    m_to->setText(shownText(row->to));
    m_cc->setText(shownText(row->cc));
    m_headers->setRowVisible(m_cc, !row->cc.trimmed().isEmpty()); // no empty "Cc:" line
    m_subject->setText(shownText(row->subject));
    const QDateTime date = row->date.isValid() ? row->date : row->internalDate;
    m_date->setText(date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::LongFormat) : QString());
    if (!raw) {
        showNotice(tr("The message body has not been downloaded yet. Downloading…"), true);
        Q_EMIT bodyRequested(id);
        return true;
    }
    showBody(*raw);
    return true;
}

void MessageView::showBody(const QByteArray &raw)
{
    m_raw = raw;
    const Mime::ParseResult parsed = Mime::MessageParser::parse(raw);
    if (!parsed.isOk()) {
        showNotice(tr("The message could not be read: %1").arg(parsed.errorString), false);
        m_body->showText(QString::fromUtf8(raw));
        return;
    }
    const Mime::ParsedMessage &message = parsed.message;
    QHash<QString, QByteArray> inlineImages;
    for (const Mime::InlinePart &part : message.inlineParts) {
        if (const auto bytes = Mime::MessageParser::partContent(raw, part.partPath))
            inlineImages.insert(part.contentId, *bytes);
    }
    for (const Mime::AttachmentInfo &a : message.attachments) {
        if (!a.contentId.isEmpty() && !inlineImages.contains(a.contentId)) {
            if (const auto bytes = Mime::MessageParser::partContent(raw, a.partPath))
                inlineImages.insert(a.contentId, *bytes);
        }
    }
    m_body->setInlineResources(inlineImages);
    if (!message.htmlBody.isEmpty()) {
        m_body->setRemoteAllowed(m_policy.mayLoad(m_messageId, m_senderAddress));
        m_body->showHtml(message.htmlBody);
    } else {
        m_body->showText(message.textBodyFlowed ? Mime::decodeFlowed(message.textBody) : message.textBody);
    }

    m_attachments = message.attachments;
    for (const Mime::AttachmentInfo &a : std::as_const(m_attachments)) {
        auto *item = new QTreeWidgetItem(m_attachmentList);
        // The name it will be saved under: what the user sees is what lands on the disk.
        item->setText(0, Mime::sanitizeFileName(a.fileName));
        item->setText(1, sizeText(a.size));
        item->setText(2, a.contentType);
    }
    m_attachmentBox->setVisible(!m_attachments.isEmpty());
    if (!m_attachments.isEmpty())
        m_attachmentList->setCurrentItem(m_attachmentList->topLevelItem(0));
}

void MessageView::showNotice(const QString &text, bool offerDownload)
{
    m_notice->setText(text);
    m_notice->show();
    m_download->setVisible(offerDownload);
}

void MessageView::remoteContentWasBlocked()
{
    const bool hasSender = m_senderAddress.contains(QLatin1Char('@'));
    m_allowSender->setText(tr("Always for %1").arg(m_senderAddress));
    m_allowSender->setVisible(hasSender);
    m_remoteBar->show();
}

void MessageView::loadRemoteContentForThisMessage()
{
    if (m_messageId == 0)
        return;
    m_policy.allowMessage(m_messageId);
    m_remoteBar->hide();
    m_body->setRemoteAllowed(true);
}

void MessageView::loadRemoteContentAlwaysForSender()
{
    if (m_messageId == 0)
        return;
    m_policy.allowSender(m_senderAddress);
    m_remoteBar->hide();
    m_body->setRemoteAllowed(true);
}

void MessageView::linkHovered(const QUrl &url)
{
    // The real target, whatever the link's text claims.
    const QString target = url.isEmpty() ? QString() : url.toDisplayString();
    m_linkTarget->setText(target);
    m_body->setToolTip(target);
}

void MessageView::linkClicked(const QUrl &url)
{
    if (!isOpenableLink(url)) {
        showNotice(tr("Links of this kind are not opened: %1").arg(url.toDisplayString()), false);
        return;
    }
    const QString shown = m_body->anchorText(url);
    if (linkTextMisleads(shown, url)) {
        Q_EMIT linkFlagged(url, shown);
        const auto answer = QMessageBox::warning(
            this, tr("Open link?"),
            tr("The link shows\n%1\nbut leads to\n%2\n\nOpen %2?").arg(shown, url.toDisplayString()),
            QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Open)
            return;
    }
    QDesktopServices::openUrl(url);
}

std::optional<QByteArray> MessageView::attachmentBytes(int index, QString *error) const
{
    if (index < 0 || index >= m_attachments.size()) {
        *error = tr("No such attachment.");
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = Mime::MessageParser::partContent(m_raw, m_attachments.at(index).partPath);
    if (!bytes)
        *error = tr("The attachment could not be found in the message.");
    return bytes;
}

QString MessageView::saveAttachmentTo(int index, const QString &directory, QString *error)
{
    QString problem;
    QString path;
    if (const std::optional<QByteArray> bytes = attachmentBytes(index, &problem)) {
        const QDir dir(directory);
        path = unusedPath(dir, Mime::sanitizeFileName(m_attachments.at(index).fileName));
        if (!writeFile(path, *bytes, &problem))
            path.clear();
    }
    if (error)
        *error = problem;
    return path;
}

int MessageView::selectedAttachment() const
{
    QTreeWidgetItem *item = m_attachmentList->currentItem();
    return item ? m_attachmentList->indexOfTopLevelItem(item) : -1;
}

void MessageView::saveSelectedAttachment()
{
    const int index = selectedAttachment();
    QString problem;
    const std::optional<QByteArray> bytes = attachmentBytes(index, &problem);
    if (!bytes) {
        showNotice(problem, false);
        return;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString suggested = QDir(folder).filePath(Mime::sanitizeFileName(m_attachments.at(index).fileName));
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Save attachment"), suggested);
    if (chosen.isEmpty())
        return;
    // Whatever the dialog returned, the file name part is made safe too.
    const QFileInfo info(chosen);
    const QString path = info.dir().filePath(Mime::sanitizeFileName(info.fileName()));
    if (!writeFile(path, *bytes, &problem))
        showNotice(problem, false);
}

void MessageView::openSelectedAttachment()
{
    const int index = selectedAttachment();
    if (index < 0)
        return;
    if (!m_openedFiles)
        m_openedFiles = std::make_unique<QTemporaryDir>();
    QString problem;
    const QString name = Mime::sanitizeFileName(m_attachments.at(index).fileName);
    if (looksExecutable(name)
        && QMessageBox::warning(this, tr("Open attachment?"),
                                tr("%1 is a program or script. Opening it may run it. Open anyway?").arg(name),
                                QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Open)
        return;
    const QString path = m_openedFiles->isValid() ? saveAttachmentTo(index, m_openedFiles->path(), &problem) : QString();
    if (path.isEmpty()) {
        showNotice(problem.isEmpty() ? tr("No temporary folder to open the attachment from.") : problem, false);
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

} // namespace Petrel::Ui
