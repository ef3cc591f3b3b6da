"""`sec_context_ruler`: entity rules that need the text around the span.

spaCy's EntityRuler labels the whole match; a ticker is only the symbol inside
"(NASDAQ: IMGN)". Each pattern here is a regular expression over `doc.text` with a named
group `span` (the entity) and/or a group `clear` (text where no entity may stand, such as the
exchange name inside a ticker notation or a street number); a group `term` is cleared wherever
it recurs as a whole word (the acronym a technology's name defines). A pattern with an `anchor` regex
runs only on the `window` characters before each anchor match (and the match itself): the
registrant rule looks at the lines above "(Exact name of registrant", not at every line. With `overwrite_ents` (the default)
matches replace the entities they touch; without it they only fill gaps. Entities of an
`owned_labels` label that no pattern produced are removed: a trading symbol stands in an
exchange notation, and the statistical model's other all-caps guesses ("ADSL", "ATM")
are wrong far more often than right. Reads and writes `doc.ents`.

With a `spans_key` the `span` matches go to `doc.spans[spans_key]` instead, replacing the spans
they overlap, and `add_patterns` refuses `clear` and `term` groups (they act on entities): an
instance of its own finds the trigger word of an 8-K item heading ("Item 1.01 [Entry] into a
Material Definitive Agreement"), which LABELS.md makes an event whatever the classifier thinks
of it.
"""

import re
from bisect import bisect_left
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, filter_spans

PATTERNS_FILE = "patterns.jsonl"


def clear_of(spans: Iterable[Span], blocks: List[Tuple[int, int]]) -> List[Span]:
    """The spans that share no character with any (start, end) block; sorted once, then a binary
    search per span, so that a dense document costs no more per character than a short one."""
    blocks = sorted(blocks)
    starts, reach, furthest = [b[0] for b in blocks], [], -1
    for _, end in blocks:
        furthest = max(furthest, end)
        reach.append(furthest)  # the furthest end of the blocks up to here
    kept = []
    for span in spans:
        k = bisect_left(starts, span.end_char)  # blocks[:k] start before the span ends
        if k == 0 or reach[k - 1] <= span.start_char:
            kept.append(span)
    return kept


def overlaid(existing: Iterable[Span], spans: List[Span]) -> List[Span]:
    """`spans` with the existing spans that share no character with any of them, in order."""
    kept = clear_of(existing, [(s.start_char, s.end_char) for s in spans])
    return sorted(kept + spans, key=lambda s: (s.start, s.end))


class ContextRuler:
    """Labels the `span` group of each regex match and clears the `clear` group."""

    def __init__(
        self,
        nlp: Language,
        name: str = "context_ruler",
        *,
        overwrite_ents: bool = True,
        owned_labels: Sequence[str] = (),
        spans_key: Optional[str] = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.owned_labels = tuple(owned_labels)
        self.spans_key = spans_key
        self.patterns: List[dict] = []
        self._compiled: List[tuple] = []

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add patterns {"label", "pattern", "id"?, "anchor"?, "window"?}. A pattern with neither a
        `span` nor a `clear` group is an error; so is a `clear` or `term` group in a ruler with a
        `spans_key`, whose matches go to `doc.spans` and never touch `doc.ents`."""
        for p in patterns:
            rx = re.compile(p["pattern"])
            name = p.get("id", p["pattern"])
            if "span" not in rx.groupindex and "clear" not in rx.groupindex:
                raise ValueError(f"context pattern {name!r} has no (?P<span>...) or (?P<clear>...) group")
            if self.spans_key is not None and {"clear", "term"} & set(rx.groupindex):
                raise ValueError(
                    f"context pattern {name!r} has a (?P<clear>...) or (?P<term>...) group, but this ruler "
                    f"writes doc.spans[{self.spans_key!r}] and leaves doc.ents alone: the group would do nothing"
                )
            anchor = re.compile(p["anchor"]) if p.get("anchor") else None
            self.patterns.append(dict(p))
            self._compiled.append((p["label"], rx, anchor, p.get("window", 0)))

    def clear(self) -> None:
        self.patterns, self._compiled = [], []

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Example]]] = None,
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Iterable[dict]] = None,
    ) -> None:
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    def matches(self, doc: Doc) -> tuple[List[Span], List[tuple]]:
        """The spans found and the character ranges to clear."""
        spans, clears, terms = [], [], set()
        text = doc.text  # built from the tokens on every access: read it once
        for label, rx, anchor, window in self._compiled:
            if anchor is None:
                found = rx.finditer(text)
            else:
                found = (m for a in anchor.finditer(text) for m in rx.finditer(text, max(0, a.start() - window), a.end()))
            for m in found:
                if "span" in rx.groupindex:
                    span = doc.char_span(m.start("span"), m.end("span"), label=label, alignment_mode="strict")
                    if span is None:
                        continue
                    spans.append(span)
                if "clear" in rx.groupindex and m.start("clear") >= 0:
                    clears.append((m.start("clear"), m.end("clear")))
                if "term" in rx.groupindex and m.start("term") >= 0:
                    terms.add(m.group("term"))
        for term in terms:
            clears.extend(m.span() for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text))
        return filter_spans(spans), clears

    def __call__(self, doc: Doc) -> Doc:
        spans, clears = self.matches(doc)
        if self.spans_key is not None:
            if spans:
                doc.spans[self.spans_key] = overlaid(doc.spans.get(self.spans_key, []), spans)
            return doc
        if self.owned_labels:
            # entities of an owned label stand only where a pattern found them
            doc.ents = [e for e in doc.ents if e.label_ not in self.owned_labels]
        if not spans and not clears:
            return doc
        if clears:
            doc.ents = clear_of(doc.ents, clears)
        if self.overwrite_ents:
            doc.ents = overlaid(doc.ents, spans)  # the clears are gone from doc.ents already
        else:
            doc.ents = overlaid(doc.ents, clear_of(spans, [(e.start_char, e.end_char) for e in doc.ents]))
        return doc

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "ContextRuler":
        self.clear()
        file = Path(path) / PATTERNS_FILE
        if file.exists():
            self.add_patterns(srsly.read_jsonl(file))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "ContextRuler":
        self.clear()
        self.add_patterns(srsly.msgpack_loads(data)["patterns"])
        return self


@Language.factory(
    "sec_context_ruler",
    default_config={"overwrite_ents": True, "owned_labels": [], "spans_key": None},
    assigns=["doc.ents", "doc.spans"],
)
def make_context_ruler(
    nlp: Language, name: str, overwrite_ents: bool, owned_labels: List[str], spans_key: Optional[str]
) -> ContextRuler:
    """Build the context ruler; patterns arrive at `initialize` (see sec_events.context_patterns.v1)."""
    return ContextRuler(nlp, name, overwrite_ents=overwrite_ents, owned_labels=owned_labels, spans_key=spans_key)
