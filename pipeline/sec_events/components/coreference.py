"""Coreference inside one filing, the part that event records need.

`NameResolver` maps each ORG and AGREEMENT mention to the most complete name the document
gives it: a defined short name ('Name (the "Short")') to the name it was defined for, a
short form ("Brightwater") to the longest name it begins, a shorter agreement name to the
longer one holding its words; it also finds the registrant (the cover page's name, or
'Name (the "Company")'). The helpers below find the capitalized agreement that a lowercase
mention ("a definitive agreement to acquire", "entry into lease agreement") stands for.
"""

import re
from bisect import bisect_right
from typing import Dict, Iterable, List, Optional

from spacy.tokens import Doc, Span

from .mentions import LEGAL_SUFFIX
from .paragraphs import BLANK_LINE

REGISTRANT_CUE = re.compile(r"\(\s*exact name of (?:the )?registrant", re.I)
COMPANY_DEFINED = re.compile(  # (the "Company"), ("the Company"), ("Acme" or "the Company")
    r"^\s*(?:\([^()]{0,30}\)\s*,?\s*)?\(\s*(?:[^()]{0,40}\bor\s+)?(?:[\"“”']\s*(?:the\s+)?|(?:the\s+)?[\"“”']\s*)(?:Company|Registrant)\s*[\"“”']",
    re.I,
)
DEFINED_OPEN = re.compile(
    r"\(\s*(?:as\s+(?:previously\s+|further\s+|heretofore\s+)?amended(?:\s+to\s+date)?,?\s+)?(?:the\s+|collectively,?\s+|together,?\s+)?[\"“”']?\s*$"
)
IDENTIFIED = re.compile(r"^\s*,?\s*(?:\(?\s*the\s+\w+\s*\)?\s*)?(?:dated|between|by and between)\b", re.I)
GENERIC_WORDS = {
    "agreement", "definitive", "new", "certain", "prior", "existing", "original", "this", "that", "these", "its",
    "their", "our", "two", "three", "four", "several", "various",
}
ACQUIRE = re.compile(r"(?i)\W*(?:to|for|providing for)\s+(?:the\s+)?(?:acquire|acquisition|merge|merger|combine)")
STOP = {"the", "of", "and", "to", "a", "an", "for", "&", ","}


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def name_words(text: str) -> set:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def unique(names: Iterable[str]) -> List[str]:
    """The names in order, each once (compared ignoring case, spacing and punctuation:
    "Acme Tools Inc." is "Acme Tools, Inc.")."""
    seen, out = set(), []
    for name in names:
        key = re.sub(r"[\W_]+", "", name.lower())
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


class NameResolver:
    """Maps each ORG and AGREEMENT mention to the most complete name the document gives it."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # doc.text and doc.ents are rebuilt on every access: read them once
        self.defined: Dict[int, str] = {}
        self.ents = ents = list(doc.ents)
        for i, ent in enumerate(ents):
            # `Full Name ... (the "Short")`: the nearest earlier entity of the same label, with
            # at most dates and names between ("Agreement dated as of May 2, 2022 (the "Original")")
            opening = DEFINED_OPEN.search(self.text[max(0, ent.start_char - 40) : ent.start_char])
            if not opening:
                continue
            paren = ent.start_char - len(opening.group(0))
            for prev in reversed(ents[:i]):
                if ent.start_char - prev.end_char > 160 or "(" in self.text[prev.end_char : paren]:
                    break
                if prev.label_ == ent.label_:
                    self.defined[ent.start_char] = self.defined.get(prev.start_char, prev.text)
                    break
        self._paragraphs = [0] + [m.end() for m in BLANK_LINE.finditer(self.text)]  # where each paragraph starts
        self.cover = REGISTRANT_CUE.search(self.text)  # a current report's cover page, if any
        self.orgs = [e for e in ents if e.label_ == "ORG"]
        self.agreements = [e for e in ents if e.label_ == "AGREEMENT"]
        # a defined short name ("New Credit Agreement") is never the full name of another mention
        self.short_names = {norm(e.text) for e in self.agreements if e.start_char in self.defined}
        self.defined_for = {norm(name) for name in self.defined.values()}

    def paragraph_start(self, char: int) -> int:
        """Where the paragraph holding character `char` starts."""
        return self._paragraphs[bisect_right(self._paragraphs, char) - 1]

    def org(self, ent: Span) -> str:
        if ent.start_char in self.defined:
            return self.defined[ent.start_char]
        low = norm(ent.text)
        best = ent.text
        if LEGAL_SUFFIX.search(ent.text.strip()):  # "Tarvin, Inc." is complete, not "Tarvin, Inc. of Ohio"
            return best
        for other in self.orgs:
            o = norm(other.text)
            if len(o) > len(norm(best)) and (o.startswith(low + " ") or o.startswith(low + ",")):
                best = other.text
            elif other.start_char in self.defined and o == low:
                return self.defined[other.start_char]
        return best

    def agreement(self, ent: Span) -> str:
        if ent.start_char in self.defined:
            return self.defined[ent.start_char]
        for other in self.agreements:  # a later mention of a defined short name
            if other.start_char in self.defined and norm(other.text) == norm(ent.text):
                return self.defined[other.start_char]
        if IDENTIFIED.match(self.text[ent.end_char : ent.end_char + 30]):
            return ent.text  # "the Loan Agreement dated January 30, 2007" names itself, not the "Term Loan Agreement"
        words, head = name_words(ent.text), norm(ent.text).split()[-1]
        best, best_shared = ent.text, 0
        for other in self.agreements:
            o = norm(other.text)
            if o in self.short_names or o.split()[-1] != head or len(o) <= len(norm(ent.text)):
                continue
            if re.search(r"\b(amendment|supplement|waiver|joinder)\b.*\bto\b", o) and " to " not in norm(ent.text):
                continue
            # a name sharing only some words ("Field Services Agreement") is taken for a
            # longer one only when that one was given a short name: the document's main agreement
            # ("Bank Credit Agreement" is not the "Revolving Credit Agreement")
            shared = len((words & name_words(other.text)) - {head})
            if words <= name_words(other.text):
                shared += 100
            elif norm(other.text) not in self.defined_for:
                continue
            if shared > best_shared:
                best, best_shared = other.text, shared
        if best_shared == 0 and head in ("facility", "facilities") and words - {head}:
            # "the Credit Facility" of a document whose only credit agreement is named in full
            agreements = [
                self.agreement(a) for a in self.agreements
                if norm(a.text).split()[-1] == "agreement" and words - {head} <= name_words(a.text)
            ]
            if agreements:
                return max(agreements, key=len)
        return best

    def registrant(self) -> Optional[str]:
        """The company the filing is about: the cover page's name, or `Name (the "Company")`."""
        if self.cover:
            before = [o for o in self.orgs if o.end_char <= self.cover.start()]
            if before:
                return self.org(before[-1])
        for org in self.orgs:
            if COMPANY_DEFINED.match(self.text[org.end_char : org.end_char + 40]):
                return self.org(org)
        return None


def singular(words: set) -> set:
    return {w[:-1] if w.endswith("s") else w for w in words}


def next_sentence_agreement(doc: Doc, names: NameResolver, sent: Span) -> Optional[str]:
    """The first agreement the next sentence of the same paragraph names."""
    if sent.end >= len(doc):
        return None
    following = doc[sent.end].sent
    if names.paragraph_start(following.start_char) > sent.start_char:
        return None
    found = [e for e in names.agreements if following.start_char <= e.start_char and e.end_char <= following.end_char]
    return names.agreement(found[0]) if found else None


def named_for_kind(names: NameResolver, phrase: str, following: str) -> Optional[str]:
    """The capitalized agreement sharing a word of kind with a lowercase one ("loan
    agreement" -> "Loan Agreement"; "definitive agreement to acquire" -> "... Plan of Merger")."""
    kind = singular(name_words(phrase)) - GENERIC_WORDS
    if ACQUIRE.match(following):
        kind.add("merger")
    if not kind:
        return None
    found = [names.agreement(ent) for ent in names.agreements if kind & singular(name_words(ent.text))]
    return max(found, key=len) if found else None  # the most complete of them
