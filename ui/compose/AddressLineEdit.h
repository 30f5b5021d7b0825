#pragma once

#include <QLineEdit>
#include <QStringList>

#include <functional>

class QCompleter;
class QStringListModel;

namespace Petrel::Ui {

// A To/Cc/Bcc field that completes the address being typed (the text after the last ',' or ';')
// from a source of known addresses, and on a choice puts it in place of that part.
class AddressLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    using Source = std::function<QStringList(const QString &prefix, int limit)>;
    static constexpr int MaxSuggestions = 20;

    explicit AddressLineEdit(QWidget *parent = nullptr);

    void setSource(Source source) { m_source = std::move(source); }
    QCompleter *addressCompleter() const { return m_completer; }
    // The suggestions for the part being typed now.
    QStringList suggestions() const;
    // The part of the text being typed: after the last separator outside quotes.
    QString currentEntry() const;

private:
    void refresh(const QString &text);
    void choose(const QString &address);
    qsizetype entryStart() const;

    Source m_source;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_model = nullptr;
};

} // namespace Petrel::Ui
