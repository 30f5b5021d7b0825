#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QLabel;
class QStatusBar;

namespace Petrel::Ui {

// One permanent label per account in the status bar: its state (checking with counts, online,
// offline after an error, not checked yet).
class AccountStatus : public QObject
{
    Q_OBJECT

public:
    explicit AccountStatus(QStatusBar *bar, QObject *parent = nullptr);

    void setAccountName(qint64 accountId, const QString &name);
    void showProgress(qint64 accountId, const QString &text);
    void showOnline(qint64 accountId);
    void showOffline(qint64 accountId);
    // The account was removed: its label goes.
    void forget(qint64 accountId);
    QString text(qint64 accountId) const;

private:
    QLabel *label(qint64 accountId);

    QStatusBar *m_bar;
    QHash<qint64, QLabel *> m_labels;
    QHash<qint64, QString> m_names;
};

} // namespace Petrel::Ui
