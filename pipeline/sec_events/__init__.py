"""sec-events: entities, agreement events and event records from SEC filings."""

from .about import __version__
from .extensions import register as _register_extensions

_register_extensions()

__all__ = ["__version__"]
