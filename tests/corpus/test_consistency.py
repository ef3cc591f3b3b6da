from sec_events.corpus.consistency import check_consistency, read_exceptions
from sec_events.corpus.format import parse_marked

from ..conftest import ROOT


def test_bare_occurrence_and_label_disagreement():
    docs = [
        parse_marked("[[Acme Corp.|ORG]] signed. Later Acme Corp. paid.", "a", "a.txt"),
        parse_marked("[[Acme Corp.|PERSON]] spoke.", "b", "b.txt"),
    ]
    problems = check_consistency(docs)
    assert any("'Acme Corp.' is labelled ORG, PERSON" in p for p in problems)
    assert any(p.startswith("a.txt: 'Acme Corp.'") and "left bare" in p for p in problems)


def test_exceptions_silence_deliberate_cases(tmp_path):
    exceptions = tmp_path / "ex.txt"
    exceptions.write_text("# brand name\nORG\tCastellan\n")
    docs = [parse_marked("[[Castellan|ORG]] sells Castellan snacks.", "a", "a.txt")]
    assert check_consistency(docs, read_exceptions(exceptions)) == []
    assert len(check_consistency(docs)) == 1


def test_table_columns_are_not_one_name():
    docs = [parse_marked("[[June 30, 2020|DATE]] and a table: June 30,      2020", "a", "a.txt")]
    assert check_consistency(docs) == []


def test_bundled_corpus_is_consistent():
    from sec_events.corpus.format import read_dir

    docs = [d for split in ("train", "dev", "test") for d in read_dir(ROOT / "corpus" / "source" / split)]
    assert check_consistency(docs, read_exceptions(ROOT / "corpus" / "consistency-exceptions.txt")) == []
