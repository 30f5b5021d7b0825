#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace Petrel::Ui {

class RemoteContentPolicy;

// The Privacy page: remote content (images, style sheets) in messages is blocked unless the user
// allowed it; lists the senders allowed always, any of which can be taken off on apply().
class RemoteContentPage : public QWidget
{
    Q_OBJECT

public:
    explicit RemoteContentPage(RemoteContentPolicy &policy, QWidget *parent = nullptr);

    // Re-reads the allowed senders (removals not applied yet are dropped).
    void reload();
    // Forgets the senders taken off the list.
    void apply();

    QListWidget *senderList() const { return m_senders; }
    QPushButton *removeButton() const { return m_remove; }

private:
    void removeSelected();

    RemoteContentPolicy &m_policy;
    QListWidget *m_senders = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace Petrel::Ui
