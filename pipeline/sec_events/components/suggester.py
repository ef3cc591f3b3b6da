"""`sec_events.trigger_suggester.v1`: candidate event triggers for spancat.

An n-gram suggester over whole filings proposes tens of thousands of spans per document,
almost all of them hopeless. Triggers are verbs and nouns from a small closed vocabulary
(LABELS.md), so candidates are the tokens that start with one of the trigger stems, the
particle after "enter" ("entered into"), "non-renewal", and coordinated series that state
one change ("amended and restated", "amended, restated, supplemented or otherwise
modified"). spancat then decides, in context, which candidates are triggers and of which
type. `python -m sec_events stats` reports how many gold triggers the suggester covers.
"""

from typing import Iterable, List, Optional, Sequence, Tuple

import numpy
from spacy.tokens import Doc, Token
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

DEFAULT_STEMS = (
    # entry
    "enter", "entry", "entries", "sign", "execut", "reach", "establish", "award", "replac", "made",
    "make", "conclu", "negotiat",
    # amendment
    "amend", "modif", "restat", "supplement", "waive", "waiver",
    # extension
    "extend", "extens", "renew",
    # termination
    "terminat", "expir", "cessation", "cancel", "non-renewal", "nonrenewal", "supersed",
)
LINKS = {",", "and", "or", "otherwise", "and/or", "/", "not"}


def _is_stem(token: Token, stems: Tuple[str, ...]) -> bool:
    return token.lower_.startswith(stems)


def _next_word(doc: Doc, i: int) -> int:
    """Index of the first non-space token at or after i (len(doc) if none)."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def past_links(doc: Doc, i: int) -> int:
    """Index of the first token at or after i that is neither a series' link word (LINKS) nor
    whitespace (len(doc) if none)."""
    while i < len(doc) and (doc[i].lower_ in LINKS or doc[i].is_space):
        i += 1
    return i


def trigger_candidates(doc: Doc, stems: Tuple[str, ...]) -> List[Tuple[int, int]]:
    """Token ranges (start, end) of the candidate triggers of one doc, sorted and unique."""
    out = set()
    n = len(doc)
    for i, tok in enumerate(doc):
        if not _is_stem(tok, stems):
            continue
        start = i - 2 if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "non" else i
        # a coordinated series: stem (LINK+ stem)*, each prefix ending on a stem is a candidate,
        # and each of them with the particle "into" after it ("made and entered into")
        end = i + 1
        while True:
            out.add((start, end))
            into = _next_word(doc, end)
            if into < n and doc[into].lower_ == "into":
                out.add((start, into + 1))
            k = past_links(doc, end)
            if k == end or k >= n or not _is_stem(doc[k], stems):
                break
            end = k + 1
    return sorted(out)


@registry.misc("sec_events.trigger_suggester.v1")
def build_trigger_suggester(stems: Optional[Sequence[str]] = None):
    """A spancat suggester proposing trigger candidates from `stems` (default: DEFAULT_STEMS)."""
    stem_tuple = tuple(s.lower() for s in (stems or DEFAULT_STEMS))

    def suggest(docs: Iterable[Doc], *, ops: Optional[Ops] = None) -> Ragged:
        ops = ops or get_current_ops()
        spans, lengths = [], []
        for doc in docs:
            cands = trigger_candidates(doc, stem_tuple)
            spans.extend(cands)
            lengths.append(len(cands))
        data = numpy.asarray(spans, dtype="i").reshape((-1, 2))
        return Ragged(ops.asarray2i(data), ops.asarray1i(numpy.asarray(lengths, dtype="i")))

    return suggest
