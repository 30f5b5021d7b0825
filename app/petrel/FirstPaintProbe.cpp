#include "FirstPaintProbe.h"

#include "MainWindow.h"
#include "ProcessStats.h"
#include "models/MessageListModel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QTimer>
#include <QTreeView>


namespace Petrel::App {

FirstPaintProbe::FirstPaintProbe(Ui::MainWindow &window, QString outputFile)
    : QObject(&window), m_window(window), m_file(std::move(outputFile))
{
    if (!window.messageList() || !window.messageModel()) {
        // The window shows why in its status bar; the measurement has nothing to wait for.
        QTimer::singleShot(0, this, [this] { fail(QStringLiteral("no message list (the profile could not be opened)")); });
        return;
    }
    window.messageList()->viewport()->installEventFilter(this);
}

QString FirstPaintProbe::requestedFile()
{
    return qEnvironmentVariable("PETREL_EXIT_AFTER_FIRST_PAINT");
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_seen) {
        const Ui::MessageListModel *model = m_window.messageModel();
        // The paint must show the Inbox's rows, unless the Inbox is empty.
        if (model->rowCount() > 0 || model->totalCount() == 0) {
            m_seen = true;
            // The filter runs before the viewport paints: the zero timer fires once this paint
            // (and the flush of the window that follows it) is done.
            QTimer::singleShot(0, this, &FirstPaintProbe::finish);
        }
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintProbe::finish()
{
    const double seconds = secondsSinceProcessStart();
    const qint64 peak = peakResidentBytes();
    const Ui::MessageListModel *model = m_window.messageModel();
    QFile out(m_file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QCoreApplication::exit(3);
        return;
    }
    out.write(QByteArray("seconds=") + QByteArray::number(seconds, 'f', 4) + "\npeak_rss_bytes=" +
              QByteArray::number(peak) + "\nrows=" + QByteArray::number(model->rowCount()) + "\ntotal=" +
              QByteArray::number(model->totalCount()) + "\nplatform=" + QGuiApplication::platformName().toUtf8() +
              '\n');
    out.close();
    QCoreApplication::exit(0);
}

void FirstPaintProbe::fail(const QString &why)
{
    QFile out(m_file);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        out.write(QByteArray("error=") + why.toUtf8() + '\n');
    QCoreApplication::exit(2);
}

} // namespace Petrel::App
