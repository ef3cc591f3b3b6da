from collections import Counter

import pytest

from sec_events.evaluation.scores import count_records, count_spans, record_table, span_table

LABELS = ["ORG", "DATE"]


def table(gold, pred):
    return span_table(count_spans(gold, pred, LABELS), LABELS)


def test_perfect():
    spans = [(0, 4, "ORG"), (10, 20, "DATE")]
    t = table(spans, spans)
    assert t["micro"] == {"p": 1.0, "r": 1.0, "f": 1.0, "support": 2, "overlap_f": 1.0}
    assert t["macro"]["f"] == 1.0


def test_empty_prediction_and_empty_gold():
    t = table([(0, 4, "ORG")], [])
    assert t["ORG"] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 1, "overlap_f": 0.0}
    assert table([], [])["micro"]["f"] == 0.0
    assert table([], [(0, 4, "ORG")])["micro"]["p"] == 0.0


def test_partial_overlap_counts_only_for_overlap_scores():
    t = table([(0, 10, "ORG")], [(0, 4, "ORG")])
    assert t["ORG"]["f"] == 0.0 and t["ORG"]["overlap_f"] == 1.0


def test_wrong_label_is_a_false_positive_and_a_miss():
    t = table([(0, 4, "ORG")], [(0, 4, "DATE")])
    assert t["ORG"]["r"] == 0.0 and t["DATE"]["p"] == 0.0
    assert t["micro"]["f"] == 0.0 and t["ORG"]["overlap_f"] == 0.0


def test_hand_computed_mixture():
    gold = [(0, 4, "ORG"), (5, 9, "ORG"), (10, 20, "DATE")]
    pred = [(0, 4, "ORG"), (5, 8, "ORG"), (30, 35, "DATE")]
    t = table(gold, pred)
    # ORG: tp 1, fp 1, fn 1 -> 0.5/0.5/0.5; DATE: tp 0, fp 1, fn 1; micro tp 1, fp 2, fn 2
    assert t["ORG"]["f"] == 0.5 and t["DATE"]["f"] == 0.0
    assert t["micro"]["p"] == pytest.approx(1 / 3, abs=1e-4) and t["micro"]["r"] == pytest.approx(1 / 3, abs=1e-4)
    assert t["macro"]["f"] == 0.25


GOLD_RECORD = {"trigger": [10, 18, "AGREEMENT_ENTRY"], "agreement": "Credit Agreement",
               "parties": ["Acme, Inc.", "Bank N.A."], "date": "2020-05-01", "amount": {"value": 1e6, "currency": "USD"}}


def pred(**changes):
    rec = {"type": "AGREEMENT_ENTRY", "trigger": {"start": 10, "end": 18, "text": "executed"},
           "agreement": "credit  agreement", "parties": ["ACME, INC.", "Bank N.A."], "date": "2020-05-01",
           "amount": {"value": 1_004_000.0, "currency": "USD"}}
    rec.update(changes)
    return rec


def score(gold, preds):
    found, e2e = Counter(), Counter()
    count_records(gold, preds, found, e2e)
    return record_table(found), record_table(e2e)


def test_record_perfect_after_normalization():
    found, e2e = score([GOLD_RECORD], [pred()])
    assert found["micro"] == {"p": 1.0, "r": 1.0, "f": 1.0, "support": 5}
    assert e2e["micro"]["f"] == 1.0


def test_record_wrong_arguments():
    found, _ = score([GOLD_RECORD], [pred(parties=["Acme, Inc.", "Other LLC"], date=None,
                                          amount={"value": 2e6, "currency": "USD"})])
    assert found["parties"] == {"p": 0.5, "r": 0.5, "f": 0.5, "support": 2}
    assert found["date"]["r"] == 0.0 and found["date"]["p"] == 0.0
    assert found["amount"]["p"] == 0.0 and found["agreement"]["f"] == 1.0


def test_record_missed_and_spurious_triggers_count_end_to_end_only():
    spurious = pred(trigger={"start": 40, "end": 45, "text": "amend"}, type="AGREEMENT_AMENDMENT")
    found, e2e = score([GOLD_RECORD], [spurious])
    assert found["micro"]["support"] == 0
    assert e2e["micro"]["p"] == 0.0 and e2e["micro"]["r"] == 0.0 and e2e["micro"]["support"] == 5


def test_record_wrong_currency():
    found, _ = score([GOLD_RECORD], [pred(amount={"value": 1e6, "currency": "EUR"})])
    assert found["amount"]["f"] == 0.0
