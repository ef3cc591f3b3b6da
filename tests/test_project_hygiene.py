"""The project keeps the real-filings dev set's organizations and people out of its data."""

import json
import re

from sec_events.corpus.format import read_dir

from .conftest import REAL, ROOT, requires

# Institutions found in most filings, and generic titles: allowed although the dev gold names them.
EXEMPT = {
    "sec", "securities and exchange commission", "u.s. securities and exchange commission", "nasdaq", "nyse",
    "new york stock exchange", "american stock exchange", "fasb", "fdic", "nasd",
    "national association of securities dealers", "securities investor protection corporation", "sipc",
}


def _norm(text):
    return " ".join(text.split()).lower()


@requires(REAL / "gold", "the real-filings dev set")
def test_no_dev_set_names_in_corpus_or_patterns():
    names = set()
    for path in (REAL / "gold").glob("*.json"):
        gold = json.loads(path.read_text())
        text = (REAL / f"{gold['id']}.txt").read_text(encoding="utf-8")
        names |= {_norm(text[s:e]) for s, e, label in gold["ents"] if label in ("ORG", "PERSON")}
    names -= EXEMPT
    hits = []
    for split in ("train", "dev", "test"):
        for doc in read_dir(ROOT / "corpus" / "source" / split):
            annotated = {_norm(doc.text[s:e]) for s, e, label in doc.ents if label in ("ORG", "PERSON")}
            hits += [(doc.id, n) for n in annotated & names]
            # multi-word names also must not appear unannotated
            low = _norm(doc.text)
            hits += [(doc.id, n) for n in names if " " in n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low)]
    patterns = ROOT / "pipeline" / "sec_events" / "patterns"
    for path in patterns.iterdir():
        low = _norm(path.read_text(encoding="utf-8"))
        hits += [(path.name, n) for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low)]
    assert sorted(set(hits)) == []
