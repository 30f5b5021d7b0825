#include "smtp/SmtpLogging.h"

Q_LOGGING_CATEGORY(lcPetrelSmtp, "petrel.smtp", QtInfoMsg)
