#include "status/ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Petrel::Ui {

ErrorBanner::ErrorBanner(qint64 accountId, QWidget *parent)
    : QFrame(parent), m_accountId(accountId), m_text(new QLabel(this)), m_retry(new QPushButton(tr("Retry"), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    warning.setColor(QPalette::WindowText, QColor(0x5a, 0x10, 0x10));
    setPalette(warning);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(dismiss);
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_accountId); });
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
}

void ErrorBanner::setMessage(const QString &text)
{
    m_text->setText(text);
}

QString ErrorBanner::message() const
{
    return m_text->text();
}

} // namespace Petrel::Ui
