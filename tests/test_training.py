"""Training smoke tests: the real config trains, saves and loads; the seed filing end to end."""

import json
import subprocess
import sys

import pytest
import spacy
from spacy.training import Example

from sec_events.tokenizer import blank

from .conftest import ROOT, SEED, requires


@pytest.mark.slow
def test_trained_pipeline_loads_in_fresh_process(trained):
    code = (
        "import json, spacy; nlp = spacy.load(%r); doc = nlp('On May 2, 2022, Acme Robotics, Inc. entered into a "
        "Credit Agreement with Keystone Bank, N.A.'); print(json.dumps({'pipes': nlp.pipe_names, "
        "'events': doc._.events, 'perf': nlp.meta['performance']}))" % str(trained)
    )
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    expected = spacy.util.load_config(ROOT / "configs" / "cpu.cfg")["nlp"]["pipeline"]
    assert out["pipes"] == expected and "event_assembler" in expected
    assert out["perf"]["ents_f"] > 0.3 and out["perf"]["spans_events_f"] > 0.3
    assert isinstance(out["events"], list)


@pytest.mark.slow
@requires(SEED, "the seed filing")
def test_seed_filing_end_to_end(trained):
    (text_path,) = SEED.glob("*.txt")
    gold = json.loads((SEED / "gold" / f"{text_path.stem}.json").read_text())
    doc = spacy.load(trained)(text_path.read_text(encoding="utf-8"))
    ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    events = {(s.start_char, s.end_char, s.label_) for s in doc.spans["events"]}
    gold_ents, gold_events = {tuple(x) for x in gold["ents"]}, {tuple(x) for x in gold["events"]}
    assert len(ents & gold_ents) / len(gold_ents) >= 0.4
    assert len(events & gold_events) / len(gold_events) >= 0.5
    assert [r["trigger"]["start"] for r in doc._.events] == sorted(s.start_char for s in doc.spans["events"])
    json.dumps(doc._.events)


def test_spancat_overfits_two_examples(tmp_path):
    """The trigger spancat with our suggester learns two hand-made examples and keeps them after a reload."""
    nlp = blank()
    nlp.add_pipe("spancat_singlelabel", name="spancat",
                 config={"spans_key": "events", "allow_overlap": False,
                         "suggester": {"@misc": "sec_events.trigger_suggester.v1"}})
    data = [
        ("Acme entered into a lease and later terminated it.",
         [("entered into", "AGREEMENT_ENTRY"), ("terminated", "AGREEMENT_TERMINATION")]),
        ("The parties amended the plan; the extension fee was paid.", [("amended", "AGREEMENT_AMENDMENT")]),
    ]
    examples = []
    for text, spans in data:
        ref = nlp.make_doc(text)
        ref.spans["events"] = [ref.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in spans]
        examples.append(Example(nlp.make_doc(text), ref))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer)
    expected = [spans for _, spans in data]
    assert [_triggers(nlp, t) for t, _ in data] == expected
    nlp.to_disk(tmp_path)
    reloaded = spacy.load(tmp_path)
    assert [_triggers(reloaded, t) for t, _ in data] == expected


def _triggers(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_) for s in sorted(doc.spans["events"], key=lambda s: s.start)]
