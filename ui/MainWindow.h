#pragma once

#include <QMainWindow>

class QTreeWidget;

namespace Petrel::Ui {

// The top-level window. The full three-pane layout arrives with the UI issue; for now it shows
// the profile's accounts and their folders with counts, read through the store's reader, so a
// launched Petrel proves the core is wired.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString &profileDir, QWidget *parent = nullptr);

    // Re-reads accounts and folders from the profile's database.
    void reload();

    QTreeWidget *folderTree() const { return m_tree; }

private:
    QString m_profileDir;
    QTreeWidget *m_tree = nullptr;
};

} // namespace Petrel::Ui
