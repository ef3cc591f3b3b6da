"""Filings in, one JSON-ready result per filing out: entities and event records with source offsets.

Used by `sec-events extract` and the Python API (`sec_events.extract`). Filings stream
through `nlp.pipe` (so `n_process` works and memory stays bounded): each readable document part
is a document (parts longer than DOCUMENT_CHARS are cut at paragraph breaks, offsets kept); the
trained components read it in pieces of bounded size, the rules and the assembler read it whole
(`_process`). A filing that cannot be read, or that the pipeline fails on, gets an error line:
every input gives exactly one result, in input order.
"""

import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Tuple, Union

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .edgar import Filing, FilingError, read_filing
from .edgar.filing import MAX_BYTES
from .events import event_rows, link_events

Input = Tuple[str, Callable[[], bytes]]
BATCH_CHARS = 100_000  # characters in one batch of the encoding stage, at most (2 MB of dense text: 0.5 GB)
DOCUMENT_CHARS = 2_000_000  # a longer document part is read as several documents


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
    """(offset, piece) with pieces of at most `limit` characters, cut after the last paragraph break
    in the second half of the window, else the last line break there, else the last space there,
    else at the limit."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((i + len(sep) for sep in ("\n\n", "\n", " ") for i in (window.rfind(sep),) if i >= limit // 2),
                   limit)
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
    """Event ids across the filing's parts: the groups each document's assembler made (`mentions`, by
    (part, offset, event)) merged where they state the same event, never two of one document (its
    assembler kept them apart); then one row per event."""
    link_events(result["events"], list(mentions.values()), [key[:2] for key in mentions])
    result["filing_events"] = event_rows(result["events"])


def pipeline_stages(nlp: Language) -> Tuple[List[str], List[str]]:
    """(pieces, whole): the components before the first that reads a whole document (one with
    `document_level = True`: the mention propagator, the event assembler) read pieces of bounded
    size (the encoder, ner and spancat among them); that one and those after read the document whole."""
    names = nlp.pipe_names
    cut = next((i for i, (_, proc) in enumerate(nlp.pipeline) if getattr(proc, "document_level", False)), len(names))
    return names[:cut], names[cut:]


class _Outcome(NamedTuple):
    key: tuple
    doc: Optional[Doc]
    error: Optional[str]


def _process(nlp: Language, documents: Iterable[Tuple[str, tuple]], n_process: int, batch_size: int,
             piece_chars: int) -> Iterator[_Outcome]:
    """Each (text, key) document once, in order, as an outcome: the processed Doc, or None and why.

    The encoding stage reads pieces of at most `piece_chars` characters (cut at paragraph breaks),
    in batches of `batch_size` pieces and `n_process` processes; each document's pieces are then
    joined into one Doc (offsets kept), which the reading stage reads whole, so that names defined
    once, the registrant and the cover date hold over all of it. When the pipeline fails (a
    MemoryError, say), the documents in flight fail with it and the rest go on."""
    encoding, reading = pipeline_stages(nlp)
    keep_tensor = any(getattr(nlp.get_pipe(name), "reads_tensor", False) for name in reading)
    remaining = iter(documents)
    sent: List[tuple] = []  # the key of every document, by number
    done = 0  # documents with an outcome

    def pieces() -> Iterator[Tuple[str, tuple]]:
        for text, key in remaining:
            number = len(sent)
            sent.append(key)
            parts = list(split_text(text, piece_chars))
            for k, (_, piece) in enumerate(parts):
                yield piece, (number, k, len(parts))

    def joined() -> Iterator[Tuple[Doc, int]]:
        buffer: List[Doc] = []
        for doc, (number, k, n) in nlp.pipe(pieces(), as_tuples=True, disable=reading, n_process=n_process,
                                            batch_size=batch_size):
            if not keep_tensor:  # read by the encoding stage only, unless an argument chooser reads it
                doc.tensor = numpy.empty((0,), dtype="float32")
            buffer.append(doc)
            if k == n - 1:
                yield _joined(buffer), number
                buffer = []

    while True:
        try:
            for doc, number in nlp.pipe(joined(), as_tuples=True, disable=encoding, batch_size=1):
                done = number + 1
                yield _Outcome(sent[number], doc, None)
            return
        except Exception as err:  # noqa: BLE001 - any failure, MemoryError included, fails its documents only
            if done == len(sent):  # no document in flight: not a document's failure
                raise
            error = f"pipeline failed: {err.__class__.__name__}: {err}"[:500]
            for number in range(done, len(sent)):
                yield _Outcome(sent[number], None, error)
            done = len(sent)


def _joined(pieces: List[Doc]) -> Doc:
    """One Doc of a document's pieces, as if read whole: no sentence starts where pieces meet."""
    if len(pieces) == 1:
        return pieces[0]
    whole = Doc.from_docs(pieces, ensure_whitespace=False)
    if not pieces[0].has_annotation("SENT_START"):  # one array: Token.is_sent_start rescans the document
        unset = whole.to_array([SENT_START])
        unset[:] = 0
        whole.from_array([SENT_START], unset)
    return whole


def _documents(filing: Filing, index: int) -> Iterator[Tuple[str, tuple]]:
    """(text, (input index, part, offset)) for each document of a filing: its parts, those longer
    than DOCUMENT_CHARS cut at paragraph breaks."""
    for p, part in enumerate(filing.parts):
        for offset, text in split_text(part.text, DOCUMENT_CHARS):
            yield text, (index, p, offset)


def extract_all(nlp: Language, inputs: Iterable[Input], n_process: int = 1, batch_size: int = 16,
                max_bytes: int = MAX_BYTES, batch_chars: int = BATCH_CHARS) -> Iterator[Dict]:
    """One result per input, in order; a filing that cannot be read, or that the pipeline fails on
    (MemoryError included), gets `error` and no spans.

    No batch of the encoding stage holds more than `batch_chars` characters. A file whose batch
    failed is tried again alone, so that a bad file does not cost the others their results."""
    piece_chars = min(nlp.max_length, max(1000, batch_chars // max(batch_size, 1)))
    results: Dict[int, Dict] = {}  # input index -> result so far
    filings: Dict[int, Filing] = {}
    remaining: Dict[int, int] = {}  # input index -> documents not yet processed
    failed: set = set()  # inputs whose batch failed: tried again alone
    mentions: Dict[int, Dict[tuple, List[int]]] = {}  # input index -> records of one event in one document

    def documents() -> Iterator[Tuple[str, tuple]]:
        for index, (source, read) in enumerate(inputs):
            try:
                filing = read_filing(read(), source, max_bytes=max_bytes)
            except (FilingError, OSError) as err:
                results[index] = _result(source, error=str(err))
                continue
            except Exception as err:  # noqa: BLE001 - a MemoryError while reading, say: that file's error
                results[index] = _result(source, error=f"could not read: {err.__class__.__name__}: {err}"[:500])
                continue
            results[index], filings[index] = _result(source, filing), filing
            docs = list(_documents(filing, index))
            remaining[index] = len(docs)
            yield from docs

    def finished(index: int) -> Dict:
        result, filing, groups = results.pop(index), filings.pop(index, None), mentions.pop(index, {})
        if index in failed:
            failed.discard(index)
            return _retry(nlp, result["source"], filing, piece_chars)
        if filing is not None:
            _link_filing(result, groups)
        return result

    following = 0  # the next input index to yield
    for outcome in _process(nlp, documents(), n_process, batch_size, piece_chars):
        index, part, offset = outcome.key
        if outcome.doc is None:
            failed.add(index)
        elif index not in failed:
            _add(results[index], filings[index], part, offset, outcome.doc, mentions.setdefault(index, {}))
        remaining[index] -= 1
        while following in results and remaining.get(following, 0) == 0:
            yield finished(following)
            following += 1
    while following in results:  # unreadable files after the last document
        yield finished(following)
        following += 1


def _add(result: Dict, filing: Filing, part: int, offset: int, doc: Doc, groups: Dict[tuple, List[int]]) -> None:
    """The entities and records of one processed document into the filing's result."""
    result["entities"] += [_entity(e, filing, part, offset) for e in doc.ents]
    for record in doc._.events or []:
        groups.setdefault((part, offset, record["event"]), []).append(len(result["events"]))
        result["events"].append(_event(record, filing, part, offset))


def _retry(nlp: Language, source: str, filing: Filing, piece_chars: int) -> Dict:
    """A filing whose batch failed, processed alone: its result, or an error line when it fails again."""
    result, groups = _result(source, filing), {}
    for outcome in _process(nlp, _documents(filing, 0), 1, 1, piece_chars):
        if outcome.doc is None:
            return _result(source, error=outcome.error)
        _add(result, filing, outcome.key[1], outcome.key[2], outcome.doc, groups)
    _link_filing(result, groups)
    return result


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
