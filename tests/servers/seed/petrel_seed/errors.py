"""The one error type of petrel-seed: bad input or an unusable target, said in words."""


class SeedError(Exception):
    """Bad input or an unusable target; the message says which."""
