"""Package metadata: the one place the version is written."""

__title__ = "sec-events"
__version__ = "0.1.0"
