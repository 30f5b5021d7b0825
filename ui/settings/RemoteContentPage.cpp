#include "settings/RemoteContentPage.h"

#include "message/RemoteContentPolicy.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Petrel::Ui {

RemoteContentPage::RemoteContentPage(RemoteContentPolicy &policy, QWidget *parent) : QWidget(parent), m_policy(policy)
{
    auto *intro = new QLabel(tr("Remote content in messages (images, style sheets and other files on the web) is "
                                "blocked: loading it tells the sender that and when you read the message. You can "
                                "load it for one message, or always for a sender, from the message view.\n\n"
                                "Senders whose remote content is always loaded:"));
    intro->setWordWrap(true);
    m_senders = new QListWidget;
    m_senders->setObjectName(QStringLiteral("allowedSenders"));
    m_senders->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("removeSender"));
    m_remove->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_senders, 1);
    layout->addLayout(buttons);
    connect(m_senders, &QListWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_senders->selectedItems().isEmpty()); });
    connect(m_remove, &QPushButton::clicked, this, &RemoteContentPage::removeSelected);
    reload();
}

void RemoteContentPage::reload()
{
    m_senders->clear();
    m_senders->addItems(m_policy.allowedSenders());
}

void RemoteContentPage::removeSelected()
{
    qDeleteAll(m_senders->selectedItems());
}

void RemoteContentPage::apply()
{
    QStringList kept;
    for (int row = 0; row < m_senders->count(); ++row)
        kept.append(m_senders->item(row)->text());
    for (const QString &sender : m_policy.allowedSenders()) {
        if (!kept.contains(sender))
            m_policy.forgetSender(sender);
    }
}

} // namespace Petrel::Ui
