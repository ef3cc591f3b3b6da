"""`sec_trigger_labels`: each trigger word keeps to the event types the corpus gives it.

The trigger classifier picks one label per candidate from the words around it; now and then
the context outweighs the word itself, and "supplements its research" comes out as a
TERMINATION or "awards" as an AMENDMENT. The training corpus says which event types each
trigger stem ("supplement", "award", "renew", ...) stands for: "renew" is an EXTENSION or,
negated, a TERMINATION; "supplement" has only been an AMENDMENT. At `initialize` the component
counts the labels of each stem over the gold triggers of the training examples; at run time
it drops a trigger whose stem was seen at least `min_count` times and never with its label.
Stems seen less often, and words of no stem, are left to the classifier.

With `series`, a trigger verb that the next verbs of its type follow in a coordinated series
("waived and/or amended", "terminated or not renewed") becomes the whole series, one trigger
(LABELS.md: "a coordinated series of verbs stating one change is one trigger"): the classifier
sometimes keeps the first verb alone and drops the rest. A verb of the series is of the
trigger's type when its stem has had that type in training; event nouns ("expiration or
termination") stay apart. Reads and writes `doc.spans[spans_key]`.
"""

import re
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Union

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import ensure_path

from ..labels import EVENTS_KEY
from .suggester import DEFAULT_STEMS, LINKS, past_links

COUNTS_FILE = "stem_labels.json"
NOUN_ENDING = re.compile(r"(?:tions?|sions?|ments?|als?|ers?|ures?|entry|entries)$")  # expiration, amendment, renewal, waiver


class TriggerLabels:
    def __init__(self, nlp: Language, name: str = "trigger_labels", *, spans_key: str = EVENTS_KEY,
                 min_count: int = 5, stems: Optional[Sequence[str]] = None, series: bool = True) -> None:
        self.name = name
        self.spans_key = spans_key
        self.min_count = min_count
        self.series = series
        # the longest stem first, so that a token takes its most specific stem
        self.stems = tuple(sorted((s.lower() for s in (stems or DEFAULT_STEMS)), key=len, reverse=True))
        self.counts: Dict[str, Counter] = {}

    def token_stem(self, token: Token) -> Optional[str]:
        """The longest stem the token starts with, if any."""
        low = token.lower_
        return next((s for s in self.stems if low.startswith(s)), None)

    def stem(self, span: Span) -> Optional[str]:
        """The stem of the span's first token that has one ("amended and restated" -> "amend")."""
        return next((stem for stem in map(self.token_stem, span) if stem), None)

    def allows(self, span: Span) -> bool:
        seen = self.counts.get(self.stem(span) or "")
        return seen is None or sum(seen.values()) < self.min_count or seen[span.label_] > 0

    def _verb_of(self, token: Token, label: str) -> bool:
        """Whether `token` is a verb whose stem has had `label` in training."""
        stem = self.token_stem(token)
        return stem is not None and not NOUN_ENDING.search(token.lower_) and self.counts.get(stem, Counter())[label] > 0

    def _series_end(self, span: Span) -> int:
        """The end of the coordinated series of verbs of `span`'s type that `span` opens (its own
        end when none follows)."""
        doc, end = span.doc, span.end
        if not self._verb_of(doc[span.end - 1], span.label_):
            return end
        while True:
            k = past_links(doc, end)
            linked = any(doc[j].lower_ in LINKS for j in range(end, k))
            if not linked or k >= len(doc) or not self._verb_of(doc[k], span.label_):
                return end
            end = k + 1

    def _join_series(self, spans: List[Span]) -> List[Span]:
        """`spans` (in order) with each trigger that opens a series extended over it, and the later
        verbs of a series dropped."""
        out: List[Span] = []
        joined_until = -1
        for span in spans:
            if span.start < joined_until:
                continue  # a later verb of a series already joined
            end = self._series_end(span)
            if end > span.end:
                joined_until = end
                span = Span(span.doc, span.start, end, label=span.label)
            out.append(span)
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(self.spans_key)
        if spans:
            kept = [s for s in spans if self.allows(s)]
            if self.series:
                kept = self._join_series(sorted(kept, key=lambda s: (s.start, -s.end)))
            if len(kept) != len(spans) or any(a.start != b.start or a.end != b.end for a, b in zip(kept, spans)):
                doc.spans[self.spans_key] = kept
        return doc

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None) -> None:
        """Count the labels of each stem over the gold triggers of the training examples."""
        counts: Dict[str, Counter] = {}
        for eg in get_examples():
            for span in eg.reference.spans.get(self.spans_key, []):
                stem = self.stem(span)
                if stem:
                    counts.setdefault(stem, Counter())[span.label_] += 1
        self.counts = counts

    def to_disk(self, path: Union[str, Path], *, exclude: List[str] = []) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / COUNTS_FILE, {stem: dict(c) for stem, c in sorted(self.counts.items())})

    def from_disk(self, path: Union[str, Path], *, exclude: List[str] = []) -> "TriggerLabels":
        data = srsly.read_json(ensure_path(path) / COUNTS_FILE)
        self.counts = {stem: Counter(c) for stem, c in data.items()}
        return self


@Language.factory(
    "sec_trigger_labels",
    default_config={"spans_key": EVENTS_KEY, "min_count": 5, "stems": None, "series": True},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
def make_trigger_labels(nlp: Language, name: str, spans_key: str, min_count: int,
                        stems: Optional[List[str]], series: bool) -> TriggerLabels:
    """Build the filter of triggers whose label their stem never had in training (`min_count` sightings or
    more), which with `series` also joins a trigger verb to the verbs of its type coordinated after it."""
    return TriggerLabels(nlp, name, spans_key=spans_key, min_count=min_count, stems=stems, series=series)
