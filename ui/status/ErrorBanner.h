#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Petrel::Ui {

// An error shown in place, above the message list, instead of a dialog: what failed (in the
// server's words) with a Retry button and a Dismiss button. One banner per account.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(qint64 accountId, QWidget *parent = nullptr);

    qint64 accountId() const { return m_accountId; }
    void setMessage(const QString &text);
    QString message() const;
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested(qint64 accountId);

private:
    qint64 m_accountId;
    QLabel *m_text = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace Petrel::Ui
