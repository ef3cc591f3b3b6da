import json

import pytest
import spacy

from sec_events.evaluation.analysis import bootstrap_ci, company_of, confusion, error_patterns
from sec_events.evaluation.compare import compare_metrics
from sec_events.evaluation.evaluate import GoldDoc, score_docs
from sec_events.evaluation.report import write_report

TEXT = "Acme Corp. signed with Beta LLC on May 1, 2020 for $5 million."
GOLD = GoldDoc("1000_8K_x", TEXT, [(0, 10, "ORG"), (23, 31, "ORG"), (35, 46, "DATE"), (51, 61, "MONEY")],
               [(11, 17, "AGREEMENT_ENTRY")], [])
PRED = ([(0, 4, "ORG"), (23, 31, "PERSON"), (35, 46, "DATE"), (61, 62, "MONEY")], [(11, 17, "AGREEMENT_ENTRY")], [])


def test_confusion_counts_boundary_wrong_label_missed_and_spurious():
    table = confusion([GOLD], [PRED])
    assert table["ORG"] == {"ORG (boundary)": 1, "PERSON": 1}
    assert table["DATE"] == {"DATE": 1}
    assert table["MONEY"] == {"(missed)": 1}
    assert table["(spurious)"] == {"MONEY": 1}


def test_error_patterns_kinds_and_context():
    errors = {(e["kind"], e["label"], e["text"]): e for e in error_patterns([GOLD], [PRED])}
    assert set(errors) == {("boundary", "ORG", "Acme Corp."), ("wrong label", "ORG", "Beta LLC"),
                           ("missed", "MONEY", "$5 million"), ("spurious", "MONEY", ".")}
    assert "[Acme Corp.]" in errors["boundary", "ORG", "Acme Corp."]["context"]
    assert errors["wrong label", "ORG", "Beta LLC"]["predicted"] == "Beta LLC (PERSON)"


def test_bootstrap_interval_brackets_the_score_and_groups_companies():
    golds = [GOLD, GoldDoc("1000_8K_y", TEXT, GOLD.ents, GOLD.events), GoldDoc("2000_8K_z", TEXT, GOLD.ents, [])]
    preds = [PRED, (GOLD.ents, GOLD.events, []), (GOLD.ents, [], [])]
    ci = bootstrap_ci(golds, preds, group=company_of, n=200)
    micro = score_docs(golds, preds)["ents"]["micro"]["f"]
    assert ci["ents"][0] <= micro <= ci["ents"][1] and ci["ents"][0] < ci["ents"][1]
    assert company_of("1000685_8K_1997_0001036050-97-000815") == "1000685"


def test_bootstrap_perfect_predictions_have_no_spread():
    ci = bootstrap_ci([GOLD], [(GOLD.ents, GOLD.events, [])], n=50)
    assert ci == {"ents": [1.0, 1.0], "events": [1.0, 1.0]}


def _metrics(f_org):
    row = {"p": f_org, "r": f_org, "f": f_org, "support": 1, "overlap_f": f_org}
    return {"systems": {"pipeline": {"ents": {"ORG": row, "micro": row}, "events": {"micro": row}}}}


def test_compare_prints_differences():
    lines = list(compare_metrics(_metrics(0.5), _metrics(0.75)))
    org = next(line for line in lines if " ORG " in line)
    assert org.split()[-3:] == ["0.500", "0.750", "+0.250"]


def test_report_written_from_metrics(tmp_path):
    from sec_events.evaluation.evaluate import evaluate
    from sec_events.tokenizer import blank
    from spacy.tokens import DocBin

    nlp = blank()
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Acme Corp."}])
    model = tmp_path / "model"
    nlp.to_disk(model)
    doc = nlp.make_doc(TEXT)
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in GOLD.ents]
    DocBin(docs=[doc]).to_disk(tmp_path / "test.spacy")
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    result = {"model": str(model), "data": "test.spacy", "docs": 1,
              "systems": {"pipeline": evaluate(spacy.load(model), [GOLD]), "general": {"missing": "not installed"}}}
    (metrics / "cpu-test.json").write_text(json.dumps(result))
    files = write_report(metrics, "cpu", str(model), tmp_path / "test.spacy", tmp_path / "no-log.jsonl", tmp_path / "out")
    md = (tmp_path / "out" / "evaluation.md").read_text()
    assert "general-purpose spaCy: not scored (not installed)" in md
    assert "| ORG |" in md and "Not scored: the real-filings dev set was not present." in md
    assert (tmp_path / "out" / "f1-by-label.png").stat().st_size > 1000
    assert "<img" in (tmp_path / "out" / "evaluation.html").read_text() and len(files) == 3


def test_report_needs_test_metrics(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the evaluate step"):
        write_report(tmp_path, "cpu", "model", tmp_path / "t.spacy", tmp_path / "log", tmp_path / "out")


def test_records_section_puts_each_argument_beside_each_data_set():
    from sec_events.evaluation.report import records_section

    def table(f):
        return {arg: {"p": f, "r": f, "f": f, "support": 4} for arg in ("agreement", "parties", "date", "amount", "micro")}

    test = {"systems": {"pipeline": {"records_gold_spans": table(0.9), "records_found": table(0.8), "records_e2e": table(0.7)}}}
    real = {"systems": {"pipeline": {"records_found": table(0.6), "records_e2e": table(0.5)}}}
    md = records_section({"test split": test, "real filings": real}).markdown()
    assert "| parties | 0.900 | 0.800 | 0.700 | – | 0.600 | 0.500 |" in md
    assert records_section({"test split": {"systems": {"pipeline": {}}}}) is None
