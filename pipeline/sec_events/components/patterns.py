"""Registered rule sources: EntityRuler patterns and context-ruler regexes.

Patterns live in package data (`patterns/`) and in small documented families built here
(date and money formats). They are loaded through `[initialize.components.*]` so that the
trained pipeline stores its own copy on disk and never reads the source tree at run time.
"""

from importlib import resources
from typing import Dict, List

import srsly
from spacy.util import registry

from ..normalize import CURRENCY_CODES, MONTHS, NUMBER_WORDS

MAGNITUDE_WORDS = ["thousand", "million", "billion", "trillion"]


def _package_file(name: str) -> str:
    return resources.files("sec_events").joinpath("patterns", name).read_text(encoding="utf-8")


def org_gazetteer() -> List[Dict]:
    """One ORG pattern per line of patterns/orgs.txt (case-insensitive for long names)."""
    patterns = []
    for line in _package_file("orgs.txt").splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        words = name.split()
        if len(words) >= 3:
            patterns.append({"label": "ORG", "pattern": [{"LOWER": w.lower()} for w in words], "id": "gazetteer"})
        else:
            patterns.append({"label": "ORG", "pattern": name, "id": "gazetteer"})
    return patterns


def date_patterns() -> List[Dict]:
    """Calendar dates: 'March 27, 2006', 'March 2006', 'Dec. 31, 2009', '27 March 2006', '3/27/2006'."""
    month = {"LOWER": {"IN": sorted(MONTHS)}}
    month_dot = {"LOWER": {"IN": sorted(m for m in MONTHS if len(m) <= 4)}}
    day = {"TEXT": {"REGEX": r"^(0?[1-9]|[12]\d|3[01])$"}}
    year = {"TEXT": {"REGEX": r"^(1[89]\d\d|20\d\d)$"}}
    comma = {"ORTH": ",", "OP": "?"}
    fams = [
        [month, day, comma, year],
        [month_dot, {"ORTH": "."}, day, comma, year],
        [day, month, year],
        [month, year],
        [{"TEXT": {"REGEX": r"^(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/(\d\d|\d{4})$"}}],
        [{"LOWER": {"IN": ["first", "second", "third", "fourth"]}}, {"LOWER": "quarter"}, {"LOWER": "of"},
         {"LOWER": "fiscal", "OP": "?"}, year],
        [{"LOWER": "fiscal"}, {"LOWER": "year", "OP": "?"}, year],
    ]
    return [{"label": "DATE", "pattern": p, "id": "date-format"} for p in fams]


def money_patterns() -> List[Dict]:
    """Amounts with a currency: '$250,000', 'US$5 million', 'EUR 10 million', 'five million dollars'.

    Ranges ("$10 to $15 million") are left to the model: "from $100 million to $125
    million" is two amounts, and only context tells the two apart.
    """
    number = {"LIKE_NUM": True}
    mag = {"LOWER": {"IN": MAGNITUDE_WORDS}, "OP": "?"}
    sign = {"ORTH": {"IN": ["$", "US$", "C$", "A$", "€", "£", "¥"]}}
    code = {"ORTH": {"IN": sorted(c.upper() for c in CURRENCY_CODES)}}
    words = sorted(set(NUMBER_WORDS) | {"hundred", "thousand", "million", "billion"})
    fams = [
        [sign, number, mag],
        [code, number, mag],
        [number, mag, {"LOWER": {"IN": ["dollars", "euros", "pounds"]}}],
        [{"LOWER": {"IN": words}}, {"LOWER": {"IN": words + ["and", "-"]}, "OP": "*"},
         {"LOWER": {"IN": ["dollars", "euros"]}}],
    ]
    return [{"label": "MONEY", "pattern": p, "id": "money-format"} for p in fams]


@registry.misc("sec_events.entity_patterns.v1")
def entity_patterns(gazetteer: bool = True, dates: bool = True, money: bool = True) -> List[Dict]:
    """EntityRuler patterns from the families above; each family can be switched off."""
    patterns: List[Dict] = []
    if gazetteer:
        patterns += org_gazetteer()
    if dates:
        patterns += date_patterns()
    if money:
        patterns += money_patterns()
    return patterns


@registry.misc("sec_events.trigger_patterns.v1")
def trigger_patterns() -> List[Dict]:
    """SpanRuler patterns for event triggers by their word alone (patterns/triggers.jsonl).

    Used by the rules-only baseline: it labels every trigger word, context ignored, which
    is what the trained spancat has to beat.
    """
    return list(srsly.read_jsonl(resources.files("sec_events").joinpath("patterns", "triggers.jsonl")))


@registry.misc("sec_events.context_patterns.v1")
def context_patterns(file: str = "context.jsonl") -> List[Dict]:
    """A context ruler's regexes from a file of sec_events/patterns: context.jsonl (tickers in
    exchange notation, amounts, text where no entity stands), headings.jsonl (8-K item headings)."""
    return list(srsly.read_jsonl(resources.files("sec_events").joinpath("patterns", file)))
