#include "status/TrayIcon.h"

#include <QFont>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSystemTrayIcon>

namespace Petrel::Ui {

TrayIcon::TrayIcon(const QIcon &appIcon, QObject *parent) : QObject(parent), m_appIcon(appIcon)
{
    m_menu = new QMenu;
    m_menu->addAction(tr("Show Petrel"), this, &TrayIcon::showWindowRequested);
    m_menu->addAction(tr("Check Mail"), this, &TrayIcon::checkMailRequested);
    m_menu->addAction(tr("Write Message"), this, &TrayIcon::composeRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);

    if (!isAvailable())
        return;
    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT toggleWindowRequested();
    });
    updateIcon();
    m_tray->show();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a context menu has no parent widget
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

bool TrayIcon::isVisible() const
{
    return m_tray && m_tray->isVisible();
}

void TrayIcon::setUnreadCount(qint64 count)
{
    count = std::max<qint64>(0, count);
    if (count == m_unread)
        return;
    m_unread = count;
    updateIcon();
}

QString TrayIcon::toolTip() const
{
    if (m_unread == 0)
        return tr("Petrel: no unread messages");
    return tr("Petrel: %n unread message(s)", nullptr, int(std::min<qint64>(m_unread, INT_MAX)));
}

void TrayIcon::showNewMail(const QString &text)
{
    if (m_tray)
        m_tray->showMessage(tr("New mail"), text, QSystemTrayIcon::Information);
}

void TrayIcon::updateIcon()
{
    if (!m_tray)
        return;
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(QPixmap::fromImage(badgedImage(m_appIcon, m_unread, size)));
    m_tray->setIcon(icon);
    m_tray->setToolTip(toolTip());
}

QImage TrayIcon::badgedImage(const QIcon &appIcon, qint64 count, int size)
{
    QImage image = appIcon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
    if (image.size() != QSize(size, size))
        image = image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (count <= 0)
        return image;
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(std::max(7, size * (text.size() > 2 ? 4 : 5) / 10));
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const int height = std::max(metrics.height(), size / 2);
    const int width = std::min(size, std::max(height, metrics.horizontalAdvance(text) + height / 2));
    const QRectF badge(size - width, size - height, width, height);
    QPainterPath path;
    path.addRoundedRect(badge, height / 2.0, height / 2.0);
    painter.fillPath(path, QColor(0xd3, 0x2f, 0x2f));
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, text);
    return image;
}

} // namespace Petrel::Ui
