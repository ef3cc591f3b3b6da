import json
import shutil
import subprocess
import sys

import pytest

from sec_events.evaluation.real_filings import ChangedTextError, load_real_filings

from ..conftest import REAL, requires


def test_evaluate_real_skips_without_folder(tmp_path):
    run = subprocess.run([sys.executable, "-m", "sec_events", "evaluate", "any-model", str(tmp_path / "absent")],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "skipped" in run.stdout and len(run.stdout.strip().splitlines()) == 1


@requires(REAL, "the real-filings dev set")
def test_real_filings_load_and_refuse_changed_text(tmp_path):
    docs = load_real_filings(REAL)
    assert len(docs) == len(list((REAL / "gold").glob("*.json"))) and all(d.text for d in docs)
    first = docs[0].id
    (tmp_path / "gold").mkdir()
    shutil.copy(REAL / "gold" / f"{first}.json", tmp_path / "gold")
    (tmp_path / f"{first}.txt").write_text(docs[0].text + " changed", encoding="utf-8")
    with pytest.raises(ChangedTextError, match="changed"):
        load_real_filings(tmp_path)


@requires(REAL, "the real-filings dev set")
def test_scores_agree_with_reference_scorer(tmp_path):
    """Our evaluate-real and ../shared/tools/score.py give the same numbers on one pipeline."""
    from sec_events.tokenizer import blank

    nlp = blank()
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"TEXT": {"REGEX": "^[A-Z][a-z]+$"}}, {"LOWER": "inc."}]},
                        {"label": "DATE", "pattern": [{"SHAPE": "dddd"}]}])
    span_ruler = nlp.add_pipe("span_ruler", config={"spans_key": "events"})
    span_ruler.add_patterns([{"label": "AGREEMENT_ENTRY", "pattern": [{"LOWER": "entered"}, {"LOWER": "into"}]}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sec_event_assembler")
    model = tmp_path / "model"
    nlp.to_disk(model)
    ours, ref = tmp_path / "ours.json", tmp_path / "ref.json"
    subprocess.run([sys.executable, "-m", "sec_events", "evaluate", str(model), str(REAL), "--systems", "pipeline",
                    "--output", str(ours)], check=True, capture_output=True)
    subprocess.run([sys.executable, str(REAL.parent / "tools" / "score.py"), str(model), "--json", str(ref)],
                   check=True, capture_output=True, cwd=REAL.parent / "tools")
    a, b = json.loads(ours.read_text())["systems"]["pipeline"], json.loads(ref.read_text())
    for part in ("ents", "events", "records_found", "records_e2e"):
        for key, row in b[part].items():
            assert {k: a[part][key][k] for k in row} == row, (part, key)
    for part in ("event_links_found", "event_links_e2e"):
        assert a[part] == b[part] and b[part]["support"] > 0, part
