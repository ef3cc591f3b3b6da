"""sec-events: entities, agreement events and event records from SEC filings."""

from .about import __version__
from .extensions import register as _register_extensions

_register_extensions()

from .extract import extract  # noqa: E402  (needs the extensions)

__all__ = ["__version__", "extract"]
