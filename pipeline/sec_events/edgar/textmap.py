"""Clean text with a map back to the source: every character knows where it came from."""

from array import array
from typing import Optional, Tuple


class TextBuilder:
    """Appends characters with their source range, normalizing whitespace as it goes.

    Runs of spaces become one space, a line never starts or ends with a space, and at most one
    blank line separates paragraphs. Characters made up by the converter (line breaks for block
    tags, cell separators) get an empty source range at the position of the tag that made them.
    """

    def __init__(self) -> None:
        self.chars: list = []
        self.starts = array("q")
        self.ends = array("q")

    def _push(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def _pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def add(self, char: str, start: int, end: int) -> None:
        if char in " \t\r\f\v\xa0":
            if self.chars and self.chars[-1] not in " \n":
                self._push(" ", start, end)
        elif char == "\n":
            self.newline(start, blank=False)
        else:
            self._push(char, start, end)

    def add_text(self, text: str, start: int, newlines: bool = True) -> None:
        """Source text that maps one to one onto the source from `start`; `newlines=False`
        reads line breaks as spaces (HTML)."""
        for i, char in enumerate(text):
            self.add(char if newlines or char != "\n" else " ", start + i, start + i + 1)

    def newline(self, at: int, blank: bool) -> None:
        """End the line; `blank` also ends the paragraph (one empty line)."""
        while self.chars and self.chars[-1] == " ":
            self._pop()
        if not self.chars:
            return
        want = "\n\n" if blank else "\n"
        tail = "".join(self.chars[-2:])
        if tail.endswith(want):
            return
        if want == "\n\n" and tail.endswith("\n"):
            self._push("\n", at, at)
        else:
            for char in want:
                self._push(char, at, at)

    def build(self, base: int = 0) -> "TextMap":
        while self.chars and self.chars[-1] in " \n":
            self._pop()
        return TextMap("".join(self.chars), self.starts, self.ends, base)


class TextMap:
    """`text` and, for each of its characters, the [start, end) range it came from in the source.

    `starts`/`ends` None means the text is the source itself, shifted by `base`.
    """

    def __init__(self, text: str, starts: Optional[array] = None, ends: Optional[array] = None, base: int = 0):
        self.text = text
        self.starts = starts
        self.ends = ends
        self.base = base

    def source_span(self, start: int, end: int) -> Tuple[int, int]:
        """The source range of the text range [start, end) (end > start)."""
        if self.starts is None:
            return self.base + start, self.base + end
        return self.base + self.starts[start], self.base + self.ends[end - 1]
