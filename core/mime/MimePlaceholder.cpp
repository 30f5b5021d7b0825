// Replaced by the MIME layer.
