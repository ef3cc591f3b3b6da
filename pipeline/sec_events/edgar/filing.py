"""Filings as users have them, turned into documents for the pipeline.

A filing is an EDGAR full-submission `.txt` (an SGML header and several `<DOCUMENT>` parts), an
HTML or inline-XBRL page, or plain text. `read_filing` decodes the bytes, refuses what cannot be
read with a `FilingError` that says why, and returns each readable part as clean text with a
map back to the position in the decoded file.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .html_text import html_to_text
from .textmap import TextMap

MAX_BYTES = 100 * 2**20
# Old plain-text filings carry <TABLE>, <S>, <C> and <PAGE> tags of their own: not HTML.
HTML_START = re.compile(r"<(?:!doctype\s+html|html|body|div|p|font|span|br)\b", re.I)
DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S)
TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*?)[ \t]*$", re.M)
TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.S)
HEADER_FIELDS = {
    "company": "COMPANY CONFORMED NAME",
    "cik": "CENTRAL INDEX KEY",
    "form": "CONFORMED SUBMISSION TYPE",
    "filing_date": "FILED AS OF DATE",
    "period": "CONFORMED PERIOD OF REPORT",
    "accession": "ACCESSION NUMBER",
}
# Parts that hold no prose: XBRL instances and schemas, graphics, archives, spreadsheets.
NON_TEXT_TYPES = re.compile(r"^(EX-101|GRAPHIC|ZIP|EXCEL|PDF|XML|JSON|XBRL)", re.I)
# "Item 1.01" (2004 on) and "Item 5." (before): at the start of a line.
ITEM = re.compile(r"^[ \t]*item[ \t\xa0]+(\d{1,2}(?:\.\d{2})?)(?=[.:\s\xa0]|$)", re.I | re.M)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class FilingError(ValueError):
    """A file that cannot be read as a filing; the message says why."""


@dataclass
class Part:
    """One document of a filing: its EDGAR type (8-K, EX-99.1, ...), clean text and offset map."""

    type: str
    text_map: TextMap
    sequence: Optional[str] = None
    filename: Optional[str] = None
    items: List[tuple] = field(default_factory=list)  # (offset in text, "1.01")

    @property
    def text(self) -> str:
        return self.text_map.text

    @property
    def is_exhibit(self) -> bool:
        return self.type.upper().startswith("EX-")

    def item_at(self, offset: int) -> Optional[str]:
        """The 8-K item whose heading last precedes `offset` in this part."""
        current = None
        for start, item in self.items:
            if start > offset:
                break
            current = item
        return current


@dataclass
class Filing:
    source: str
    text: str  # the decoded file, which all source offsets index
    parts: List[Part]
    metadata: Dict = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)


def decode(data: bytes, warnings: List[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 when that reads cleanly."""
    if not data.strip():
        raise FilingError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FilingError("broken UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise FilingError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FilingError(f"not UTF-8 or Windows-1252 text (byte {err.start})") from None
        warnings.append("not UTF-8: read as Windows-1252")
    sample = text[:65536]
    if sample and len(CONTROL.findall(sample)) > 0.05 * len(sample):
        raise FilingError("binary file (control characters)")
    return text


def _items(text: str) -> List[tuple]:
    return [(m.start(), m.group(1)) for m in ITEM.finditer(text)]


def _is_html(text: str, start: int, end: int) -> bool:
    return HTML_START.search(text, start, min(end, start + 20000)) is not None


def _part(text: str, start: int, end: int, **info) -> Part:
    """HTML is converted; plain text is taken as it is."""
    text_map = html_to_text(text, start, end) if _is_html(text, start, end) else TextMap(text[start:end], base=start)
    return Part(text_map=text_map, items=_items(text_map.text), **info)


def _header(text: str) -> Dict:
    header = text[: text.find("<DOCUMENT>")] if "<DOCUMENT>" in text else ""
    meta = {}
    for key, name in HEADER_FIELDS.items():
        m = re.search(rf"^[ \t]*{name}:[ \t]*(\S.*?)[ \t]*$", header, re.M)
        if m:
            meta[key] = m.group(1)
    items = re.findall(r"^[ \t]*ITEM INFORMATION:[ \t]*(\S.*?)[ \t]*$", header, re.M)
    if items:
        meta["items"] = items
    return meta


def _submission(source: str, text: str, warnings: List[str]) -> Filing:
    if text.count("<DOCUMENT>") != text.count("</DOCUMENT>"):
        raise FilingError("truncated submission: a <DOCUMENT> has no </DOCUMENT>")
    parts = []
    for doc in DOCUMENT.finditer(text):
        tags = {k.lower(): v for k, v in TAG_LINE.findall(doc.group(1))}
        body = TEXT.search(text, doc.start(1), doc.end(1))
        doc_type = tags.get("type", "")
        if body is None or NON_TEXT_TYPES.match(doc_type) or body.group(1).lstrip().startswith("begin "):
            continue
        part = _part(text, body.start(1), body.end(1), type=doc_type or "UNKNOWN", sequence=tags.get("sequence"),
                     filename=tags.get("filename"))
        if part.text.strip():
            parts.append(part)
    if not parts:
        raise FilingError("no text document in the submission")
    return Filing(source, text, parts, _header(text), warnings)


def read_filing(data: bytes, source: str = "<text>", max_bytes: int = MAX_BYTES) -> Filing:
    """Decode and split one filing; raises FilingError for what cannot be read."""
    if len(data) > max_bytes:
        raise FilingError(f"too large: {len(data):,} bytes (limit {max_bytes:,})")
    warnings: List[str] = []
    text = decode(data, warnings)
    if "<DOCUMENT>" in text:
        return _submission(source, text, warnings)
    part = _part(text, 0, len(text), type="HTML" if _is_html(text, 0, len(text)) else "TEXT")
    if not part.text.strip():
        raise FilingError("no text (markup only)")
    return Filing(source, text, [part], {}, warnings)
