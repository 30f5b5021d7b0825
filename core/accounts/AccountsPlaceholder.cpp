// Replaced by core/accounts.
