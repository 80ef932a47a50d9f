"""morgue: a newspaper archive that keeps every original and publishes every article."""

__version__ = "0.1.0"
