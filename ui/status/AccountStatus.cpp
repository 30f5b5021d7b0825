#include "status/AccountStatus.h"

#include <QLabel>
#include <QStatusBar>

namespace Petrel::Ui {

AccountStatus::AccountStatus(QStatusBar *bar, QObject *parent) : QObject(parent), m_bar(bar)
{
}

QLabel *AccountStatus::label(qint64 accountId)
{
    QLabel *&l = m_labels[accountId];
    if (!l) {
        l = new QLabel(m_bar);
        l->setObjectName(QStringLiteral("accountStatus%1").arg(accountId));
        m_bar->addPermanentWidget(l);
    }
    return l;
}

void AccountStatus::setAccountName(qint64 accountId, const QString &name)
{
    m_names.insert(accountId, name);
    if (label(accountId)->text().isEmpty())
        label(accountId)->setText(tr("%1: not checked yet").arg(name));
}

void AccountStatus::showProgress(qint64 accountId, const QString &text)
{
    label(accountId)->setText(text);
}

void AccountStatus::showOnline(qint64 accountId)
{
    label(accountId)->setText(tr("%1: online").arg(m_names.value(accountId)));
}

void AccountStatus::showOffline(qint64 accountId)
{
    label(accountId)->setText(tr("%1: offline").arg(m_names.value(accountId)));
}

QString AccountStatus::text(qint64 accountId) const
{
    const QLabel *l = m_labels.value(accountId);
    return l ? l->text() : QString();
}

void AccountStatus::forget(qint64 accountId)
{
    m_names.remove(accountId);
    if (QLabel *l = m_labels.take(accountId)) {
        m_bar->removeWidget(l);
        l->deleteLater();
    }
}

} // namespace Petrel::Ui
