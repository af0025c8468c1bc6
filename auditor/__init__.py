"""auditor: terms-of-use and IP compliance auditor for machine-learning training."""

__version__ = "0.1.0"
