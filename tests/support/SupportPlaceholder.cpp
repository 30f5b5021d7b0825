// Replaced by the test support helpers.
