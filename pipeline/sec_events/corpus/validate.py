"""Corpus validation: every problem that would silently corrupt training, found loudly.

Checks each document for: empty text, a label outside LABELS.md (or of the wrong kind), a
span off token boundaries under the project tokenizer, a span with outer whitespace,
punctuation, quotes or a leading article, overlapping entities, duplicate or overlapping
triggers; records (where annotated) that do not match the triggers one to one, lack a
field, or number their events out of order or join two types in one event; and across
documents, duplicate texts and duplicate ids.
"""

import hashlib
import re
from typing import Iterable, List

from spacy.language import Language
from spacy.tokens import Doc

from ..labels import ENTITY_LABELS, EVENT_LABELS
from .format import AnnotatedDoc

BAD_EDGE = re.compile(r"^[\s\"“”'‘’(\[,;:]|[\s\"“”'‘’)\],;:]$|^(?i:the)\s")
RECORD_FIELDS = ("trigger", "agreement", "parties", "date", "amount", "event")
ISO_DATE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?|FY\d{4}(?:-Q[1-4])?|--\d{2}(?:-\d{2})?)$")


def check_records(adoc: AnnotatedDoc) -> List[str]:
    """One record per trigger, each with every field in the form LABELS.md gives."""
    where = f"{adoc.source or adoc.id} records"
    problems, keys = [], []
    for i, rec in enumerate(adoc.records):
        missing = [f for f in RECORD_FIELDS if f not in rec]
        if missing:
            problems.append(f"{where}: record {i} lacks {', '.join(missing)}")
            continue
        keys.append(tuple(rec["trigger"]))
        if rec["date"] is not None and not ISO_DATE.match(str(rec["date"])):
            problems.append(f"{where}: record {i} date {rec['date']!r} is not ISO 8601")
        amount = rec["amount"]
        if amount is not None and not (isinstance(amount, dict) and {"value", "currency"} <= set(amount)):
            problems.append(f"{where}: record {i} amount {amount!r} is not {{value, currency}}")
        if not isinstance(rec["parties"], list):
            problems.append(f"{where}: record {i} parties is not a list")
    problems.extend(_check_event_ids(where, adoc.records))
    events = {tuple(e) for e in adoc.events}
    for key in sorted(set(keys) - events):
        problems.append(f"{where}: trigger {list(key)} is not a trigger of the document")
    for key in sorted(events - set(keys)):
        problems.append(f"{where}: trigger {adoc.text[key[0]:key[1]]!r} {list(key)} has no record")
    if len(keys) != len(set(keys)):
        problems.append(f"{where}: a trigger has more than one record")
    return problems


def _check_event_ids(where: str, records: List[dict]) -> List[str]:
    """`event` (LABELS.md, "One event, several mentions"): integers numbering the events in order of
    first mention (0, 1, 2, ...); the records of one event have one type."""
    problems, first_type = [], {}
    ordered = sorted((r for r in records if "trigger" in r and "event" in r), key=lambda r: r["trigger"][0])
    for rec in ordered:
        event, label = rec["event"], rec["trigger"][2]
        if not isinstance(event, int) or isinstance(event, bool) or event < 0:
            problems.append(f"{where}: event {event!r} of trigger {rec['trigger']} is not a number 0, 1, 2, ...")
            continue
        if event not in first_type and event != len(first_type):
            problems.append(f"{where}: event {event} of trigger {rec['trigger']} is not numbered in order of first "
                            f"mention (expected {len(first_type)})")
        if first_type.setdefault(event, label) != label:
            problems.append(f"{where}: event {event} joins a {label} to a {first_type[event]}: one event has one type")
    return problems


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
    if adoc.records is not None:
        problems.extend(check_records(adoc))
    return problems


def check_corpus(nlp: Language, docs: Iterable[AnnotatedDoc], require_records: bool = False) -> List[str]:
    """Problems of every document plus duplicate texts and ids across the corpus; with
    `require_records`, a document without its records file is one too."""
    problems: List[str] = []
    seen_text, seen_id = {}, {}
    for adoc in docs:
        problems.extend(check_doc(nlp, adoc))
        if require_records and adoc.records is None:
            problems.append(f"{adoc.source}: no records file ({adoc.id}.records.json; an empty list when it has no triggers)")
        digest = hashlib.sha256(" ".join(adoc.text.split()).encode()).hexdigest()
        if adoc.text.strip() and digest in seen_text:
            problems.append(f"{adoc.source}: duplicate of {seen_text[digest]}")
        seen_text.setdefault(digest, adoc.source)
        if adoc.id in seen_id:
            problems.append(f"{adoc.source}: id {adoc.id!r} already used by {seen_id[adoc.id]}")
        seen_id.setdefault(adoc.id, adoc.source)
    return problems
