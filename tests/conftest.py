"""Shared fixtures: a blank pipeline with the project tokenizer, hand-made Docs, paths."""

from pathlib import Path
from typing import Iterable, Tuple

import pytest
from spacy.tokens import Doc

from sec_events.tokenizer import blank

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
REAL = SHARED / "real-filings"
FIXTURES = Path(__file__).parent / "fixtures"

Marks = Iterable[Tuple[str, str]]


def pytest_addoption(parser):
    parser.addoption("--skip-slow", action="store_true", help="skip tests that train a pipeline")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--skip-slow"):
        skip = pytest.mark.skip(reason="--skip-slow given")
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():
    return blank()


def _find(doc: Doc, marks: Marks):
    """Spans for (text, label) pairs given in document order: each is searched after the previous."""
    spans, cursor = [], 0
    for text, label in marks:
        start = doc.text.index(text, cursor)
        cursor = start + len(text)
        span = doc.char_span(start, cursor, label=label)
        assert span is not None, f"{text!r} is not on token boundaries"
        spans.append(span)
    return spans


@pytest.fixture
def make_doc(nlp):
    """make_doc(text, ents=[(text, label)], events=[(text, label)], sentences=True)."""
    sentencizer = None

    def make(text: str, ents: Marks = (), events: Marks = (), sentences: bool = True) -> Doc:
        nonlocal sentencizer
        doc = nlp.make_doc(text)
        doc.ents = _find(doc, ents)
        doc.spans["events"] = _find(doc, events)
        if sentences:
            from spacy.pipeline import Sentencizer

            sentencizer = sentencizer or Sentencizer(punct_chars=[".", "!", "?", "\n\n"])
            doc = sentencizer(doc)
        return doc

    return make


def requires(path: Path, what: str):
    return pytest.mark.skipif(not path.exists(), reason=f"{what} not found at {path} (../shared is absent)")
