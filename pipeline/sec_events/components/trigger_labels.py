"""`sec_trigger_labels`: each trigger word keeps to the event types the corpus gives it.

The trigger classifier picks one label per candidate from the words around it; now and then
the context outweighs the word itself, and "supplements its research" comes out as a
TERMINATION or "awards" as an AMENDMENT. The training corpus says which event types each
trigger stem ("supplement", "award", "renew", ...) stands for: "renew" is an EXTENSION or,
negated, a TERMINATION; "supplement" has only been an AMENDMENT. At `initialize` the component
counts the labels of each stem over the gold triggers of the training examples; at run time
it drops a trigger whose stem was seen at least `min_count` times and never with its label.
Stems seen less often, and words of no stem, are left to the classifier. Reads and writes
`doc.spans[spans_key]`.
"""

from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Union

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path

from ..labels import EVENTS_KEY
from .suggester import DEFAULT_STEMS

COUNTS_FILE = "stem_labels.json"


class TriggerLabels:
    def __init__(self, nlp: Language, name: str = "trigger_labels", *, spans_key: str = EVENTS_KEY,
                 min_count: int = 5, stems: Optional[Sequence[str]] = None) -> None:
        self.name = name
        self.spans_key = spans_key
        self.min_count = min_count
        # the longest stem first, so that a token takes its most specific stem
        self.stems = tuple(sorted((s.lower() for s in (stems or DEFAULT_STEMS)), key=len, reverse=True))
        self.counts: Dict[str, Counter] = {}

    def stem(self, span: Span) -> Optional[str]:
        """The stem of the span's first token that has one ("amended and restated" -> "amend")."""
        for token in span:
            low = token.lower_
            stem = next((s for s in self.stems if low.startswith(s)), None)
            if stem:
                return stem
        return None

    def allows(self, span: Span) -> bool:
        seen = self.counts.get(self.stem(span) or "")
        return seen is None or sum(seen.values()) < self.min_count or seen[span.label_] > 0

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(self.spans_key)
        if spans:
            kept = [s for s in spans if self.allows(s)]
            if len(kept) != len(spans):
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
    default_config={"spans_key": EVENTS_KEY, "min_count": 5, "stems": None},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
def make_trigger_labels(nlp: Language, name: str, spans_key: str, min_count: int,
                        stems: Optional[List[str]]) -> TriggerLabels:
    """Build the filter of triggers whose label their stem never had in training (`min_count` sightings or more)."""
    return TriggerLabels(nlp, name, spans_key=spans_key, min_count=min_count, stems=stems)
