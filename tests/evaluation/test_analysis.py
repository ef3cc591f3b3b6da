from sec_events.evaluation.analysis import bootstrap_ci, company_of, confusion, error_patterns
from sec_events.evaluation.compare import compare_metrics
from sec_events.evaluation.evaluate import GoldDoc, score_docs

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
    assert ci["ents"] == ci["events"] == [1.0, 1.0]
    assert ci["labels"] == {"ents:ORG": [1.0, 1.0], "ents:DATE": [1.0, 1.0], "ents:MONEY": [1.0, 1.0],
                            "events:AGREEMENT_ENTRY": [1.0, 1.0]}


def _metrics(f_org):
    row = {"p": f_org, "r": f_org, "f": f_org, "support": 1, "overlap_f": f_org}
    return {"systems": {"pipeline": {"ents": {"ORG": row, "micro": row}, "events": {"micro": row}}}}


def test_compare_prints_differences():
    lines = list(compare_metrics(_metrics(0.5), _metrics(0.75)))
    org = next(line for line in lines if " ORG " in line)
    assert org.split()[-3:] == ["0.500", "0.750", "+0.250"]
