// Replaced by core/credentials.
