import subprocess
import sys

from sec_events.corpus.format import AnnotatedDoc, parse_marked
from sec_events.corpus.validate import check_corpus, check_doc

from ..conftest import ROOT


def problems(nlp, raw):
    return check_doc(nlp, parse_marked(raw, source="t.txt"))


def test_valid_document_has_no_problems(nlp):
    assert problems(nlp, "On [[May 2, 2022|DATE]], [[Acme Corp.|ORG]] {{signed|AGREEMENT_ENTRY}} a deal.") == []


def test_unknown_label(nlp):
    (p,) = problems(nlp, "[[Acme|COMPANY]] signed")
    assert "'COMPANY' is not one of" in p


def test_event_label_on_entity_mark(nlp):
    (p,) = problems(nlp, "[[signed|AGREEMENT_ENTRY]] it")
    assert "entity label 'AGREEMENT_ENTRY'" in p


def test_misaligned_span(nlp):
    doc = AnnotatedDoc("x", "Acme Corporation signed", ents=[(0, 6, "ORG")], source="x")
    (p,) = check_doc(nlp, doc)
    assert "'Acme C' [0:6] is not on token boundaries" in p


def test_bad_edges(nlp):
    found = problems(nlp, 'Shares of [[the Acme Corp.|ORG]] and [["Beta"|ORG]] rose.')
    assert len(found) == 2 and all("bad edge" in p for p in found)


def test_overlapping_entities(nlp):
    doc = AnnotatedDoc("x", "Acme Bank, N.A. signed", ents=[(0, 9, "ORG"), (5, 15, "ORG")], source="x")
    assert any("overlapping entities" in p for p in check_doc(nlp, doc))


def test_empty_and_duplicate_documents(nlp):
    docs = [parse_marked("Acme signed.", "a", "a.txt"), parse_marked("Acme  signed.", "b", "b.txt"), parse_marked(" \n", "c", "c.txt")]
    found = check_corpus(nlp, docs)
    assert any("b.txt: duplicate of a.txt" in p for p in found)
    assert any("c.txt: empty document" in p for p in found)


def test_every_document_needs_its_records(nlp, tmp_path):
    docs = [parse_marked("[[Acme Corp.|ORG]] {{signed|AGREEMENT_ENTRY}} it.", "a", "a.txt"), parse_marked("Nothing.", "b", "b.txt")]
    docs[1].records = []
    found = check_corpus(nlp, docs, require_records=True)
    assert found == ["a.txt: no records file (a.records.json; an empty list when it has no triggers)"]
    assert check_corpus(nlp, docs) == []
    (tmp_path / "train").mkdir()
    (tmp_path / "train" / "a.txt").write_text("Acme signed it.")
    run = subprocess.run([sys.executable, "-m", "sec_events", "validate", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "a.txt: no records file" in run.stderr
    run = subprocess.run([sys.executable, "-m", "sec_events", "validate", str(tmp_path), "--no-records"], capture_output=True, text=True)
    assert run.returncode == 0


def test_validate_command_fails_loudly(tmp_path):
    (tmp_path / "train").mkdir()
    (tmp_path / "train" / "bad.txt").write_text("[[Acme|COMPANY]] signed")
    run = subprocess.run([sys.executable, "-m", "sec_events", "validate", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "bad.txt" in run.stderr and "COMPANY" in run.stderr


def test_bundled_corpus_is_valid(nlp):
    from sec_events.corpus.format import read_dir

    docs = [d for split in ("train", "dev", "test") for d in read_dir(ROOT / "corpus" / "source" / split)]
    assert len(docs) >= 40
    assert check_corpus(nlp, docs, require_records=True) == []


def test_records_must_match_triggers_one_to_one(nlp):
    doc = parse_marked("[[Acme Corp.|ORG]] {{signed|AGREEMENT_ENTRY}} and {{amended|AGREEMENT_AMENDMENT}} it.", source="t.txt")
    record = {"trigger": [11, 17, "AGREEMENT_ENTRY"], "agreement": None, "parties": ["Acme Corp."], "date": "2022-05",
              "amount": None, "event": 0}
    doc.records = [record]
    (missing,) = check_doc(nlp, doc)
    assert "'amended' [22, 29, 'AGREEMENT_AMENDMENT'] has no record" in missing
    doc.records = [record, dict(record, trigger=[22, 29, "AGREEMENT_AMENDMENT"], date="May 2022", event=1)]
    (bad_date,) = check_doc(nlp, doc)
    assert "'May 2022' is not ISO 8601" in bad_date
    doc.records = [record, dict(record, trigger=[23, 29, "AGREEMENT_AMENDMENT"], event=1)]
    assert any("is not a trigger of the document" in p for p in check_doc(nlp, doc))


def test_event_ids_number_events_of_one_type_in_order(nlp):
    doc = parse_marked("[[Acme Corp.|ORG]] {{signed|AGREEMENT_ENTRY}} and {{amended|AGREEMENT_AMENDMENT}} it.", source="t.txt")
    entry = {"trigger": [11, 17, "AGREEMENT_ENTRY"], "agreement": None, "parties": [], "date": None, "amount": None}
    amendment = dict(entry, trigger=[22, 29, "AGREEMENT_AMENDMENT"])
    doc.records = [dict(entry, event=0), dict(amendment, event=1)]
    assert check_doc(nlp, doc) == []
    doc.records = [entry, dict(amendment, event=1)]
    assert any("record 0 lacks event" in p for p in check_doc(nlp, doc))
    doc.records = [dict(entry, event=1), dict(amendment, event=0)]
    assert any("not numbered in order of first mention (expected 0)" in p for p in check_doc(nlp, doc))
    doc.records = [dict(entry, event=0), dict(amendment, event=0)]
    assert check_doc(nlp, doc) == ["t.txt records: event 0 joins a AGREEMENT_AMENDMENT to a AGREEMENT_ENTRY: "
                                   "one event has one type"]
    doc.records = [dict(entry, event="0"), dict(amendment, event=1)]
    assert any("is not a number" in p for p in check_doc(nlp, doc))
