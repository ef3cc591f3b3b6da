"""`sec_value_filter`: drops entities whose label requires a value the text does not give.

A MONEY span names a currency and an amount, a DATE span a calendar date or period
(LABELS.md). A statistical ner sometimes tags "Chapter 11", a table-of-contents page number
or "the third quarter" (no year); `span._.value` is None for those, and they go.
"""

from typing import List

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register, span_value


class ValueFilter:
    def __init__(self, name: str, labels: List[str]) -> None:
        register()
        self.name = name
        self.labels = set(labels)

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents
        kept = [e for e in ents if e.label_ not in self.labels or span_value(e) is not None]
        if len(kept) != len(ents):
            doc.ents = kept
        return doc


@Language.factory(
    "sec_value_filter",
    default_config={"labels": ["MONEY", "DATE"]},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_value_filter(nlp: Language, name: str, labels: List[str]) -> ValueFilter:
    """Build the filter for entities of `labels` without a normalized value."""
    return ValueFilter(name, labels)
