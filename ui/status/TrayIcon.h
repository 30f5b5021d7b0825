#pragma once

#include <QIcon>
#include <QImage>
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Petrel::Ui {

// Petrel in the system tray: the icon with the number of unread messages in the inboxes, a
// tooltip saying the same, new-mail notifications, and a menu to show the window, check mail,
// write a message or quit. A click shows or hides the window. Without a tray (some desktops)
// it does nothing, and the window stays the way in.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(const QIcon &appIcon, QObject *parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    bool isVisible() const;

    void setUnreadCount(qint64 count);
    qint64 unreadCount() const { return m_unread; }
    QString toolTip() const;
    void showNewMail(const QString &text);

    // The application icon with the count drawn on it ("99+" above 99); the plain icon for 0.
    static QImage badgedImage(const QIcon &appIcon, qint64 count, int size);

    QMenu *menu() const { return m_menu; }

Q_SIGNALS:
    void toggleWindowRequested();
    void showWindowRequested();
    void checkMailRequested();
    void composeRequested();
    void quitRequested();

private:
    void updateIcon();

    QIcon m_appIcon;
    qint64 m_unread = 0;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
};

} // namespace Petrel::Ui
