"""Extraction: offsets back to the source, items and exhibits, long documents, the CLI and the API."""

import json
import re
import subprocess
import sys
from html import unescape

import jsonschema
import psutil
import pytest

from spacy.training import Example

import sec_events
from sec_events.extract import expand, extract_all, split_text

from ..conftest import FIXTURES, ROOT

FILINGS = FIXTURES / "filings"
SCHEMAS = ROOT / "pipeline" / "sec_events" / "schemas"


def _source_text(source: str) -> str:
    """What a reader sees of a source range: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", source)).split())


def _check_offsets(result: dict, source: str) -> int:
    spans = [(e["start"], e["end"], e["text"]) for e in result["entities"]]
    spans += [(r["source"]["start"], r["source"]["end"], r["trigger"]["text"]) for r in result["events"]]
    for start, end, text in spans:
        assert 0 <= start < end <= len(source)
        assert _source_text(source[start:end]) == " ".join(text.split()), (source[start:end], text)
    return len(spans)


@pytest.mark.parametrize("name", ["submission.txt", "ixbrl-8k.htm", "ex99-press-release.txt"])
def test_every_span_points_at_its_source_text(rules_nlp, name):
    path = FILINGS / name
    result = sec_events.extract(path, nlp=rules_nlp)
    assert result["error"] is None and result["source"] == str(path)
    assert _check_offsets(result, path.read_bytes().decode("utf-8")) >= 3


def test_records_say_item_and_exhibit(rules_nlp):
    result = sec_events.extract(FILINGS / "submission.txt", nlp=rules_nlp)
    by_trigger = {r["trigger"]["text"]: r for r in result["events"]}
    entry, termination = by_trigger["entered into"], by_trigger["terminated"]
    assert (entry["item"], entry["exhibit"], entry["document"]) == ("1.01", None, 0)
    assert (termination["item"], termination["exhibit"], termination["document"]) == (None, "EX-99.1", 1)
    assert [d["type"] for d in result["documents"]] == ["8-K", "EX-99.1"]
    tickers = [e for e in result["entities"] if e["label"] == "TICKER"]
    assert [(t["text"], t["exchange"]) for t in tickers] == [("HTLX", "NYSE")]
    money = [e["value"] for e in result["entities"] if e["label"] == "MONEY"]
    assert {"value": 45000000.0, "currency": "USD"} in money


def test_api_takes_text_and_bytes(rules_nlp):
    text = "On May 2, 2022, Orrin Metals LLC terminated its Supply Agreement."
    for source in (text, text.encode("utf-8")):
        result = sec_events.extract(source, nlp=rules_nlp)
        assert result["source"] == "<text>"
        assert [r["type"] for r in result["events"]] == ["AGREEMENT_TERMINATION"]


def test_split_text_cuts_at_breaks_and_keeps_offsets():
    text = "First paragraph here.\n\nSecond one is longer than that.\nA line. " * 20
    pieces = list(split_text(text, 100))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 100 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert list(split_text("x" * 250, 100)) == [(0, "x" * 100), (100, "x" * 100), (200, "x" * 50)]


LONG = ("Date of Report (Date of earliest event reported): March 5, 2024\n\nHarlow Tidewater Logistics, Inc.\n"
        "(Exact name of registrant as specified in its charter)\n\n"
        + "On March 5, 2024, the Company entered into a Credit Agreement with Bramblecote Savings Bank, N.A. "
          "for $45.0 million.\n\n" * 40)


@pytest.fixture(scope="module")
def encoded_nlp():
    """The rule pipeline after an (untrained) tok2vec: an encoding stage that reads pieces."""
    from ..conftest import rules_pipeline

    nlp = rules_pipeline()
    nlp.add_pipe("tok2vec", first=True)
    nlp.get_pipe("tok2vec").initialize(lambda: [Example.from_dict(nlp.make_doc("A sample text."), {})], nlp=nlp)
    return nlp


def _inputs(*texts):
    return [(f"f{i}.txt", (lambda data=t.encode(): data)) for i, t in enumerate(texts)]


def test_pipeline_stages(encoded_nlp, rules_nlp):
    """Pieces up to the first component that reads a whole document (the mention propagator)."""
    from sec_events.extract import pipeline_stages

    whole = rules_nlp.pipe_names[rules_nlp.pipe_names.index("mention_propagator"):]
    assert whole[-1] == "event_assembler"
    pieces = ["heading_triggers", "ruler", "context_ruler", "value_filter"]
    assert pipeline_stages(rules_nlp) == (pieces, whole)
    assert pipeline_stages(encoded_nlp) == (["tok2vec", *pieces], whole)


def test_long_documents_are_encoded_in_pieces_and_read_whole(encoded_nlp, monkeypatch):
    """Pieces of 1,000 characters give what one piece gives: the registrant named once on the cover
    is a party of every record, offsets hold, and no batch holds more than the set characters."""
    seen = []
    encoder = encoded_nlp.get_pipe("tok2vec")
    original = encoder.predict
    monkeypatch.setattr(type(encoder), "predict",
                        lambda self, docs: seen.append(sum(len(d.text) for d in docs)) or original(docs))
    (pieces,) = extract_all(encoded_nlp, _inputs(LONG), batch_size=4, batch_chars=4000)
    assert max(seen) <= 4000 and len(seen) > len(LONG) // 4000
    (whole,) = extract_all(encoded_nlp, _inputs(LONG), batch_size=4, batch_chars=10**7)
    _check_offsets(pieces, LONG)
    assert [(e["start"], e["label"]) for e in pieces["entities"]] == [(e["start"], e["label"]) for e in whole["entities"]]
    assert pieces["events"] == whole["events"] and len(pieces["events"]) == 40
    assert all("Harlow Tidewater Logistics, Inc." in r["parties"] for r in pieces["events"])
    assert len(pieces["filing_events"]) == 1 and len(pieces["filing_events"][0]["mentions"]) == 40


def test_two_processes_give_the_same_lines(encoded_nlp):
    texts = [LONG, "On May 2, 2022, Orrin Metals LLC terminated its Supply Agreement.\n", "", LONG[:900]]
    one = list(extract_all(encoded_nlp, _inputs(*texts), batch_size=4, batch_chars=4000))
    two = list(extract_all(encoded_nlp, _inputs(*texts), n_process=2, batch_size=4, batch_chars=4000))
    assert one == two and [bool(r["error"]) for r in one] == [False, False, True, False]


def test_long_documents_respect_max_length(rules_nlp):
    limit = rules_nlp.max_length
    rules_nlp.max_length = 400
    try:
        parted = sec_events.extract(LONG, nlp=rules_nlp)
    finally:
        rules_nlp.max_length = limit
    _check_offsets(parted, LONG)
    assert len(parted["events"]) == 40 and parted["events"][-1]["source"]["start"] > 400 * 3


@pytest.mark.parametrize("name", ["tok2vec", "mention_propagator"])
def test_a_failure_inside_the_pipeline_is_that_files_error_line(encoded_nlp, name, monkeypatch):
    """MemoryError in a trained component (which drops its batch) or in a rule component (which
    marks its document): the file gets an error line; the other files of its batch do not."""
    bad = "The Lease was terminated. EXPLODE here.\n"
    good = "On May 2, 2022, Orrin Metals LLC terminated its Supply Agreement.\n"
    proc = encoded_nlp.get_pipe(name)
    method = "predict" if name == "tok2vec" else "__call__"
    original = getattr(proc, method)

    def failing(self, arg):
        if any("EXPLODE" in d.text for d in (arg if isinstance(arg, list) else [arg])):
            raise MemoryError("cannot allocate 809 MB")
        return original(arg)

    monkeypatch.setattr(type(proc), method, failing)
    results = list(extract_all(encoded_nlp, _inputs(good, bad, good, good), batch_size=8))
    assert [r["source"] for r in results] == ["f0.txt", "f1.txt", "f2.txt", "f3.txt"]
    assert [bool(r["error"]) for r in results] == [False, True, False, False]
    assert "MemoryError: cannot allocate 809 MB" in results[1]["error"] and results[1]["events"] == []
    assert all(len(r["events"]) == 1 for r in results if not r["error"])
    assert encoded_nlp.get_pipe("tok2vec").get_error_handler().__name__ == "raise_error"  # handlers restored


@pytest.fixture(scope="module")
def rules_model(tmp_path_factory, rules_nlp):
    path = tmp_path_factory.mktemp("rules-model")
    rules_nlp.to_disk(path)
    return path


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sec_events", "extract", *map(str, args)], input=stdin,
                          capture_output=True, text=True)


def test_cli_reports_bad_files_and_goes_on(tmp_path, rules_model):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in FILINGS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    bad = {
        "a-empty.txt": (b"", "empty file"),
        "b-binary.pdf": (b"%PDF-1.7\n\x00\x01\x02\x03", "binary"),
        "c-truncated.txt": (b"<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 1.01 On May 2", "truncated"),
        "d-huge.txt": (b"The lease was terminated. " * 2000, "too large"),
        "e-encoding.txt": (b"Lease \x81\x8d\x8f\x90 terminated", "not UTF-8"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    run = _cli(folder, "--model", rules_model, "--out", out, "--max-bytes", 20000)
    assert run.returncode == 1, run.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["source"] for r in lines] == [str(p) for p in sorted(folder.iterdir())]
    errors = {r["source"].rsplit("/", 1)[-1]: r["error"] for r in lines if r["error"]}
    assert set(errors) == set(bad)
    for name, (_, reason) in bad.items():
        assert reason in errors[name]
        assert f"{name}: {errors[name]}" in run.stderr
    assert "3 of 8 files extracted, 5 failed" in run.stderr
    line_schema = json.loads((SCHEMAS / "extraction.schema.json").read_text())
    record_schema = json.loads((SCHEMAS / "record.schema.json").read_text())
    for result in lines:
        jsonschema.validate(result, line_schema)
        for record in result["events"]:
            jsonschema.validate(record, record_schema)
    assert sum(len(r["events"]) for r in lines) >= 5
    for result in lines:  # one row per event, every record a mention of exactly one
        assert sorted(i for row in result["filing_events"] for i in row["mentions"]) == list(range(len(result["events"])))
        assert all(result["events"][i]["event"] == row["event"] for row in result["filing_events"] for i in row["mentions"])


def test_cli_reads_standard_input(rules_model):
    run = _cli("-", "--model", rules_model, stdin="Orrin Metals LLC (NASDAQ: ORMT) amended its Credit Agreement.")
    assert run.returncode == 0, run.stderr
    (line,) = run.stdout.splitlines()
    result = json.loads(line)
    assert result["source"] == "<stdin>" and result["events"][0]["type"] == "AGREEMENT_AMENDMENT"


def test_expand_walks_folders_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.txt").write_text("a")
    assert [name for name, _ in expand([str(tmp_path)])] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt")]


@pytest.mark.slow
def test_thousand_file_batch_keeps_memory_flat(tmp_path, trained):
    import spacy

    nlp = spacy.load(trained)
    companies = ["Harlow Tidewater Logistics, Inc.", "Quillon Aerostructures Corp.", "Orrin Metals LLC"]
    for i in range(1000):
        body = (f"On May {i % 28 + 1}, 2023, {companies[i % 3]} entered into Amendment No. {i % 7 + 1} to its "
                f"Credit Agreement with Bramblecote Savings Bank, N.A., raising the facility to ${i + 10}.0 million.")
        (tmp_path / f"filing-{i:04d}.txt").write_text(body if i % 100 else "")  # every 100th file is empty
    process, rss = psutil.Process(), []
    count = failed = 0
    for result in extract_all(nlp, expand([str(tmp_path)]), batch_size=32):
        count += 1
        failed += bool(result["error"])
        if count % 100 == 0:
            rss.append(process.memory_info().rss)
    assert count == 1000 and failed == 10
    # After the first few hundred files (caches warm), memory stays within a few MB.
    assert max(rss[3:]) - rss[2] < 30 * 2**20, [r // 2**20 for r in rss]
