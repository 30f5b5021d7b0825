#include "net/NetLogging.h"

Q_LOGGING_CATEGORY(lcPetrelNet, "petrel.net", QtInfoMsg)
