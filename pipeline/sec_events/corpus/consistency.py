"""Annotation consistency: entity strings annotated in one place and left bare elsewhere,
and strings that carry different entity labels in different places.

An occurrence is bare when no entity covers it. Triggers are left out of the bare check:
the same word is a trigger in one sentence and not in the next by the contract
("terminated the Lease" / "termination fee"). Deliberate cases go into an exceptions
file, one `label<TAB>text` a line.
"""

import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from .format import AnnotatedDoc

MIN_LENGTH = 3
# "Securities Exchange Act of 1934": a year inside the name of a law is never a DATE
LAW_YEAR = re.compile(r"(?i)\bact\s+of\s+$")
# the 8-K heading phrase "Material Definitive Agreement" is never an AGREEMENT (LABELS.md)
HEADING_PHRASE = re.compile(r"(?i)material\s+definitive\s+$")


def _norm(text: str) -> str:
    return " ".join(text.split())


def read_exceptions(path: Optional[Path]) -> Set[Tuple[str, str]]:
    if path is None or not path.exists():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, _, text = line.partition("\t")
            out.add((label.strip(), _norm(text)))
    return out


def check_consistency(docs: List[AnnotatedDoc], exceptions: Set[Tuple[str, str]] = frozenset()) -> List[str]:
    """Readable lines, one per bare occurrence or label disagreement."""
    labels: Dict[str, Set[str]] = defaultdict(set)
    for doc in docs:
        for start, end, label in doc.ents:
            labels[_norm(doc.text[start:end])].add(label)
    problems = []
    for text, labs in sorted(labels.items()):
        if len(labs) > 1 and not any((lab, text) in exceptions for lab in labs):
            problems.append(f"{text!r} is labelled {', '.join(sorted(labs))} in different places")
    # one whitespace character between words: a wrapped line, not a table's column gap
    patterns = [
        (text, labs, text.split()[0], re.compile(r"(?<![\w-])" + r"\s".join(map(re.escape, text.split())) + r"(?![\w-])"))
        for text, labs in labels.items()
        if len(text) >= MIN_LENGTH
    ]
    for doc in docs:
        covered = [(s, e) for s, e, _ in doc.ents]
        for text, labs, first_word, pattern in patterns:
            if first_word not in doc.text:  # the cheap test first: most names are not in most documents
                continue
            for m in pattern.finditer(doc.text):
                if any(s <= m.start() and m.end() <= e for s, e in covered):
                    continue
                before = doc.text[max(0, m.start() - 25) : m.start()]
                if LAW_YEAR.search(before) or HEADING_PHRASE.search(before):
                    continue
                label = "/".join(sorted(labs))
                if any((lab, text) in exceptions for lab in labs):
                    continue
                context = _norm(doc.text[max(0, m.start() - 30) : m.end() + 30])
                problems.append(f"{doc.source}: {text!r} ({label} elsewhere) left bare: ...{context}...")
    return problems
