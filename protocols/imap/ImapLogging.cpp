#include "imap/ImapLogging.h"

Q_LOGGING_CATEGORY(lcPetrelImap, "petrel.imap", QtInfoMsg)
