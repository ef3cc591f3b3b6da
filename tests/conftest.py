"""Shared fixtures: a blank pipeline with the project tokenizer, hand-made Docs, paths."""

import subprocess
import sys
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


@pytest.fixture(scope="session")
def docbins(tmp_path_factory):
    """The bundled corpus converted to train/dev/test DocBins."""
    work = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, "-m", "sec_events", "convert", str(ROOT / "corpus" / "source"), str(work)],
                   check=True, capture_output=True)
    return work


def train(config: Path, output: Path, docbins: Path, *overrides: str) -> Path:
    """Train `config` on the converted corpus with `spacy train`; returns model-best."""
    subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
         "--paths.train", str(docbins / "train.spacy"), "--paths.dev", str(docbins / "dev.spacy"), *overrides],
        check=True, capture_output=True,
    )
    return output / "model-best"


@pytest.fixture(scope="session")
def trained(tmp_path_factory, docbins):
    """configs/cpu.cfg trained on the bundled corpus for 400 steps (about a minute)."""
    out = tmp_path_factory.mktemp("train") / "out"
    return train(ROOT / "configs" / "cpu.cfg", out, docbins, "--training.max_steps=400",
                 "--training.eval_frequency=200")


def rules_pipeline():
    """Every rule component of configs/cpu.cfg and the trigger word patterns: no training needed."""
    import spacy

    from sec_events.evaluation.baselines import TRAINED, add_trigger_ruler

    config = spacy.util.load_config(ROOT / "configs" / "cpu.cfg")
    config["nlp"]["pipeline"] = [p for p in config["nlp"]["pipeline"] if p not in TRAINED]
    for name in TRAINED:
        del config["components"][name]
    config["components"]["event_assembler"]["chooser"] = "rules"  # the trained argument chooser is gone
    config["initialize"]["after_init"] = None  # the weight transfer into ner
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    nlp.initialize()
    return add_trigger_ruler(nlp)


@pytest.fixture(scope="session")
def rules_nlp():
    return rules_pipeline()
