"""The project keeps the organizations and people of the real-filings dev set and of the seed
filing out of its data."""

import json
import re

import pytest

from sec_events.corpus.format import read_dir

from .conftest import REAL, ROOT, SEED, requires

# Institutions found in most filings, and generic titles: allowed although the dev gold names them.
EXEMPT = {
    "sec", "securities and exchange commission", "u.s. securities and exchange commission", "nasdaq", "nyse",
    "new york stock exchange", "american stock exchange", "fasb", "fdic", "nasd",
    "national association of securities dealers", "securities investor protection corporation", "sipc",
}


def _norm(text):
    return " ".join(text.split()).lower()


@pytest.mark.parametrize(
    "folder",
    [
        pytest.param(REAL, marks=requires(REAL / "gold", "the real-filings dev set"), id="real-filings"),
        pytest.param(SEED, marks=requires(SEED / "gold", "the seed filing"), id="seed"),
    ],
)
def test_no_protected_names_in_corpus_or_patterns(folder):
    """Neither the dev set's nor the seed's organizations and people appear in the project."""
    names, single_words = set(), set()
    for path in (folder / "gold").glob("*.json"):
        gold = json.loads(path.read_text())
        text = (folder / f"{gold['id']}.txt").read_text(encoding="utf-8")
        found = {" ".join(text[s:e].split()) for s, e, label in gold["ents"] if label in ("ORG", "PERSON")}
        names |= {n.lower() for n in found}
        single_words |= {n for n in found if " " not in n and n.lower() not in EXEMPT}
    names -= EXEMPT
    hits = []
    for split in ("train", "dev", "test"):
        for doc in read_dir(ROOT / "corpus" / "source" / split):
            annotated = {_norm(doc.text[s:e]) for s, e, label in doc.ents if label in ("ORG", "PERSON")}
            hits += [(doc.id, n) for n in annotated & names]
            # multi-word names also must not appear unannotated
            low = _norm(doc.text)
            hits += [(doc.id, n) for n in names if " " in n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low)]
    names = {n for n in names if " " in n}
    # patterns, gazetteers, code, tests and docs: no such name at all; a one-word name is
    # matched with its case ("Teltrend", not the word "access"), longer names in any case
    files = [p for part in ("pipeline", "tests", "configs") for p in (ROOT / part).rglob("*")
             if p.suffix in (".py", ".jsonl", ".txt", ".json", ".cfg", ".md", ".htm") and p.name != "test_project_hygiene.py"]
    files += [ROOT / "README.md", ROOT / "project.yml", ROOT / "corpus" / "GUIDELINES.md"]
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        for name in names | single_words:
            multi = " " in name
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text.lower() if multi else text):
                hits.append((path.name, name))
    assert sorted(set(hits)) == []


# Text fixed by Form 8-K itself (cover page, item headings, signature clause), the same in every filing.
FORM_TEXT = re.compile(
    r"(?i)appropriate box|written communications|soliciting material|pre-commencement|securities exchange act|"
    r"securities act of|pursuant to the requirements|emerging growth|exact name of registrant|"
    r"commission file number|i\.r\.s\. employer|telephone number|former name or former address|"
    r"duly caused this report|principal executive offices|^\s*item\s+\d+(?:\.\d+)?\b"
)


@requires(REAL / "gold", "the real-filings dev set")
def test_no_corpus_line_copied_from_real_filings():
    """No line of 60+ characters of the authored corpus equals a line of a real filing (form text aside)."""
    real = set()
    for path in REAL.glob("*.txt"):
        real |= {
            _norm(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if len(_norm(line)) >= 60 and not FORM_TEXT.search(line)
        }
    copied = [
        (doc.id, line)
        for split in ("train", "dev", "test")
        for doc in read_dir(ROOT / "corpus" / "source" / split)
        for line in doc.text.splitlines()
        if len(_norm(line)) >= 60 and _norm(line) in real
    ]
    assert copied == []
