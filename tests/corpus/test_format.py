import pytest

from sec_events.corpus.format import CorpusError, parse_marked, read_dir, read_file


def test_parse_marked_strips_marks_and_keeps_offsets():
    doc = parse_marked("On [[May 2, 2022|DATE]], [[Acme Corp.|ORG]] {{entered into|AGREEMENT_ENTRY}} it.")
    assert doc.text == "On May 2, 2022, Acme Corp. entered into it."
    assert [(doc.text[s:e], label) for s, e, label in doc.ents] == [("May 2, 2022", "DATE"), ("Acme Corp.", "ORG")]
    assert [(doc.text[s:e], label) for s, e, label in doc.events] == [("entered into", "AGREEMENT_ENTRY")]


def test_parse_marked_allows_nesting_of_different_kinds():
    doc = parse_marked("the {{[[Amendment|AGREEMENT]]|AGREEMENT_AMENDMENT}}")
    assert doc.ents == [(4, 13, "AGREEMENT")] and doc.events == [(4, 13, "AGREEMENT_AMENDMENT")]


@pytest.mark.parametrize(
    "raw,message",
    [
        ("[[Acme|ORG]", "never closed"),
        ("Acme|ORG]]", "closes no open mark"),
        ("[[Acme {{x|ORG]]", "closes no open mark"),
        ("[[A [[B|ORG]]|ORG]]", "nested"),
        ("{{signed|ORG]]", "closes no open mark"),
    ],
)
def test_parse_marked_rejects_broken_marks(raw, message):
    with pytest.raises(CorpusError, match=message):
        parse_marked(raw, source="doc.txt")


def test_read_jsonl_and_broken_line(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text('{"id": "x", "text": "Acme Corp.", "spans": [{"start": 0, "end": 10, "label": "ORG"}]}\n')
    (doc,) = read_file(good)
    assert doc.ents == [(0, 10, "ORG")] and doc.id == "x"
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": "broken\n')
    with pytest.raises(CorpusError, match=r"b.jsonl:2: broken JSON line"):
        list(read_file(bad))


def test_read_jsonl_span_without_offsets(tmp_path):
    bad = tmp_path / "c.jsonl"
    bad.write_text('{"text": "Acme", "spans": [{"label": "ORG"}]}\n')
    with pytest.raises(CorpusError, match="needs integer start, end"):
        list(read_file(bad))


def test_read_file_rejects_wrong_encoding(tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Soci\xe9t\xe9 G\xe9n\xe9rale".encode("latin-1"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        list(read_file(bad))


def test_read_dir_reads_records_beside_a_document(tmp_path):
    (tmp_path / "d.txt").write_text("[[Acme|ORG]] {{signed|AGREEMENT_ENTRY}}")
    (tmp_path / "d.records.json").write_text('{"records": [{"trigger": [5, 11, "AGREEMENT_ENTRY"]}]}')
    (doc,) = read_dir(tmp_path)
    assert doc.records == [{"trigger": [5, 11, "AGREEMENT_ENTRY"]}]


def test_read_dir_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus"):
        read_dir(tmp_path / "nope")
