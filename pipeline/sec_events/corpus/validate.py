"""Corpus validation: every problem that would silently corrupt training, found loudly.

Checks each document for: empty text, a label outside LABELS.md (or of the wrong kind), a
span off token boundaries under the project tokenizer, a span with outer whitespace,
punctuation, quotes or a leading article, overlapping entities, duplicate or overlapping
triggers; and across documents, duplicate texts and duplicate ids.
"""

import hashlib
import re
from typing import Iterable, List

from spacy.language import Language
from spacy.tokens import Doc

from ..labels import ENTITY_LABELS, EVENT_LABELS
from .format import AnnotatedDoc

BAD_EDGE = re.compile(r"^[\s\"“”'‘’(\[,;:]|[\s\"“”'‘’)\],;:]$|^(?i:the)\s")


def check_doc(nlp: Language, adoc: AnnotatedDoc) -> List[str]:
    """The problems of one document, each as a readable line (empty when valid)."""
    where = adoc.source or adoc.id
    problems = []
    if not adoc.text.strip():
        return [f"{where}: empty document"]
    doc: Doc = nlp.make_doc(adoc.text)
    for kind, kinds, spans, labels in (
        ("entity", "entities", adoc.ents, ENTITY_LABELS),
        ("trigger", "triggers", adoc.events, EVENT_LABELS),
    ):
        for start, end, label in spans:
            text = adoc.text[start:end]
            if label not in labels:
                problems.append(f"{where}: {kind} label {label!r} is not one of {', '.join(labels)} ({text!r})")
            if start >= end:
                problems.append(f"{where}: empty {kind} span at {start}")
                continue
            if doc.char_span(start, end) is None:
                problems.append(f"{where}: {kind} {label} {text!r} [{start}:{end}] is not on token boundaries")
            if BAD_EDGE.search(text):
                problems.append(f"{where}: {kind} {label} {text!r} [{start}:{end}] has a bad edge")
        ordered = sorted(spans)
        for (s1, e1, l1), (s2, e2, l2) in zip(ordered, ordered[1:]):
            if s2 < e1 and (kind == "entity" or (s1, e1) == (s2, e2) or l1 == l2):
                problems.append(
                    f"{where}: overlapping {kinds} {adoc.text[s1:e1]!r} {l1} [{s1}:{e1}]"
                    f" and {adoc.text[s2:e2]!r} {l2} [{s2}:{e2}]"
                )
    return problems


def check_corpus(nlp: Language, docs: Iterable[AnnotatedDoc]) -> List[str]:
    """Problems of every document plus duplicate texts and ids across the corpus."""
    problems: List[str] = []
    seen_text, seen_id = {}, {}
    for adoc in docs:
        problems.extend(check_doc(nlp, adoc))
        digest = hashlib.sha256(" ".join(adoc.text.split()).encode()).hexdigest()
        if adoc.text.strip() and digest in seen_text:
            problems.append(f"{adoc.source}: duplicate of {seen_text[digest]}")
        seen_text.setdefault(digest, adoc.source)
        if adoc.id in seen_id:
            problems.append(f"{adoc.source}: id {adoc.id!r} already used by {seen_id[adoc.id]}")
        seen_id.setdefault(adoc.id, adoc.source)
    return problems
