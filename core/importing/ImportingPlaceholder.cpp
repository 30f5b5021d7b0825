// Replaced by core/importing.
