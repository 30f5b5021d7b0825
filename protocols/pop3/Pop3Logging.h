#pragma once

#include <QLoggingCategory>

// petrel.pop3: commands (credentials redacted by Pop3CommandEncoder) and status lines, never data.
Q_DECLARE_LOGGING_CATEGORY(lcPetrelPop3)
