#include "pop3/Pop3Logging.h"

Q_LOGGING_CATEGORY(lcPetrelPop3, "petrel.pop3", QtInfoMsg)
