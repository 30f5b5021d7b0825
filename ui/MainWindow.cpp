#include "MainWindow.h"

#include <QLabel>

namespace Petrel::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Petrel"));
    auto *label = new QLabel(tr("No accounts yet. Add one with petrel-cli account add."), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1000, 700);
}

} // namespace Petrel::Ui
