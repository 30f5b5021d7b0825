#include "compose/ComposerWindow.h"

#include "compose/AddressFieldParser.h"
#include "compose/AddressLineEdit.h"

#include "mime/MessageComposer.h"
#include "mime/MessageIdGenerator.h"
#include "mime/ReplyBuilder.h"
#include "send/DraftSaver.h"
#include "store/OutboxStore.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"
#include "store/StoreWriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

namespace Petrel::Ui {

namespace {

QString joined(const Mime::MailAddressList &list)
{
    QStringList parts;
    for (const Mime::MailAddress &a : list)
        parts << a.toDisplayString();
    return parts.join(QStringLiteral(", "));
}

QString attachmentLabel(const Mime::OutgoingAttachment &a)
{
    return QStringLiteral("%1 (%2)").arg(a.fileName, QLocale().formattedDataSize(a.data.size()));
}

} // namespace

ComposerWindow::ComposerWindow(const QString &databasePath, QWidget *parent)
    : QWidget(parent), m_databasePath(databasePath), m_reader(std::make_unique<Store::StoreReader>(databasePath))
{
    buildUi();
    loadIdentities();
}

ComposerWindow::~ComposerWindow() = default;

void ComposerWindow::buildUi()
{
    setWindowTitle(tr("New message"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);

    auto *buttons = new QHBoxLayout;
    auto *send = new QPushButton(tr("Send"), this);
    auto *save = new QPushButton(tr("Save draft"), this);
    auto *attach = new QPushButton(tr("Attach…"), this);
    auto *remove = new QPushButton(tr("Remove attachment"), this);
    connect(send, &QPushButton::clicked, this, &ComposerWindow::send);
    connect(save, &QPushButton::clicked, this, &ComposerWindow::saveDraft);
    connect(attach, &QPushButton::clicked, this, [this] {
        for (const QString &path : QFileDialog::getOpenFileNames(this, tr("Attach files"))) {
            if (!addAttachmentFile(path))
                break;
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] { removeAttachment(m_attachmentList->currentRow()); });
    buttons->addWidget(send);
    buttons->addWidget(save);
    buttons->addWidget(attach);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_error = new QLabel(this);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *form = new QFormLayout;
    m_identity = new QComboBox(this);
    const auto known = [this](const QString &prefix, int limit) {
        try {
            return m_reader->knownAddresses(prefix, limit);
        } catch (const Store::StoreError &) {
            return QStringList(); // completion is a convenience; typing still works
        }
    };
    m_to = new AddressLineEdit(this);
    m_cc = new AddressLineEdit(this);
    m_bcc = new AddressLineEdit(this);
    for (AddressLineEdit *field : {m_to, m_cc, m_bcc})
        field->setSource(known);
    m_subject = new QLineEdit(this);
    connect(m_subject, &QLineEdit::textChanged, this, [this](const QString &subject) {
        setWindowTitle(subject.isEmpty() ? tr("New message") : subject);
    });
    form->addRow(tr("From:"), m_identity);
    form->addRow(tr("To:"), m_to);
    form->addRow(tr("Cc:"), m_cc);
    form->addRow(tr("Bcc:"), m_bcc);
    form->addRow(tr("Subject:"), m_subject);
    layout->addLayout(form);

    m_body = new QPlainTextEdit(this);
    m_body->viewport()->installEventFilter(this); // files dropped on the text become attachments
    layout->addWidget(m_body, 1);
    m_alsoHtml = new QCheckBox(tr("Also send an HTML version of the text"), this);
    layout->addWidget(m_alsoHtml);

    m_attachmentList = new QListWidget(this);
    m_attachmentList->setMaximumHeight(100);
    m_attachmentList->hide();
    layout->addWidget(m_attachmentList);
    resize(720, 560);
}

void ComposerWindow::loadIdentities()
{
    m_identity->clear();
    QList<Store::AccountRow> accounts;
    try {
        accounts = m_reader->accounts();
    } catch (const Store::StoreError &e) {
        showError(tr("The accounts could not be read: %1").arg(e.message()));
    }
    for (const Store::AccountRow &a : std::as_const(accounts)) {
        const Mime::MailAddress from{a.displayName, a.address};
        m_identity->addItem(QStringLiteral("%1 (%2)").arg(from.toDisplayString(), a.name), a.id);
    }
    if (accounts.isEmpty())
        showError(tr("There is no account to send from yet."));
}

bool ComposerWindow::setIdentity(qint64 accountId)
{
    const int index = m_identity->findData(accountId);
    if (index < 0)
        return false;
    m_identity->setCurrentIndex(index);
    return true;
}

qint64 ComposerWindow::identityAccountId() const
{
    return m_identity->currentIndex() < 0 ? 0 : m_identity->currentData().toLongLong();
}

ComposerWindow *ComposerWindow::create(const QString &databasePath, qint64 originalId, Mode mode, QString *error,
                                       QWidget *parent)
{
    std::optional<Store::AccountRow> account;
    std::optional<QByteArray> raw;
    QStringList own;
    try {
        Store::StoreReader reader(databasePath);
        const std::optional<Store::MessageRow> row = reader.message(originalId);
        const std::optional<Store::FolderRow> folder = row ? reader.folder(row->folderId) : std::nullopt;
        if (!folder) {
            *error = tr("The message is no longer there.");
            return nullptr;
        }
        account = reader.accountById(folder->accountId);
        raw = reader.rawMessage(originalId);
        for (const Store::AccountRow &a : reader.accounts())
            own << a.address;
    } catch (const Store::StoreError &e) {
        *error = tr("The message could not be read: %1").arg(e.message());
        return nullptr;
    }
    if (!account) {
        *error = tr("The message's account is gone.");
        return nullptr;
    }
    if (!raw) {
        *error = tr("The message has not been downloaded yet; try again once it is.");
        return nullptr;
    }
    const Mime::MailAddress identity{account->displayName, account->address};
    Mime::DraftResult draft;
    switch (mode) {
    case Mode::Reply:
        draft = Mime::ReplyBuilder::reply(*raw, identity, Mime::ReplyMode::Sender, own);
        break;
    case Mode::ReplyAll:
        draft = Mime::ReplyBuilder::reply(*raw, identity, Mime::ReplyMode::All, own);
        break;
    case Mode::Forward:
        draft = Mime::ReplyBuilder::forwardInline(*raw, identity);
        break;
    case Mode::ForwardAsAttachment:
        draft = Mime::ReplyBuilder::forwardAsAttachment(*raw, identity);
        break;
    }
    if (!draft.isOk()) {
        *error = draft.error;
        return nullptr;
    }
    auto *window = new ComposerWindow(databasePath, parent);
    window->setIdentity(account->id);
    window->fillFrom(draft.message);
    return window;
}

void ComposerWindow::fillFrom(const Mime::OutgoingMessage &draft)
{
    m_to->setText(joined(draft.to));
    m_cc->setText(joined(draft.cc));
    m_bcc->setText(joined(draft.bcc));
    m_subject->setText(draft.subject);
    m_body->setPlainText(draft.textBody);
    m_body->moveCursor(QTextCursor::Start);
    m_inReplyTo = draft.inReplyTo;
    m_references = draft.references;
    for (const Mime::OutgoingAttachment &a : draft.attachments)
        addAttachment(a);
}

void ComposerWindow::fillFromMailto(const Mime::MailtoLink &link)
{
    m_to->setText(link.to.join(QStringLiteral(", ")));
    m_cc->setText(link.cc.join(QStringLiteral(", ")));
    m_bcc->setText(link.bcc.join(QStringLiteral(", ")));
    m_subject->setText(link.subject);
    m_body->setPlainText(link.body);
    m_body->moveCursor(QTextCursor::Start);
    m_inReplyTo = link.inReplyTo;
}

bool ComposerWindow::addAttachmentFile(const QString &path)
{
    const QFileInfo info(path);
    const Mime::ComposeLimits limits;
    if (info.size() > limits.maxMessageBytes) {
        showError(tr("%1 is too large to send (%2; at most %3).")
                      .arg(info.fileName(), QLocale().formattedDataSize(info.size()),
                           QLocale().formattedDataSize(limits.maxMessageBytes)));
        return false;
    }
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        showError(tr("%1 could not be attached: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    addAttachment(Mime::OutgoingAttachment{info.fileName(), QString(), file.readAll()});
    return true;
}

void ComposerWindow::addAttachment(const Mime::OutgoingAttachment &attachment)
{
    m_attachments << attachment;
    m_attachmentList->addItem(attachmentLabel(attachment));
    m_attachmentList->show();
}

void ComposerWindow::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    delete m_attachmentList->takeItem(index);
    m_attachmentList->setVisible(!m_attachments.isEmpty());
}

QString ComposerWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ComposerWindow::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

std::optional<Mime::OutgoingMessage> ComposerWindow::message(bool forDraft)
{
    std::optional<Store::AccountRow> account;
    try {
        account = m_reader->accountById(identityAccountId());
    } catch (const Store::StoreError &e) {
        showError(tr("The account could not be read: %1").arg(e.message()));
        return std::nullopt;
    }
    if (!account) {
        showError(tr("Choose the account to send from."));
        return std::nullopt;
    }
    Mime::OutgoingMessage m;
    m.from = Mime::MailAddress{account->displayName, account->address};
    const std::pair<AddressLineEdit *, Mime::MailAddressList *> fields[] = {
        {m_to, &m.to}, {m_cc, &m.cc}, {m_bcc, &m.bcc}};
    const QString names[] = {tr("To"), tr("Cc"), tr("Bcc")};
    for (int i = 0; i < 3; ++i) {
        const AddressFieldResult parsed = parseAddressField(fields[i].first->text());
        if (!parsed.isOk()) {
            showError(QStringLiteral("%1: %2").arg(names[i], parsed.error));
            fields[i].first->setFocus();
            return std::nullopt;
        }
        *fields[i].second = parsed.addresses;
    }
    if (m.to.isEmpty() && m.cc.isEmpty() && m.bcc.isEmpty()) {
        if (!forDraft) {
            showError(tr("Add at least one recipient."));
            m_to->setFocus();
            return std::nullopt;
        }
        // A draft may have no recipient yet; the composer wants one, and Bcc is never written.
        m.bcc = {m.from};
    }
    m.subject = m_subject->text();
    m.textBody = m_body->toPlainText();
    if (m_alsoHtml->isChecked()) {
        // The same text, escaped; pre-wrap keeps its line breaks and spacing in HTML readers.
        m.htmlBody = QStringLiteral("<html><body><div style=\"white-space: pre-wrap\">%1</div></body></html>")
                         .arg(m.textBody.toHtmlEscaped());
    }
    m.attachments = m_attachments;
    m.inReplyTo = m_inReplyTo;
    m.references = m_references;
    if (m_messageId.isEmpty())
        m_messageId = Mime::generateMessageId(m.from.address);
    m.messageId = m_messageId;
    return m;
}

bool ComposerWindow::send()
{
    if (m_sent)
        return true;
    std::optional<Mime::OutgoingMessage> m;
    const std::optional<Mime::ComposeResult> composed = composeForm(false, &m);
    if (!composed)
        return false;
    const qint64 accountId = identityAccountId();
    qint64 outboxId = 0;
    try {
        Store::StoreWriter writer(m_databasePath);
        outboxId = Store::OutboxStore(writer.database())
                       .enqueue(accountId, m_messageId, m->from.address, composed->envelopeRecipients, composed->raw);
    } catch (const Store::StoreError &e) {
        showError(tr("The message could not be put into the outbox: %1").arg(e.message()));
        return false;
    }
    m_sent = true;
    discardDraft();
    Q_EMIT queued(accountId, outboxId);
    close();
    return true;
}

std::optional<Mime::ComposeResult> ComposerWindow::composeForm(bool draft, std::optional<Mime::OutgoingMessage> *message)
{
    showError(QString());
    *message = this->message(draft);
    if (!*message)
        return std::nullopt;
    Mime::ComposeResult composed = Mime::MessageComposer::compose(**message);
    if (!composed.isOk()) {
        showError(composed.error);
        return std::nullopt;
    }
    return composed;
}

bool ComposerWindow::saveDraft()
{
    std::optional<Mime::OutgoingMessage> m;
    const std::optional<Mime::ComposeResult> composed = composeForm(true, &m);
    if (!composed)
        return false;
    const qint64 accountId = identityAccountId();
    qint64 newId = 0;
    try {
        // The previous version goes only once the new one is safely stored (DraftSaver's order).
        Store::StoreWriter writer(m_databasePath);
        const QString why = Core::DraftSaver(writer, *m_reader).save(accountId, composed->raw, m_draftId, &newId);
        if (newId == 0) {
            showError(tr("The draft was not saved: %1").arg(why));
            return false;
        }
        if (!why.isEmpty())
            showError(why); // saved, but the older version is still there
    } catch (const Store::StoreError &e) {
        showError(tr("The draft was not saved: %1").arg(e.message()));
        return false;
    }
    m_draftId = newId;
    Q_EMIT draftSaved(accountId, newId);
    return true;
}

void ComposerWindow::discardDraft()
{
    const qint64 draft = std::exchange(m_draftId, 0);
    if (draft == 0)
        return;
    try {
        Store::StoreWriter writer(m_databasePath);
        if (const QString why = Core::DraftSaver(writer, *m_reader).discard(identityAccountId(), draft); !why.isEmpty())
            showError(tr("The saved draft could not be removed: %1").arg(why));
    } catch (const Store::StoreError &e) {
        showError(tr("The saved draft could not be removed: %1").arg(e.message()));
    }
}

QStringList ComposerWindow::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}

void ComposerWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ComposerWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ComposerWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    for (const QString &path : files) {
        if (!addAttachmentFile(path))
            break;
    }
}

bool ComposerWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_body->viewport()) {
        switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!localFiles(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            if (!localFiles(drop->mimeData()).isEmpty()) {
                dropEvent(drop);
                return true;
            }
            break;
        }
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Petrel::Ui
