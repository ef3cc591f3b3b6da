"""HTML and inline XBRL to text, with the source position of every character.

Python's own `html.parser` does the parsing: it is forgiving with broken markup and reports
where in the source each tag, text run and character reference starts, which is what the
offset map needs (tree builders such as lxml keep only line numbers). Scripts, styles, the
document head, hidden elements (`display:none`) and the hidden iXBRL header are dropped; block
elements end lines or paragraphs, table rows become lines with cells separated by " | ".
"""

import re
from html import unescape
from html.parser import HTMLParser

from .textmap import TextBuilder, TextMap

SKIP = {"script", "style", "head", "ix:header", "xml", "noscript", "template"}
PARAGRAPH = {"p", "div", "table", "title", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
             "article", "ul", "ol", "center", "pre", "body", "html", "document", "text", "page"}
LINE = {"br", "tr", "li", "hr", "dt", "dd", "caption"}
CELL = {"td", "th"}
VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
# Elements whose end tag may be left out: the next block boundary ends them.
OPTIONAL_END = {"p", "li", "td", "th", "tr", "dt", "dd"}
BLOCK = PARAGRAPH | LINE | CELL
HIDDEN = re.compile(r"display\s*:\s*none", re.I)


class _Converter(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out = TextBuilder()
        self.skipping: list = []  # [tag, depth] while inside a dropped element
        self.cells_in_row = 0
        self.separator_at = None  # a cell separator waits for the next cell's text

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _implicitly_closed(self, tag: str) -> bool:
        """A dropped <p> (or <li>, <td>, ...) left open ends where the next block begins or ends."""
        if self.skipping[0] in OPTIONAL_END and tag in BLOCK:
            self.skipping = []
            return True
        return False

    def handle_starttag(self, tag, attrs):
        if self.skipping and not self._implicitly_closed(tag):
            if tag == self.skipping[0] and tag not in VOID:
                self.skipping[1] += 1
            return
        style = dict(attrs).get("style") or ""
        if tag in SKIP or (tag not in VOID and HIDDEN.search(style)):
            self.skipping = [tag, 1]
            return
        self._block(tag, self._pos(), opening=True)

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self._block(tag, self._pos(), opening=True)

    def handle_endtag(self, tag):
        if self.skipping and (tag == self.skipping[0] or not self._implicitly_closed(tag)):
            if tag == self.skipping[0]:
                self.skipping[1] -= 1
                if self.skipping[1] == 0:
                    self.skipping = []
            return
        self._block(tag, self._pos(), opening=False)

    def _block(self, tag: str, at: int, opening: bool) -> None:
        if tag in PARAGRAPH:
            self.out.newline(at, blank=True)
        elif tag in LINE:
            self.out.newline(at, blank=False)
            if tag == "tr":
                self.cells_in_row, self.separator_at = 0, None
        elif tag in CELL and opening:
            if self.cells_in_row and self.out.chars and self.out.chars[-1] != "\n":
                self.separator_at = at
            self.cells_in_row += 1

    def _separate(self, text: str) -> None:
        """Write a waiting cell separator once the next cell has text: empty cells leave none."""
        if self.separator_at is not None and text.strip():
            for char in " | ":
                self.out.add(char, self.separator_at, self.separator_at)
            self.separator_at = None

    def handle_data(self, data):
        if not self.skipping:
            self._separate(data)
            self.out.add_text(data, self._pos(), newlines=False)

    def _reference(self, raw_start: int, name: str, prefix: str) -> None:
        if self.skipping:
            return
        end = raw_start + len(prefix) + len(name)
        if self.source.startswith(";", end):
            end += 1
        text = unescape(self.source[raw_start:end])
        self._separate(text.replace("\xa0", " "))
        for char in text:
            self.out.add(char, raw_start, end)

    def handle_entityref(self, name):
        self._reference(self._pos(), name, "&")

    def handle_charref(self, name):
        self._reference(self._pos(), name, "&#")

    def unknown_decl(self, data):
        if data.upper().startswith("CDATA[") and not self.skipping:
            self.out.add_text(data[6:], self._pos() + 9, newlines=False)


def html_to_text(source: str, start: int = 0, end: int = None) -> TextMap:
    """The text of the HTML in `source[start:end]`, mapped to positions in `source`."""
    end = len(source) if end is None else end
    converter = _Converter(source[start:end])
    converter.feed(source[start:end])
    converter.close()
    return converter.out.build(base=start)
