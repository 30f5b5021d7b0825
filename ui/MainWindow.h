#pragma once

#include <QMainWindow>

namespace Petrel::Ui {

// The top-level window. The three-pane layout arrives with the UI issue; for now it shows the
// accounts known to the profile so a launched Petrel proves the core is wired.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Petrel::Ui
