"""`sec_mention_propagator`: a name found once in a filing is tagged wherever it recurs.

Filings name a party in full once and then repeat it, its defined alias or its short form
dozens of times ('Halden Robotics, Inc. ("Halden")', "HRI", "Mr. Okafor"). The statistical
model sees each occurrence alone and misses many of them; this component reads the
entities already in `doc.ents` and adds, where no entity stands yet:

- every other occurrence of an ORG, PERSON or AGREEMENT text that is shaped like a name
  (legal suffix, full personal name) or was found at least `min_count` times (names of two
  or more words also in other casing, as in all-caps signature blocks);
- a defined alias right after an entity, `Name ("Alias")`, `Name (the "Alias")` or `Name, a
  Delaware corporation ("Alias")`, with the entity's label, unless the alias is a role word
  ("the Company", "Borrower");
- an organization's name without its legal suffix ("Halden Robotics" for "Halden
  Robotics, Inc."), and of a two-word name also the first word before an industry word
  ("Halden"), then every occurrence of that;
- a person's surname after an honorific ("Mr. Okafor" for "Wendell Okafor").

Before it looks, with `lists`, a PERSON standing in a list between two organizations
("Halden Robotics, Gedeon Richter and the Menarini Group") becomes an ORG: partners and
licensees listed together are all companies, and a two-word company name reads like a person's.

Reads and writes `doc.ents`; keeps every existing entity (relabelling list members only).
"""

import re
from collections import Counter
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

LEGAL_SUFFIX = re.compile(
    r",?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|L\.?L\.?C\.?|Ltd\.?|Limited|L\.P\.|LP|"
    r"plc|PLC|N\.A\.|S\.A\.|AG|GmbH|N\.V\.|B\.V\.|S\.p\.A\.|Holdings|Group)$",
    re.I,
)
ROLE_WORDS = {
    "company", "registrant", "corporation", "borrower", "borrowers", "lender", "lenders", "agent", "trustee",
    "purchaser", "purchasers", "seller", "sellers", "buyer", "parent", "merger sub", "guarantor", "guarantors",
    "issuer", "bank", "partnership", "trust", "subsidiary", "subsidiaries", "underwriters", "underwriter",
    "investors", "investor", "holders", "holder", "licensee", "licensor", "landlord", "tenant", "employee",
    "executive", "consultant", "sponsor", "fund", "operator", "general partner", "manager", "administrative agent",
    "collateral agent", "representative", "representatives", "stockholders", "shareholders", "board", "parties",
    "party", "debtors", "debtor", "acquiror", "target", "surviving corporation", "customer", "supplier",
    "distributor", "contractor", "owner", "members", "member", "plan", "lessee", "lessor",
}
# the second word of a two-word name that filings drop in the short form: "Halden" for "Halden Robotics, Inc."
INDUSTRY_WORDS = {
    "pharmaceuticals", "pharmaceutical", "pharma", "therapeutics", "biosciences", "biotherapeutics", "biologics",
    "biotechnology", "biotech", "biopharma", "genomics", "laboratories", "labs", "medical", "technologies",
    "technology", "systems", "software", "networks", "communications", "semiconductor", "semiconductors",
    "electronics", "energy", "resources", "petroleum", "minerals", "mining", "industries", "manufacturing",
    "bancorp", "bancshares", "financial", "capital", "partners", "healthcare", "health", "robotics", "foods",
}
HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "messrs", "messrs."}
# the words a definition may open with inside its parenthesis: `(hereinafter referred to as the "Alias")`
HEREINAFTER = r"(?:here(?:in)?after(?:\s+(?:referred\s+to\s+as|called))?,?\s+)?"
# `Name ("Alias")`, `Name (the "Alias")`, `Name, ("Alias")`, `Name, a Delaware corporation ("Alias")`,
# `Name (hereinafter "Alias")`
DEFINED_AFTER = re.compile(
    r"^(?:,\s+an?\s+[\w .,&'-]{0,60}?(?:corporation|company|partnership|bank|association|trust|subsidiary)\s*|,)?"
    r"\s*\(\s*" + HEREINAFTER + r"(?:the\s+|collectively,?\s+|together,?\s+)?[\"“]([^\"”()]{2,60})[\"”]"
)
DEFINITION_WINDOW = 140  # characters after a name within which its definition must end
# what stands between two members of a list: "A, B", "A (a unit of C), B", "A, B and the C Group"
LIST_BEFORE = re.compile(r"\)?[ \t]*[,;][ \t\n]*(?:(?:and|or)[ \t\n]+)?")
LIST_AFTER = re.compile(r"[ \t]*(?:[,;]|,?[ \t\n]+(?:and|or))[ \t\n]+(?:the[ \t\n]+)?")


def defined_alias(text: str, ent: Span) -> Optional[str]:
    """The alias that `text` defines right after `ent` (see DEFINED_AFTER), as written; None when there is none."""
    m = DEFINED_AFTER.match(text[ent.end_char : ent.end_char + DEFINITION_WINDOW])
    return m.group(1) if m else None


WORD = re.compile(r"\w+")


def listed_as_organizations(doc: Doc, text: str) -> Optional[List[Span]]:
    """`doc.ents` (of `doc.text`, `text`) with each PERSON that stands in a list between two ORGs
    (see LIST_BEFORE, LIST_AFTER) and after no honorific relabelled ORG, and so every PERSON of the
    same text; None when no PERSON stands so."""
    ents = list(doc.ents)
    listed = {
        ent.text
        for before, ent, after in zip(ents, ents[1:], ents[2:])
        if ent.label_ == "PERSON"
        and before.label_ == after.label_ == "ORG"
        and doc[ent.start - 1].lower_ not in HONORIFICS
        and LIST_BEFORE.fullmatch(text, before.end_char, ent.start_char)
        and LIST_AFTER.fullmatch(text, ent.end_char, after.start_char)
    }
    if not listed:
        return None
    return [Span(doc, e.start, e.end, label="ORG") if e.label_ == "PERSON" and e.text in listed else e for e in ents]


def _pattern(name: str, ignore_case: bool) -> "re.Pattern":
    pattern = r"(?<![\w&.-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w&-]|\.\w)"
    return re.compile(pattern, re.I if ignore_case else 0)


class WordIndex:
    """Where each word (lowercased) of a text starts: a name is then looked for only where its first
    word stands, so finding every name costs about one pass over the text, not one per name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: Dict[str, List[int]] = {}
        for m in WORD.finditer(text):
            self.starts.setdefault(m.group(0).lower(), []).append(m.start())

    def occurrences(self, name: str, ignore_case: bool) -> Iterator[Tuple[int, int]]:
        """(start, end) of each non-overlapping occurrence of `name`, its words separated by any
        whitespace, not inside a longer word or name, in text order."""
        pattern = _pattern(name, ignore_case)
        first = WORD.search(name)
        if first is None:
            yield from (m.span() for m in pattern.finditer(self.text))
            return
        end = 0
        for position in self.starts.get(first.group(0).lower(), []):
            start = position - first.start()
            if start < end or start < 0:
                continue
            m = pattern.match(self.text, start)
            if m:
                end = m.end()
                yield m.span()


class MentionPropagator:
    """Adds the recurring mentions of names already found (see the module docstring)."""

    document_level = True  # reads the whole document: names found anywhere (see extract.pipeline_stages)

    def __init__(
        self,
        nlp: Language,
        name: str = "mention_propagator",
        *,
        labels: Sequence[str] = ("ORG", "PERSON", "AGREEMENT"),
        min_length: int = 3,
        min_count: int = 2,
        short_forms: bool = True,
        lists: bool = True,
    ) -> None:
        self.name = name
        self.lists = lists
        self.labels = tuple(labels)
        self.min_length = min_length
        self.min_count = min_count
        self.short_forms = short_forms

    def names(self, doc: Doc) -> Dict[str, str]:
        """Name text -> label for everything to look for in this doc.

        A name qualifies by its shape (an organization with a legal suffix, a person's
        full name, a defined alias) or, failing that, by having been found `min_count`
        times already: propagating a single doubtful prediction would spread its error.
        """
        found: Dict[str, str] = {}
        doc_text, ents = doc.text, list(doc.ents)  # both are rebuilt on every access: read them once
        counts = Counter(" ".join(e.text.split()) for e in ents)
        for ent in ents:
            if ent.label_ not in self.labels:
                continue
            text = " ".join(ent.text.split())
            strong = (
                (ent.label_ == "ORG" and LEGAL_SUFFIX.search(text))
                or (ent.label_ == "PERSON" and len(text.split()) > 1)
                or counts[text] >= self.min_count
            )
            if strong:
                found.setdefault(text, ent.label_)
            alias = defined_alias(doc_text, ent)
            if alias and alias.strip().lower() not in ROLE_WORDS and (alias[:1].isupper() or alias[:1].isdigit()):
                found.setdefault(" ".join(alias.split()), ent.label_)
            if self.short_forms and ent.label_ == "ORG":
                short = LEGAL_SUFFIX.sub("", text)
                if short != text and len(short) >= self.min_length and short.lower() not in ROLE_WORDS:
                    found.setdefault(short, "ORG")
                    words = short.split()
                    if len(words) == 2 and words[1].lower() in INDUSTRY_WORDS and words[0][:1].isupper():
                        found.setdefault(words[0], "ORG")
        return {t: lab for t, lab in found.items() if len(t) >= self.min_length and t.lower() not in ROLE_WORDS}

    def surnames(self, doc: Doc) -> List[Span]:
        people = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
        spans = []
        for i, tok in enumerate(doc[1:], start=1):
            if tok.text in people and doc[i - 1].lower_ in HONORIFICS:
                spans.append(Span(doc, i, i + 1, label="PERSON"))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        text = doc.text  # rebuilt from the tokens on every access: read it once
        relabelled = listed_as_organizations(doc, text) if self.lists else None
        if relabelled is not None:
            doc.ents = relabelled
        new: List[Span] = []
        index = WordIndex(text)
        for name, label in self.names(doc).items():
            ignore_case = len(name.split()) > 1
            for start, end in index.occurrences(name, ignore_case):
                span = doc.char_span(start, end, label=label)
                if span is not None:
                    new.append(span)
        new += self.surnames(doc)
        existing = list(doc.ents)
        taken = set()
        for e in existing:
            taken.update(range(e.start, e.end))
        free = [s for s in filter_spans(new) if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(existing + free, key=lambda s: s.start)
        return doc


@Language.factory(
    "sec_mention_propagator",
    default_config={
        "labels": ["ORG", "PERSON", "AGREEMENT"], "min_length": 3, "min_count": 2, "short_forms": True, "lists": True
    },
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_mention_propagator(
    nlp: Language, name: str, labels: List[str], min_length: int, min_count: int, short_forms: bool, lists: bool
) -> MentionPropagator:
    """Build the propagator for entities of `labels` at least `min_length` characters long."""
    return MentionPropagator(
        nlp, name, labels=labels, min_length=min_length, min_count=min_count, short_forms=short_forms, lists=lists
    )
