#pragma once

#include <QLoggingCategory>

namespace Petrel::Store {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
}
