"""Score a pipeline on gold documents: entities, event triggers and event records."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..components.event_assembler import EventAssembler
from ..corpus.convert import read_docbin
from ..labels import EVENTS_KEY
from .analysis import bootstrap_ci, confusion, error_kinds, error_patterns, error_views
from .scores import count_records, doc_counts, record_table, sum_counts, tables


@dataclass
class GoldDoc:
    """One gold document, independent of any tokenization."""

    id: str
    text: str
    ents: List[Tuple[int, int, str]]
    events: List[Tuple[int, int, str]]
    records: Optional[list] = None


def gold_from_docs(docs: Iterable[Doc], spans_key: str = EVENTS_KEY) -> List[GoldDoc]:
    return [
        GoldDoc(
            str(doc.user_data.get("id", i)),
            doc.text,
            [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(spans_key, [])],
            doc.user_data.get("records"),
        )
        for i, doc in enumerate(docs)
    ]


def gold_from_docbin(nlp: Language, path: Path, spans_key: str = EVENTS_KEY) -> List[GoldDoc]:
    return gold_from_docs(read_docbin(nlp, path), spans_key)


def predicted_spans(doc: Doc, spans_key: str = EVENTS_KEY, label_map: Optional[dict] = None):
    """(ents, events, records) of a processed doc, entity labels mapped by `label_map`."""
    label_map = label_map or {}
    ents = [(e.start_char, e.end_char, label_map.get(e.label_, e.label_)) for e in doc.ents]
    events = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(spans_key, [])]
    records = doc._.events if doc.has_extension("events") and doc._.events else []
    return ents, events, records


def score_docs(golds: List[GoldDoc], preds: List[tuple]) -> dict:
    """Tables for entities, events and (when gold records exist) records and event links."""
    total = sum_counts(doc_counts(g, p) for g, p in zip(golds, preds))
    return {"docs": len(golds), **tables(total)}


RECORD_STAGES = ("tok2vec", "sec_paragraph_breaks", "sentencizer", "senter", "sec_argument_chooser", "sec_event_assembler")


def rules_choice(nlp: Language) -> Optional[EventAssembler]:
    """An event assembler choosing by its rules, when the pipeline's takes a learned choice."""
    for name, proc in nlp.pipeline:
        if isinstance(proc, EventAssembler) and proc.chooser == "learned":
            return EventAssembler(nlp, name, spans_key=proc.spans_key, chooser="rules")
    return None


def records_on_gold_spans(nlp: Language, golds: List[GoldDoc], spans_key: str = EVENTS_KEY,
                          assembler: Optional[EventAssembler] = None) -> List[list]:
    """The records the pipeline's record stages (encoder, sentence boundaries, argument chooser,
    assembler) build from the gold entities and triggers: the choice of arguments, free of span
    errors; with `assembler`, the records that one builds in place of the pipeline's."""
    stages = [
        proc
        for name, proc in nlp.pipeline
        if nlp.get_pipe_meta(name).factory in RECORD_STAGES
        and not (assembler is not None and nlp.get_pipe_meta(name).factory == "sec_argument_chooser")
    ]
    if assembler is not None:
        stages = [assembler if isinstance(proc, EventAssembler) else proc for proc in stages]
    records = []
    for gold in golds:
        doc = nlp.make_doc(gold.text)
        ents = (doc.char_span(s, e, label, alignment_mode="expand") for s, e, label in gold.ents)
        doc.ents = filter_spans([e for e in ents if e is not None])
        triggers = (doc.char_span(s, e, label, alignment_mode="expand") for s, e, label in gold.events)
        doc.spans[spans_key] = [t for t in triggers if t is not None]
        for proc in stages:
            doc = proc(doc)
        records.append(doc._.events or [] if doc.has_extension("events") else [])
    return records


def gold_span_table(nlp: Language, golds: List[GoldDoc], assembler: Optional[EventAssembler] = None) -> dict:
    """Record arguments per argument, built on the gold spans."""
    found, e2e = Counter(), Counter()
    for gold, records in zip(golds, records_on_gold_spans(nlp, golds, assembler=assembler)):
        if gold.records is not None:
            count_records(gold.records, records, found, e2e)
    return record_table(found)


def evaluate_predictions(golds: List[GoldDoc], preds: List[tuple], group: Optional[Callable] = None) -> dict:
    """Scores of predictions, plus the confusion table, the 20 most frequent errors, the error
    kinds, excerpts with errors for displaCy views and bootstrap intervals."""
    result = score_docs(golds, preds)
    result["confusion"] = confusion(golds, preds)
    result["errors"] = error_patterns(golds, preds)
    result["error_kinds"] = error_kinds(golds, preds)
    result["views"] = error_views(golds, preds)
    result["ci95"] = bootstrap_ci(golds, preds, group)
    return result


def evaluate(
    nlp: Language, golds: List[GoldDoc], label_map: Optional[dict] = None, group: Optional[Callable] = None
) -> dict:
    """`evaluate_predictions` of the pipeline's output; records built on gold spans too, when the
    pipeline assembles records and gold has them; and when it takes a learned choice of arguments,
    the records of the rules' choice beside it (`rules_choice`: the same tables, same spans)."""
    docs = list(nlp.pipe((g.text for g in golds), batch_size=8))
    preds = [predicted_spans(doc, label_map=label_map) for doc in docs]
    result = evaluate_predictions(golds, preds, group)
    if "records_found" in result and "sec_event_assembler" in {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}:
        result["records_gold_spans"] = gold_span_table(nlp, golds)
        rules = rules_choice(nlp)
        if rules is not None:
            scored = score_docs(golds, [predicted_spans(rules(doc), label_map=label_map) for doc in docs])
            result["rules_choice"] = {k: v for k, v in scored.items() if k.startswith(("records_", "event_links_"))}
            result["rules_choice"]["records_gold_spans"] = gold_span_table(nlp, golds, rules)
    return result
