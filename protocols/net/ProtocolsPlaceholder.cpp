// Replaced by the connection classes.
