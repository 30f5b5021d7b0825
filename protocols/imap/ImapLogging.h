#pragma once

#include <QLoggingCategory>

// petrel.imap: commands (through ImapLogRedactor, never a password), status lines, session life.
Q_DECLARE_LOGGING_CATEGORY(lcPetrelImap)
