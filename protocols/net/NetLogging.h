#pragma once

#include <QLoggingCategory>

// petrel.net: connection life cycle and errors. Never payload: protocol loggers redact and log that.
Q_DECLARE_LOGGING_CATEGORY(lcPetrelNet)
