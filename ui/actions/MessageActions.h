#pragma once

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace Petrel::Core {
class MailActions;
}

namespace Petrel::Store {
class StoreReader;
}

namespace Petrel::Ui {

// The actions on the selected messages, with the shortcuts of desktop mail clients: reply
// (Ctrl+R), reply all (Ctrl+Shift+R), forward (Ctrl+L), new (Ctrl+N), delete (Delete), archive
// (A), toggle read (M), mark unread (Ctrl+Shift+U), toggle flag (S), move to / copy to (menus).
// Store changes go through Core::MailActions; composing is announced by signals for the
// composer to pick up. Refusals are reported through failed(), never a dialog.
class MessageActions : public QObject
{
    Q_OBJECT

public:
    using Selection = std::function<QList<qint64>()>;

    MessageActions(Core::MailActions &actions, Store::StoreReader &reader, Selection selection,
                   QObject *parent = nullptr);

    // Makes the shortcuts work in window (each action is added to it).
    void addTo(QWidget *window);
    void updateEnabled();

    QAction *newMessage() const { return m_new; }
    QAction *reply() const { return m_reply; }
    QAction *replyAll() const { return m_replyAll; }
    QAction *forward() const { return m_forward; }
    QAction *remove() const { return m_delete; }
    QAction *archive() const { return m_archive; }
    QAction *toggleRead() const { return m_toggleRead; }
    QAction *markUnread() const { return m_markUnread; }
    QAction *toggleFlag() const { return m_toggleFlag; }
    QMenu *moveMenu() const { return m_moveMenu; }
    QMenu *copyMenu() const { return m_copyMenu; }

    // Moves or copies messages to a folder (of their own account); used by the menus and by
    // drag and drop onto the folder tree.
    void moveOrCopy(const QList<qint64> &ids, qint64 targetFolderId, bool copy);
    void removeMessages(const QList<qint64> &ids);
    void archiveMessages(const QList<qint64> &ids);
    // Marks all read unless all are read already (then all unread), like the usual toggle.
    void toggleReadOf(const QList<qint64> &ids);
    void toggleFlagOf(const QList<qint64> &ids);

Q_SIGNALS:
    void composeRequested();
    void replyRequested(qint64 messageId, bool all);
    void forwardRequested(qint64 messageId);
    // The store changed: the window refreshes its models. ids: the messages acted on.
    void changed(const QList<qint64> &ids);
    void failed(const QString &message);

private:
    QAction *make(const QString &text, const char *icon, const QList<QKeySequence> &keys);
    void fillFolderMenu(QMenu *menu, bool copy);
    void addFolders(QMenu *menu, bool copy); // throws StoreError
    void toggle(const QList<qint64> &ids, int flag);
    // Runs one store action per message; reports the first refusal.
    void each(const QList<qint64> &ids, const std::function<QString(qint64)> &action);
    qint64 firstSelected() const;

    Core::MailActions &m_actions;
    Store::StoreReader &m_reader;
    Selection m_selection;
    QAction *m_new, *m_reply, *m_replyAll, *m_forward, *m_delete, *m_archive, *m_toggleRead, *m_markUnread,
        *m_toggleFlag;
    QMenu *m_moveMenu, *m_copyMenu;
};

} // namespace Petrel::Ui
