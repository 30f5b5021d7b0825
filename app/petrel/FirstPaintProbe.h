#pragma once

#include <QObject>
#include <QString>

namespace Petrel::Ui {
class MainWindow;
}

namespace Petrel::App {

// Start-up instrumentation (issue 7, item 8), switched on by PETREL_EXIT_AFTER_FIRST_PAINT=<file>:
// once the main window's message list has painted its rows for the first time (or painted an
// empty list when the folder has no message), writes to <file> the seconds since the process
// started, the peak resident memory and what was painted, then ends the application.
// The file holds "key=value" lines: seconds, peak_rss_bytes, rows, total, platform (or error).
// It waits for a paint: started --minimized (nothing painted), Petrel runs on as usual.
class FirstPaintProbe : public QObject
{
    Q_OBJECT
public:
    // Watches the window's message list; without one (the profile could not be opened) it
    // reports the error at once.
    FirstPaintProbe(Ui::MainWindow &window, QString outputFile);

    static QString requestedFile(); // the variable's value; empty when not set

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void finish(); // after the paint: writes the figures and quits
    void fail(const QString &why);

    Ui::MainWindow &m_window;
    QString m_file;
    bool m_seen = false;
};

} // namespace Petrel::App
