"""Training-only registered functions (the trained pipeline needs none of them at run time)."""

import random
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from .labels import EVENTS_KEY


def wrap_text(text: str, width: int) -> str:
    """Hard-wrap `text` at `width` by turning spaces into newlines; offsets are unchanged."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            line_start, last_space = i + 1, -1
        elif ch == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


@registry.augmenters("sec_events.wrap_augmenter.v1")
def create_wrap_augmenter(
    level: float, min_width: int = 60, max_width: int = 80, spans_key: str = EVENTS_KEY
) -> Callable[[Language, Example], Iterator[Example]]:
    """Also yield, for a share `level` of examples, a copy hard-wrapped like old EDGAR text.

    Real filings from the 1990s and many exhibits are wrapped at 60-80 columns, so names,
    dates and amounts break across lines ("September\\n30, 1996"). The copy keeps every
    character offset, so the gold spans carry over unchanged.
    """

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        if random.random() >= level:
            return
        ref = example.reference
        text = wrap_text(ref.text, random.randint(min_width, max_width))
        doc = nlp.make_doc(text)
        ents = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in ref.ents]
        spans = [doc.char_span(s.start_char, s.end_char, label=s.label_) for s in ref.spans.get(spans_key, [])]
        if any(s is None for s in ents + spans):
            return
        doc.ents = ents
        doc.spans[spans_key] = spans
        yield Example(nlp.make_doc(text), doc)

    return augment
