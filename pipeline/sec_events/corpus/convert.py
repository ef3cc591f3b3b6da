"""Annotated documents to spaCy Docs and DocBin files."""

from pathlib import Path
from typing import Iterable, List

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..labels import EVENTS_KEY
from .format import AnnotatedDoc, CorpusError


def to_doc(nlp: Language, adoc: AnnotatedDoc, spans_key: str = EVENTS_KEY) -> Doc:
    """A Doc with `ents`, `spans[spans_key]` and, when annotated, `user_data["records"]`."""
    doc = nlp.make_doc(adoc.text)

    def spans(triples):
        out = []
        for start, end, label in triples:
            span = doc.char_span(start, end, label=label)
            if span is None:
                raise CorpusError(f"{adoc.source}: {label} {adoc.text[start:end]!r} [{start}:{end}] is misaligned")
            out.append(span)
        return out

    doc.ents = spans(adoc.ents)
    doc.spans[spans_key] = spans(adoc.events)
    doc.user_data["id"] = adoc.id
    if adoc.records is not None:
        doc.user_data["records"] = adoc.records
    return doc


def write_docbin(nlp: Language, docs: Iterable[AnnotatedDoc], output: Path, spans_key: str = EVENTS_KEY) -> int:
    """Convert and save; returns the number of documents written."""
    bin_ = DocBin(store_user_data=True)
    n = 0
    for adoc in docs:
        bin_.add(to_doc(nlp, adoc, spans_key))
        n += 1
    output.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(output)
    return n


def read_docbin(nlp: Language, path: Path) -> List[Doc]:
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))
