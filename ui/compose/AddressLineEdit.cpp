#include "compose/AddressLineEdit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStringListModel>

namespace Petrel::Ui {

AddressLineEdit::AddressLineEdit(QWidget *parent) : QLineEdit(parent)
{
    m_model = new QStringListModel(this);
    m_completer = new QCompleter(m_model, this);
    m_completer->setWidget(this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains); // the source matches name words too
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    connect(this, &QLineEdit::textEdited, this, &AddressLineEdit::refresh);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &AddressLineEdit::choose);
}

qsizetype AddressLineEdit::entryStart() const
{
    const QString t = text();
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.at(i) == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && (t.at(i) == QLatin1Char(',') || t.at(i) == QLatin1Char(';')))
            start = i + 1;
    }
    return start;
}

QString AddressLineEdit::currentEntry() const
{
    return text().mid(entryStart()).trimmed();
}

QStringList AddressLineEdit::suggestions() const
{
    return m_model->stringList();
}

void AddressLineEdit::refresh(const QString &)
{
    const QString entry = currentEntry();
    if (!m_source || entry.isEmpty()) {
        m_model->setStringList({});
        m_completer->popup()->hide();
        return;
    }
    m_model->setStringList(m_source(entry, MaxSuggestions));
    m_completer->setCompletionPrefix(entry);
    if (m_completer->completionCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

void AddressLineEdit::choose(const QString &address)
{
    const qsizetype start = entryStart();
    const QString before = text().left(start).trimmed();
    setText(before.isEmpty() ? QString(address + QStringLiteral(", "))
                             : QString(before + QLatin1Char(' ') + address + QStringLiteral(", ")));
}

} // namespace Petrel::Ui
