"""The corpus source formats and their reader.

Authored documents are plain text with inline marks, one file per document:

    On [[March 3, 2021|DATE]], [[Halden Robotics, Inc.|ORG]] {{entered into|AGREEMENT_ENTRY}}
    a [[Credit Agreement|AGREEMENT]] ...

`[[text|LABEL]]` marks an entity, `{{text|LABEL}}` an event trigger; the two kinds may
nest (a trigger inside an entity or the reverse), marks of one kind may not. Documents
annotated elsewhere (Prodigy-style) come as JSONL, one document a line:
{"id", "text", "spans": [{"start", "end", "label"}]}. Both read into `AnnotatedDoc`.
A document's event records, where annotated, sit beside it in `<id>.records.json`.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from ..labels import EVENT_LABELS

MARK = re.compile(r"\[\[|\{\{|\|([A-Za-z_]+)(\]\]|\}\})")
OPEN = {"[[": "ent", "{{": "event"}
CLOSE = {"]]": "ent", "}}": "event"}


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and line."""


@dataclass
class AnnotatedDoc:
    id: str
    text: str
    ents: List[Tuple[int, int, str]] = field(default_factory=list)
    events: List[Tuple[int, int, str]] = field(default_factory=list)
    records: Optional[list] = None
    source: str = ""


def _line_of(raw: str, pos: int) -> int:
    return raw.count("\n", 0, pos) + 1


def parse_marked(raw: str, doc_id: str = "", source: str = "") -> AnnotatedDoc:
    """Strip the inline marks from `raw`, returning the text and its spans."""
    out: List[str] = []
    length = 0
    stack: List[Tuple[str, int, int]] = []  # kind, start in output, position in raw
    ents, events = [], []
    pos = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        token = m.group(0)
        if token in OPEN:
            if any(kind == OPEN[token] for kind, _, _ in stack):
                raise CorpusError(f"{source}:{_line_of(raw, m.start())}: nested {token} marks of one kind")
            stack.append((OPEN[token], length, m.start()))
            continue
        label, closer = m.group(1), m.group(2)
        if not stack or stack[-1][0] != CLOSE[closer]:
            raise CorpusError(f"{source}:{_line_of(raw, m.start())}: '{token}' closes no open mark")
        kind, start, _ = stack.pop()
        (ents if kind == "ent" else events).append((start, length, label))
    if stack:
        raise CorpusError(f"{source}:{_line_of(raw, stack[-1][2])}: mark opened here is never closed")
    out.append(raw[pos:])
    return AnnotatedDoc(doc_id, "".join(out), sorted(ents), sorted(events), source=source)


def _from_json(obj: dict, source: str) -> AnnotatedDoc:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise CorpusError(f"{source}: a document needs a string 'text'")
    ents, events = [], []
    for s in obj.get("spans", []):
        try:
            span = (int(s["start"]), int(s["end"]), str(s["label"]))
        except (KeyError, TypeError, ValueError) as err:
            raise CorpusError(f"{source}: span {s!r} needs integer start, end and a label ({err})") from None
        (events if span[2] in EVENT_LABELS else ents).append(span)
    doc_id = str(obj.get("id") or obj.get("meta", {}).get("id") or source)
    return AnnotatedDoc(doc_id, obj["text"], sorted(ents), sorted(events), obj.get("records"), source)


def read_file(path: Path) -> Iterator[AnnotatedDoc]:
    """The documents of one source file (.txt with marks, or .jsonl)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    if path.suffix == ".jsonl":
        for i, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{path}:{i}: broken JSON line ({err.msg} at column {err.colno})") from None
            yield _from_json(obj, f"{path}:{i}")
        return
    doc = parse_marked(raw, path.stem, str(path))
    records_path = path.with_name(path.stem + ".records.json")
    if records_path.exists():
        try:
            doc.records = json.loads(records_path.read_text(encoding="utf-8"))["records"]
        except (json.JSONDecodeError, KeyError) as err:
            raise CorpusError(f"{records_path}: unreadable records ({err})") from None
    yield doc


def read_dir(path: Path) -> List[AnnotatedDoc]:
    """All documents under a folder (sorted by file name), or of one file."""
    path = Path(path)
    if path.is_file():
        return list(read_file(path))
    if not path.is_dir():
        raise CorpusError(f"{path}: no such corpus file or folder")
    files = sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl"))
    return [doc for f in files for doc in read_file(f)]

