#pragma once

#include <QLoggingCategory>

// petrel.smtp: commands in redacted form (SmtpCommand::redacted) and reply lines, never message data.
Q_DECLARE_LOGGING_CATEGORY(lcPetrelSmtp)
