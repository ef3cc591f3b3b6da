"""`sec_value_filter`: drops entities whose label requires a value or a shape the text does not give.

A MONEY span names a currency and an amount, a DATE span a calendar date or period
(LABELS.md). A statistical ner sometimes tags "Chapter 11", a table-of-contents page number
or "the third quarter" (no year); `span._.value` is None for those, and they go.

An AGREEMENT is "the capitalized name of a specific agreement, contract, plan, note or
instrument, including a capitalized defined short name" (LABELS.md): its name holds a word of
that kind ("Credit Agreement", "Senior Notes due 2022", "Term Loan"), or it is a short name the
document defines for such a name (`the Asset Purchase Agreement (the "APA")`). A technology,
product or company the ner took for an agreement (a platform's acronym, "Orrin Metals") is neither, and goes.

No entity ends in a comma, semicolon, colon or apostrophe (punctuation and a possessive stay
outside a span, LABELS.md): a span the ner closed one token late ("the novalith Group,",
"Harwick Systems' board") loses it.

No person's name ends in a company's legal suffix: a PERSON span that does is a contact line
run together ("Media Nora Quist Bellrock Partners, LLC Tel: ..."), split into the person (first
and last name, a middle initial between) and the company (ORG), or, when nothing but the suffix
would be left after the name, a company the ner took for a person (ORG).
"""

import re
from typing import List, Optional, Set

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import register, span_value
from .mentions import LEGAL_SUFFIX, defined_alias

AGREEMENT_WORD = re.compile(
    r"\b(?:agreements?|plans?|(?:sub)?leases?|notes?|indentures?|facilit(?:y|ies)|loans?|warrants?|amendments?|"
    r"licen[cs]es?|contracts?|guarant(?:y|ee|ies)|debentures?|certificates?|charter|arrangements?|understanding|"
    r"memorandum|letter|instruments?|bonds?|polic(?:y|ies)|commitments?|program|deed|mortgage|consent|waiver|"
    r"supplement|protocol|term sheet|accord|declaration|bylaws|articles|trust|securities|obligations?|paper|"
    r"line of credit|tranche|units|rights|options?|provisions|terms)\b",
    re.I,
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def defined_short_names(text: str, ents: List[Span]) -> Set[str]:
    """The short names `text` defines right after an AGREEMENT entity that names an agreement:
    `Name ("Short")`, `Name (the "Short")`."""
    names = set()
    for ent in ents:
        if ent.label_ == "AGREEMENT" and AGREEMENT_WORD.search(ent.text):
            alias = defined_alias(text, ent)
            if alias:
                names.add(_norm(alias))
    return names


TRAILING = {",", ";", ":", "'", "’"}


def _without_trailing_punctuation(ent: Span) -> Optional[Span]:
    """`ent` without the commas, semicolons, colons and apostrophes (and spaces) it ends with ("the
    novalith Group," -> "the novalith Group", "Harwick Systems'" -> "Harwick Systems"); None when
    nothing else is left."""
    doc, end = ent.doc, ent.end
    while end > ent.start and (doc[end - 1].text in TRAILING or doc[end - 1].is_space):
        end -= 1
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label=ent.label) if end > ent.start else None


INITIAL = re.compile(r"^[A-Z]\.$")


def _person_then_company(ent: Span) -> List[Span]:
    """`ent`, or for a PERSON ending in a legal suffix the person and the company it runs into
    ("Nora Quist Bellrock Partners, LLC" -> "Nora Quist", "Bellrock Partners, LLC"), or the whole
    span as ORG when no company name would follow the person's ("Halden Robotics, Inc.")."""
    if ent.label_ != "PERSON" or not LEGAL_SUFFIX.search(ent.text):
        return [ent]
    words = [t.i for t in ent if not t.is_space]
    split = 3 if len(words) > 3 and INITIAL.match(ent.doc[words[1]].text) else 2
    rest = words[split:]
    if len(rest) < 2 or not ent.doc[rest[0]].text[:1].isupper():
        return [Span(ent.doc, ent.start, ent.end, label="ORG")]
    return [Span(ent.doc, ent.start, words[split - 1] + 1, label="PERSON"), Span(ent.doc, rest[0], ent.end, label="ORG")]


class ValueFilter:
    def __init__(self, name: str, labels: List[str], agreement_shape: bool = True) -> None:
        register()
        self.name = name
        self.labels = set(labels)
        self.agreement_shape = agreement_shape

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents
        trimmed = [t for t in (_without_trailing_punctuation(e) for e in ents) if t is not None]
        trimmed = [part for e in trimmed for part in _person_then_company(e)]
        kept = [e for e in trimmed if e.label_ not in self.labels or span_value(e) is not None]
        if self.agreement_shape and any(e.label_ == "AGREEMENT" for e in kept):
            short = defined_short_names(doc.text, kept)  # doc.text is rebuilt on every access: read it once
            kept = [e for e in kept if e.label_ != "AGREEMENT" or AGREEMENT_WORD.search(e.text) or _norm(e.text) in short]
        if len(kept) != len(ents) or any(a is not b for a, b in zip(kept, ents)):
            doc.ents = kept
        return doc


@Language.factory(
    "sec_value_filter",
    default_config={"labels": ["MONEY", "DATE"], "agreement_shape": True},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_value_filter(nlp: Language, name: str, labels: List[str], agreement_shape: bool) -> ValueFilter:
    """Build the filter for entities of `labels` without a normalized value and, with
    `agreement_shape`, AGREEMENT entities that neither name an agreement nor are defined as one."""
    return ValueFilter(name, labels, agreement_shape)
