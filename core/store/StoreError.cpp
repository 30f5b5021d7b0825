#include "store/StoreError.h"

namespace Petrel::Store {

StoreError::StoreError(Kind kind, const QString &operation, const QString &message, int sqliteCode)
    : std::runtime_error(QString(operation + QLatin1String(": ") + message).toStdString()), m_kind(kind),
      m_operation(operation), m_message(message), m_sqliteCode(sqliteCode)
{
}

QString StoreError::text() const
{
    return m_operation + QLatin1String(": ") + m_message;
}

} // namespace Petrel::Store
