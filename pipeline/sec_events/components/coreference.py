"""Coreference inside one filing, the part that event records need.

`NameResolver` maps each ORG and AGREEMENT mention to the most complete name the document
gives it: a defined short name ('Name (the "Short")') to the name it was defined for, a
short form ("Brightwater") to the longest name it begins, a shorter agreement name to the
longer one holding its words; it also finds the registrant (the cover page's name, or
'Name (the "Company")'). The helpers below find the capitalized agreement that a lowercase
mention ("a definitive agreement to acquire", "entry into lease agreement") stands for.
"""

import re
from bisect import bisect_left, bisect_right
from typing import Dict, Iterable, List, Optional, Tuple

from spacy.tokens import Doc, Span

from .mentions import HEREINAFTER, LEGAL_SUFFIX
from .paragraphs import BLANK_LINE

REGISTRANT_CUE = re.compile(r"\(\s*exact name of (?:the )?registrant", re.I)
COMPANY_DEFINED = re.compile(  # (the "Company"), ("the Company"), ("Acme" or "the Company")
    r"^\s*(?:\([^()]{0,30}\)\s*,?\s*)?\(\s*" + HEREINAFTER + r"(?:[^()]{0,40}\bor\s+)?(?:[\"“”']\s*(?:the\s+)?|(?:the\s+)?[\"“”']\s*)(?:Company|Registrant)\s*[\"“”']",
    re.I,
)
DEFINED_OPEN = re.compile(
    r"\(\s*(?:as\s+(?:previously\s+|further\s+|heretofore\s+)?amended(?:\s+to\s+date)?,?\s+)?" + HEREINAFTER + r"(?:the\s+|collectively,?\s+|together,?\s+)?[\"“”']?\s*$"
)
POSSESSIVE = re.compile(r"^['’]s?\s+\w")
IDENTIFIED = re.compile(r"^\s*,?\s*(?:\(?\s*the\s+\w+\s*\)?\s*)?(?:dated|between|by and between)\b", re.I)
GENERIC_WORDS = {
    "agreement", "definitive", "new", "certain", "prior", "existing", "original", "this", "that", "these", "its",
    "their", "our", "two", "three", "four", "several", "various",
}
ACQUIRE = re.compile(r"(?i)\W*(?:to|for|providing for)\s+(?:the\s+)?(?:acquire|acquisition|merge|merger|combine)")
STOP = {"the", "of", "and", "to", "a", "an", "for", "&", ","}
NON_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def name_words(text: str) -> set:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def name_key(name: str) -> str:
    """A name compared ignoring case, spacing and punctuation: "Acme Tools Inc." is "Acme Tools, Inc."."""
    return NON_WORD.sub("", name.lower())


def unique(names: Iterable[str]) -> List[str]:
    """The names in order, each once (compared by `name_key`)."""
    seen, out = set(), []
    for name in names:
        key = name_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


class NameResolver:
    """Maps each ORG and AGREEMENT mention to the most complete name the document gives it.

    Names and entities are indexed once per document (by position, by text, by head word), and
    each distinct name is resolved once, so the work grows with the document, not its square.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # doc.text and doc.ents are rebuilt on every access: read them once
        self.defined: Dict[int, str] = {}
        self.ents = ents = list(doc.ents)
        self._starts = [e.start_char for e in ents]
        for i, ent in enumerate(ents):
            # `Full Name ... (the "Short")`: the nearest earlier entity of the same label, with
            # at most dates and names between ("Agreement dated as of May 2, 2022 (the "Original")")
            opening = DEFINED_OPEN.search(self.text[max(0, ent.start_char - 40) : ent.start_char])
            if not opening:
                continue
            paren = ent.start_char - len(opening.group(0))
            for k in range(i - 1, -1, -1):
                prev = ents[k]
                between = self.text[prev.end_char : paren]
                # "Acme's Rapid Fold (RF) process": the short name is of what Acme owns, not of Acme
                if ent.start_char - prev.end_char > 160 or "(" in between or POSSESSIVE.match(between):
                    break
                if prev.label_ == ent.label_:
                    self.defined[ent.start_char] = self.defined.get(prev.start_char, prev.text)
                    break
        self._paragraphs = [0] + [m.end() for m in BLANK_LINE.finditer(self.text)]  # where each paragraph starts
        # where each sentence starts (token index), read once: Span.sent scans the whole document each time
        self._sentences = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        self.cover = REGISTRANT_CUE.search(self.text)  # a current report's cover page, if any
        self.orgs = [e for e in ents if e.label_ == "ORG"]
        self.agreements = [e for e in ents if e.label_ == "AGREEMENT"]
        # a defined short name ("New Credit Agreement") is never the full name of another mention
        self.short_names = {norm(e.text) for e in self.agreements if e.start_char in self.defined}
        self.defined_for = {norm(name) for name in self.defined.values()}
        # the first defined mention of each text; each distinct name once, in order of first mention
        self._defined_by_text: Dict[Tuple[str, str], str] = {}
        for e in ents:
            if e.start_char in self.defined:
                self._defined_by_text.setdefault((e.label_, norm(e.text)), self.defined[e.start_char])
        self._org_names = sorted({norm(e.text): e.text for e in reversed(self.orgs)}.items())
        self._org_order: Dict[str, int] = {}
        for i, e in enumerate(self.orgs):
            self._org_order.setdefault(norm(e.text), i)
        self._first_agreement: Dict[str, Span] = {}
        self._agreements_by_head: Dict[str, List[Span]] = {}
        for e in self.agreements:
            key = norm(e.text)
            if key not in self._first_agreement:
                self._first_agreement[key] = e
                self._agreements_by_head.setdefault(key.split()[-1], []).append(e)
        self._org_cache: Dict[str, Optional[str]] = {}
        self._agreement_cache: Dict[str, Optional[str]] = {}
        self._kind_cache: Dict[frozenset, Optional[str]] = {}

    def paragraph_start(self, char: int) -> int:
        """Where the paragraph holding character `char` starts."""
        return self._paragraphs[bisect_right(self._paragraphs, char) - 1]

    def sentence(self, token: int) -> Span:
        """The sentence holding token `token` (as `Span.sent` of a span starting there); the whole
        document when it has no sentences."""
        k = bisect_right(self._sentences, token) - 1
        stop = self._sentences[k + 1] if k + 1 < len(self._sentences) else len(self.doc)
        return self.doc[self._sentences[k] : stop]

    def next_sentence(self, sent: Span) -> Optional[Span]:
        """The sentence after `sent`; None when `sent` ends the document."""
        return self.sentence(sent.end) if sent.end < len(self.doc) else None

    def starting(self, start: int, end: int, label: Optional[str] = None) -> List[Span]:
        """The entities (of `label`) that start within characters [start, end), in order."""
        ents = self.ents[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return ents if label is None else [e for e in ents if e.label_ == label]

    def first_agreement(self, name: str) -> Optional[Span]:
        """The first AGREEMENT mention with this text (ignoring case and spacing)."""
        return self._first_agreement.get(norm(name))

    def org(self, ent: Span) -> str:
        if ent.start_char in self.defined:
            return self.defined[ent.start_char]
        if LEGAL_SUFFIX.search(ent.text.strip()):  # "Tarvin, Inc." is complete, not "Tarvin, Inc. of Ohio"
            return ent.text
        low = norm(ent.text)
        if ("ORG", low) in self._defined_by_text:
            return self._defined_by_text["ORG", low]
        if low not in self._org_cache:
            self._org_cache[low] = self._longer_org(low)
        return self._org_cache[low] or ent.text

    def _longer_org(self, low: str) -> Optional[str]:
        """The longest name that begins with this one ("Brightwater" -> "Brightwater Pharmaceuticals
        Corp."), of equal ones the first mentioned; None when there is none."""
        found = []
        for prefix in (low + " ", low + ","):
            i = bisect_left(self._org_names, (prefix,))
            while i < len(self._org_names) and self._org_names[i][0].startswith(prefix):
                found.append(self._org_names[i])
                i += 1
        if not found:
            return None
        key, text = min(found, key=lambda kv: (-len(kv[0]), self._org_order[kv[0]]))
        return text

    def agreement(self, ent: Span) -> str:
        if ent.start_char in self.defined:
            return self.defined[ent.start_char]
        low = norm(ent.text)
        if ("AGREEMENT", low) in self._defined_by_text:  # a later mention of a defined short name
            return self._defined_by_text["AGREEMENT", low]
        if IDENTIFIED.match(self.text[ent.end_char : ent.end_char + 30]):
            return ent.text  # "the Loan Agreement dated January 30, 2007" names itself, not the "Term Loan Agreement"
        if low not in self._agreement_cache:
            self._agreement_cache[low] = self._longer_agreement(ent.text)
        return self._agreement_cache[low] or ent.text

    def _longer_agreement(self, text: str) -> Optional[str]:
        """The longer agreement name holding this one's words, with the same head word; None when
        there is none."""
        low = norm(text)
        words, head = name_words(text), low.split()[-1]
        best, best_shared = None, 0
        for other in self._agreements_by_head.get(head, []):
            o = norm(other.text)
            if o in self.short_names or len(o) <= len(low):
                continue
            if re.search(r"\b(amendment|supplement|waiver|joinder)\b.*\bto\b", o) and " to " not in low:
                continue
            # a name sharing only some words ("Field Services Agreement") is taken for a
            # longer one only when that one was given a short name: the document's main agreement
            # ("Bank Credit Agreement" is not the "Revolving Credit Agreement")
            shared = len((words & name_words(other.text)) - {head})
            if words <= name_words(other.text):
                shared += 100
            elif o not in self.defined_for:
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

    def of_kind(self, kind: frozenset) -> Optional[str]:
        """The most complete resolved agreement name sharing a word of `kind` (singular words)."""
        if kind not in self._kind_cache:
            found = [self.agreement(e) for e in self.agreements if kind & singular(name_words(e.text))]
            self._kind_cache[kind] = max(found, key=len) if found else None
        return self._kind_cache[kind]

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


def next_sentence_agreement(names: NameResolver, sent: Span) -> Optional[str]:
    """The first agreement the next sentence of the same paragraph names."""
    following = names.next_sentence(sent)
    if following is None or names.paragraph_start(following.start_char) > sent.start_char:
        return None
    found = [e for e in names.starting(following.start_char, following.end_char, "AGREEMENT")
             if e.end_char <= following.end_char]
    return names.agreement(found[0]) if found else None


def named_for_kind(names: NameResolver, phrase: str, following: str) -> Optional[str]:
    """The capitalized agreement sharing a word of kind with a lowercase one ("loan
    agreement" -> "Loan Agreement"; "definitive agreement to acquire" -> "... Plan of Merger")."""
    kind = singular(name_words(phrase)) - GENERIC_WORDS
    if ACQUIRE.match(following):
        kind.add("merger")
    return names.of_kind(frozenset(kind)) if kind else None
