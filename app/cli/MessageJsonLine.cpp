#include "MessageJsonLine.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Petrel::Cli {

QByteArray messageJsonLine(const Store::MessageRow &m, const QString &account, const QString &folder)
{
    const QJsonObject o{{QStringLiteral("id"), m.id},
                        {QStringLiteral("account"), account},
                        {QStringLiteral("folder"), folder},
                        {QStringLiteral("uid"), m.uid ? QJsonValue(*m.uid) : QJsonValue()},
                        {QStringLiteral("from"), m.fromDisplay},
                        {QStringLiteral("fromAddress"), m.fromAddress},
                        {QStringLiteral("subject"), m.subject},
                        {QStringLiteral("date"), m.date.isValid() ? m.date.toUTC().toString(Qt::ISODate) : QString()},
                        {QStringLiteral("messageId"), m.messageId}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace Petrel::Cli
