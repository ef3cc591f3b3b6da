"""Filings in, one JSON-ready result per filing out: entities and event records with source offsets.

Used by `sec-events extract` and the Python API (`sec_events.extract`). Filings stream
through `nlp.pipe` (so `n_process` works and memory stays flat): each readable document part is
one or more texts for the pipeline (parts longer than `nlp.max_length` are cut at paragraph
breaks, offsets kept), a filing that cannot be read is one empty text that carries its error,
so every input gives exactly one result, in input order.
"""

import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import spacy
from spacy.language import Language

from .edgar import Filing, FilingError, read_filing
from .edgar.filing import MAX_BYTES
from .events import event_rows, link_events

Input = Tuple[str, Callable[[], bytes]]


def expand(paths: Iterable[str]) -> Iterator[Input]:
    """(name, reader) for each file; folders are walked in sorted order, "-" is standard input."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", sys.stdin.buffer.read
            continue
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            yield str(file), file.read_bytes


def split_text(text: str, limit: int) -> Iterator[Tuple[int, str]]:
    """(offset, piece) with pieces of at most `limit` characters, cut at a paragraph break, a line
    break or a space in the second half of the window where there is one."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" ")) if limit > 1 else -1
        cut = cut + 1 if cut >= limit // 2 else limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def _entity(span, filing: Filing, part_index: int, offset: int) -> Dict:
    part = filing.parts[part_index]
    start, end = part.text_map.source_span(offset + span.start_char, offset + span.end_char)
    row = {"text": span.text, "label": span.label_, "start": start, "end": end, "document": part_index}
    if span._.value is not None:
        row["value"] = span._.value
    if span._.exchange is not None:
        row["exchange"] = span._.exchange
    return row


def _event(record: Dict, filing: Filing, part_index: int, offset: int) -> Dict:
    part = filing.parts[part_index]
    trigger = dict(record["trigger"], start=record["trigger"]["start"] + offset,
                   end=record["trigger"]["end"] + offset)
    start, end = part.text_map.source_span(trigger["start"], trigger["end"])
    return {**record, "trigger": trigger, "document": part_index,
            "exhibit": part.type if part.is_exhibit else None,
            "item": part.item_at(trigger["start"]),
            "source": {"start": start, "end": end}}


def _result(source: str, filing: Optional[Filing] = None, error: Optional[str] = None) -> Dict:
    documents = [] if filing is None else [
        {"type": p.type, "sequence": p.sequence, "filename": p.filename, "chars": len(p.text),
         "items": [item for _, item in p.items]} for p in filing.parts]
    return {"source": source, "error": error, "warnings": filing.warnings if filing else [],
            "metadata": filing.metadata if filing else {}, "documents": documents, "entities": [], "events": [],
            "filing_events": []}


def _link_filing(result: Dict, mentions: Dict[tuple, List[int]]) -> None:
    """Event ids across the filing's parts: the groups each piece's assembler made (`mentions`, by
    (part, offset, event)) merged where they state the same event; then one row per event."""
    link_events(result["events"], list(mentions.values()))
    result["filing_events"] = event_rows(result["events"])


def extract_all(nlp: Language, inputs: Iterable[Input], n_process: int = 1, batch_size: int = 16,
                max_bytes: int = MAX_BYTES) -> Iterator[Dict]:
    """One result per input, in order; a filing that cannot be read gets `error` and no spans."""
    pending: Dict[int, Tuple[Dict, Optional[Filing]]] = {}  # input index -> (result so far, filing)
    mentions: Dict[int, Dict[tuple, List[int]]] = {}  # input index -> records of one event in one piece

    def texts():
        for index, (source, read) in enumerate(inputs):
            try:
                filing = read_filing(read(), source, max_bytes=max_bytes)
            except (FilingError, OSError) as err:
                pending[index] = (_result(source, error=str(err)), None)
                yield "", (index, -1, 0, True)
                continue
            pending[index] = (_result(source, filing), filing)
            for p, part in enumerate(filing.parts):
                pieces = list(split_text(part.text, nlp.max_length))
                for k, (offset, piece) in enumerate(pieces):
                    yield piece, (index, p, offset, p == len(filing.parts) - 1 and k == len(pieces) - 1)

    for doc, (index, part, offset, last) in nlp.pipe(texts(), as_tuples=True, n_process=n_process,
                                                     batch_size=batch_size):
        result, filing = pending[index]
        if filing is not None:
            result["entities"] += [_entity(e, filing, part, offset) for e in doc.ents]
            groups = mentions.setdefault(index, {})
            for record in doc._.events or []:
                groups.setdefault((part, offset, record["event"]), []).append(len(result["events"]))
                result["events"].append(_event(record, filing, part, offset))
        if last:
            result = pending.pop(index)[0]
            _link_filing(result, mentions.pop(index, {}))
            yield result


_MODELS: Dict[str, Language] = {}


def extract(source: Union[str, Path, bytes], nlp: Optional[Language] = None, model: str = "en_sec_events") -> Dict:
    """Entities and event records of one filing: a path, the file's bytes, or the text itself.

    `nlp` is a loaded pipeline; without it `model` (a package name or a path) is loaded once.
    """
    if nlp is None:
        if model not in _MODELS:
            _MODELS[model] = spacy.load(model)
        nlp = _MODELS[model]
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 4096
                                    and Path(source).is_file()):
        inputs: List[Input] = [(str(source), Path(source).read_bytes)]
    else:
        data = source if isinstance(source, bytes) else source.encode("utf-8")
        inputs = [("<text>", lambda: data)]
    return next(extract_all(nlp, inputs))
