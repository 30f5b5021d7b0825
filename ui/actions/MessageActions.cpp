#include "actions/MessageActions.h"

#include "localmail/MailActions.h"
#include "models/FolderIcons.h"
#include "store/StoreError.h"
#include "store/StoreReader.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QWidget>

namespace Petrel::Ui {

using Store::MessageFlag;

MessageActions::MessageActions(Core::MailActions &actions, Store::StoreReader &reader, Selection selection,
                               QObject *parent)
    : QObject(parent), m_actions(actions), m_reader(reader), m_selection(std::move(selection))
{
    m_new = make(tr("&New Message"), "mail-message-new", {QKeySequence::New});
    m_reply = make(tr("&Reply"), "mail-reply-sender", {QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_replyAll = make(tr("Reply &All"), "mail-reply-all", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    m_forward = make(tr("&Forward"), "mail-forward", {QKeySequence(Qt::CTRL | Qt::Key_L)});
    m_delete = make(tr("&Delete"), "edit-delete", {QKeySequence::Delete});
    m_archive = make(tr("Ar&chive"), "mail-folder-archive", {QKeySequence(Qt::Key_A)});
    m_toggleRead = make(tr("Toggle &Read"), "mail-mark-read", {QKeySequence(Qt::Key_M)});
    m_markUnread = make(tr("Mark &Unread"), "mail-mark-unread", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)});
    m_toggleFlag = make(tr("Toggle &Flag"), "mail-mark-important", {QKeySequence(Qt::Key_S)});
    m_moveMenu = new QMenu(tr("&Move To"));
    m_copyMenu = new QMenu(tr("C&opy To"));
    connect(this, &QObject::destroyed, m_moveMenu, &QObject::deleteLater);
    connect(this, &QObject::destroyed, m_copyMenu, &QObject::deleteLater);
    connect(m_moveMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_moveMenu, false); });
    connect(m_copyMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_copyMenu, true); });

    connect(m_new, &QAction::triggered, this, &MessageActions::composeRequested);
    connect(m_reply, &QAction::triggered, this, [this] {
        if (const qint64 id = firstSelected())
            Q_EMIT replyRequested(id, false);
    });
    connect(m_replyAll, &QAction::triggered, this, [this] {
        if (const qint64 id = firstSelected())
            Q_EMIT replyRequested(id, true);
    });
    connect(m_forward, &QAction::triggered, this, [this] {
        if (const qint64 id = firstSelected())
            Q_EMIT forwardRequested(id);
    });
    connect(m_delete, &QAction::triggered, this, [this] { removeMessages(m_selection()); });
    connect(m_archive, &QAction::triggered, this, [this] { archiveMessages(m_selection()); });
    connect(m_toggleRead, &QAction::triggered, this, [this] { toggleReadOf(m_selection()); });
    connect(m_markUnread, &QAction::triggered, this, [this] {
        const QList<qint64> ids = m_selection();
        each(ids, [this](qint64 id) { return m_actions.setFlags(id, {}, MessageFlag::Seen); });
        Q_EMIT changed(ids);
    });
    connect(m_toggleFlag, &QAction::triggered, this, [this] { toggleFlagOf(m_selection()); });
    updateEnabled();
}

QAction *MessageActions::make(const QString &text, const char *icon, const QList<QKeySequence> &keys)
{
    auto *action = new QAction(QIcon::fromTheme(QLatin1String(icon)), text, this);
    action->setShortcuts(keys);
    return action;
}

void MessageActions::addTo(QWidget *window)
{
    window->addActions({m_new, m_reply, m_replyAll, m_forward, m_delete, m_archive, m_toggleRead, m_markUnread,
                        m_toggleFlag});
}

void MessageActions::updateEnabled()
{
    const bool any = !m_selection().isEmpty();
    for (QAction *a : {m_reply, m_replyAll, m_forward, m_delete, m_archive, m_toggleRead, m_markUnread, m_toggleFlag})
        a->setEnabled(any);
    m_moveMenu->setEnabled(any);
    m_copyMenu->setEnabled(any);
}

qint64 MessageActions::firstSelected() const
{
    const QList<qint64> ids = m_selection();
    return ids.isEmpty() ? 0 : ids.first();
}

void MessageActions::each(const QList<qint64> &ids, const std::function<QString(qint64)> &action)
{
    QString firstError;
    for (const qint64 id : ids) {
        QString error;
        try {
            error = action(id);
        } catch (const Store::StoreError &e) {
            error = e.text();
        }
        if (!error.isEmpty() && firstError.isEmpty())
            firstError = error;
    }
    if (!firstError.isEmpty())
        Q_EMIT failed(firstError);
}

void MessageActions::fillFolderMenu(QMenu *menu, bool copy)
{
    menu->clear();
    try {
        addFolders(menu, copy);
    } catch (const Store::StoreError &e) {
        Q_EMIT failed(e.text());
    }
}

void MessageActions::addFolders(QMenu *menu, bool copy)
{
    const qint64 first = firstSelected();
    const std::optional<Store::MessageRow> message = first ? m_reader.message(first) : std::nullopt;
    const std::optional<Store::FolderRow> current = message ? m_reader.folder(message->folderId) : std::nullopt;
    if (!current)
        return;
    for (const Store::FolderRow &folder : m_reader.folders(current->accountId)) {
        if (folder.id == current->id)
            continue;
        QAction *a = menu->addAction(folderIcon(folder.role), folder.path);
        const qint64 target = folder.id;
        connect(a, &QAction::triggered, this, [this, target, copy] { moveOrCopy(m_selection(), target, copy); });
    }
}

void MessageActions::moveOrCopy(const QList<qint64> &ids, qint64 targetFolderId, bool copy)
{
    std::optional<Store::FolderRow> target;
    try {
        target = m_reader.folder(targetFolderId);
    } catch (const Store::StoreError &e) {
        Q_EMIT failed(e.text());
        return;
    }
    if (!target)
        return;
    each(ids, [&](qint64 id) -> QString {
        const std::optional<Store::MessageRow> m = m_reader.message(id);
        if (!m || m->folderId == targetFolderId)
            return {};
        const std::optional<Store::FolderRow> from = m_reader.folder(m->folderId);
        if (from && from->accountId != target->accountId)
            return tr("Moving or copying between accounts is not possible yet.");
        return copy ? m_actions.copy(id, target->path) : m_actions.move(id, target->path);
    });
    Q_EMIT changed(ids);
}

void MessageActions::removeMessages(const QList<qint64> &ids)
{
    each(ids, [this](qint64 id) { return m_actions.remove(id); });
    Q_EMIT changed(ids);
}

void MessageActions::archiveMessages(const QList<qint64> &ids)
{
    each(ids, [this](qint64 id) -> QString {
        const std::optional<Store::MessageRow> m = m_reader.message(id);
        const std::optional<Store::FolderRow> from = m ? m_reader.folder(m->folderId) : std::nullopt;
        if (!from)
            return {};
        for (const Store::FolderRow &folder : m_reader.folders(from->accountId)) {
            if (folder.role == Store::FolderRole::Archive)
                return folder.id == from->id ? QString() : m_actions.move(id, folder.path);
        }
        return tr("This account has no Archive folder.");
    });
    Q_EMIT changed(ids);
}

void MessageActions::toggle(const QList<qint64> &ids, int flag)
{
    const auto f = MessageFlag(flag);
    bool allSet = !ids.isEmpty();
    try {
        for (const qint64 id : ids) {
            const std::optional<Store::MessageRow> m = m_reader.message(id);
            if (m && !m->flags.testFlag(f))
                allSet = false;
        }
    } catch (const Store::StoreError &e) {
        Q_EMIT failed(e.text());
        return;
    }
    each(ids, [&](qint64 id) {
        return allSet ? m_actions.setFlags(id, {}, f) : m_actions.setFlags(id, f, {});
    });
    Q_EMIT changed(ids);
}

void MessageActions::toggleReadOf(const QList<qint64> &ids)
{
    toggle(ids, int(MessageFlag::Seen));
}

void MessageActions::toggleFlagOf(const QList<qint64> &ids)
{
    toggle(ids, int(MessageFlag::Flagged));
}

} // namespace Petrel::Ui
