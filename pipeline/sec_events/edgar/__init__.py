"""Reading filings: EDGAR submissions, HTML and inline XBRL, plain text, with offset maps."""

from .filing import Filing, FilingError, Part, read_filing

__all__ = ["Filing", "FilingError", "Part", "read_filing"]
