"""The argument chooser trains inside a pipeline, saves and loads, and runs in two processes."""

import pytest
import spacy
from spacy.training import Example
from thinc.api import fix_random_seed

from sec_events import factories  # noqa: F401
from sec_events.components.argument_chooser import ROLE_NAMES, gold_roles, pair_features
from sec_events.components.coreference import NameResolver
from sec_events.components.event_assembler import EventAssembler

TEXT = (
    "On March 3, 2021, Corvane Instruments, Inc. entered into a Supply Agreement with Lattimer Glass Co. "
    "The agreement runs for five years. Corvane will buy at least $4.5 million of glass a year.\n\n"
    "On June 9, 2021, Corvane and Pellham Bank, N.A. amended the Credit Agreement dated May 1, 2019 "
    "to raise the revolving commitment from $20 million to $30 million."
)
ENTS = [
    ("March 3, 2021", "DATE"), ("Corvane Instruments, Inc.", "ORG"), ("Supply Agreement", "AGREEMENT"),
    ("Lattimer Glass Co.", "ORG"), ("$4.5 million", "MONEY"), ("June 9, 2021", "DATE"), ("Corvane", "ORG"),
    ("Pellham Bank, N.A.", "ORG"), ("Credit Agreement", "AGREEMENT"), ("May 1, 2019", "DATE"),
    ("$20 million", "MONEY"), ("$30 million", "MONEY"),
]
TRIGGERS = [("entered into", "AGREEMENT_ENTRY"), ("amended", "AGREEMENT_AMENDMENT")]
RECORDS = [
    {"trigger": [TEXT.index("entered into"), TEXT.index("entered into") + 12, "AGREEMENT_ENTRY"],
     "agreement": "Supply Agreement", "parties": ["Corvane Instruments, Inc.", "Lattimer Glass Co."],
     "date": "2021-03-03", "amount": {"value": 4500000.0, "currency": "USD"}, "event": 0},
    {"trigger": [TEXT.index("amended"), TEXT.index("amended") + 7, "AGREEMENT_AMENDMENT"],
     "agreement": "Credit Agreement", "parties": ["Corvane Instruments, Inc.", "Pellham Bank, N.A."],
     "date": "2021-06-09", "amount": {"value": 30000000.0, "currency": "USD"}, "event": 1},
]


def _spans(doc, pairs):
    out, start = [], 0
    for text, label in pairs:
        begin = doc.text.index(text, start)
        out.append(doc.char_span(begin, begin + len(text), label=label))
        start = begin + len(text)
    return out


def _pipeline():
    config = {"nlp": {"tokenizer": {"@tokenizers": "sec_events.tokenizer.v1"}}}
    nlp = spacy.blank("en", config=config)
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.HashEmbedCNN.v2", "width": 32, "depth": 1, "embed_size": 500,
        "window_size": 1, "maxout_pieces": 2, "subword_features": True, "pretrained_vectors": None}})
    nlp.add_pipe("entity_ruler")
    nlp.add_pipe("span_ruler", name="trigger_ruler", config={"spans_key": "events"})
    nlp.add_pipe("sec_paragraph_breaks", name="paragraph_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sec_argument_chooser", name="argument_chooser", config={"model": {
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"},
        "width": 32, "hidden_size": 16}})
    nlp.add_pipe("sec_event_assembler", name="event_assembler", config={"chooser": "learned"})
    return nlp


def _example(nlp):
    ref = nlp.make_doc(TEXT)
    ref.ents = _spans(ref, ENTS)
    ref.spans["events"] = _spans(ref, TRIGGERS)
    ref.user_data["records"] = RECORDS
    return Example(nlp.make_doc(TEXT), ref)


@pytest.fixture(scope="module")
def trained():
    fix_random_seed(0)
    nlp = _pipeline()
    examples = [_example(nlp)]
    optimizer = nlp.initialize(lambda: examples)
    nlp.get_pipe("entity_ruler").add_patterns([{"label": label, "pattern": text} for text, label in ENTS])
    nlp.get_pipe("trigger_ruler").add_patterns([{"label": label, "pattern": text} for text, label in TRIGGERS])
    losses = [nlp.update(examples, sgd=optimizer)["argument_chooser"] for _ in range(60)]
    return nlp, losses


def test_gold_roles_follow_the_records():
    nlp = _pipeline()
    doc = _example(nlp).reference
    for name in ("paragraph_breaks", "sentencizer"):
        doc = nlp.get_pipe(name)(doc)
    names = NameResolver(doc)
    triggers, drafts = EventAssembler(nlp).draft(doc, names)
    pairs = pair_features(doc, names, triggers, drafts)
    roles = gold_roles(pairs, names, RECORDS)
    chosen = {(pairs.triggers[k].text, ent.text): ROLE_NAMES[r] for (k, ent), r in zip(pairs.candidates, roles)}
    assert chosen[("amended", "$30 million")] == "amount"
    assert chosen[("amended", "$20 million")] == "none"
    assert chosen[("amended", "May 1, 2019")] == "none"  # the date of the amended agreement, not of the event
    assert chosen[("amended", "Corvane")] == "parties"  # the short form of a party's full name
    assert chosen[("entered into", "$4.5 million")] == "amount"  # stated in a later sentence


def test_it_learns_the_gold_roles(trained):
    nlp, losses = trained
    assert losses[-1] < losses[0] / 4
    records = nlp(TEXT)._.events
    assert [{k: r[k] for k in ("agreement", "date", "amount")} for r in records] == [
        {k: r[k] for k in ("agreement", "date", "amount")} for r in RECORDS]
    assert [sorted(r["parties"]) for r in records] == [sorted(r["parties"]) for r in RECORDS]


def test_disk_round_trip_and_two_processes(trained, tmp_path):
    nlp, _ = trained
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded(TEXT)._.arguments == nlp(TEXT)._.arguments
    texts = [TEXT, "Nothing happened.", TEXT]
    one = [doc._.events for doc in loaded.pipe(texts)]
    two = [doc._.events for doc in loaded.pipe(texts, n_process=2)]
    assert one == two and one[0] == nlp(TEXT)._.events


def test_learned_choice_needs_a_chooser():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sec_event_assembler", config={"chooser": "learned"})
    with pytest.raises(ValueError, match="argument chooser"):
        nlp("On May 2, 2022, Acme amended the Credit Agreement.")
    with pytest.raises(ValueError, match="chooser must be one of"):
        nlp.add_pipe("sec_event_assembler", name="other", config={"chooser": "neural"})


def test_the_encoder_still_learns_from_the_other_listeners():
    """The chooser is the encoder's last listener, whose backprop applies the encoder's update:
    on a batch without gold records it must pass a zero gradient on, not skip it."""
    fix_random_seed(0)
    nlp = _pipeline()
    nlp.add_pipe("ner", before="entity_ruler", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 16, "maxout_pieces": 2, "use_upper": True,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"}}})
    example = _example(nlp)
    del example.reference.user_data["records"]
    optimizer = nlp.initialize(lambda: [example])
    assert nlp.get_pipe("tok2vec").listeners[-1] is nlp.get_pipe("argument_chooser").model.get_ref("tok2vec")
    embed = next(node for node in nlp.get_pipe("tok2vec").model.walk() if node.has_param("E"))
    nlp.update([example], sgd=optimizer)  # the ner's output layer starts at zero: no gradient to pass yet
    before = embed.get_param("E").copy()
    nlp.update([example], sgd=optimizer)
    assert abs(embed.get_param("E") - before).sum() > 0


def test_a_value_is_judged_by_its_best_mention():
    """"two hundred and fifty thousand dollars ($250,000)": one amount, kept when either mention is."""
    from sec_events.components.event_assembler import apply_choices

    nlp = spacy.blank("en")
    doc = nlp("Acme will pay an extension fee of two hundred dollars ($200).")
    doc.ents = [doc.char_span(0, 4, "ORG"), doc.char_span(34, 53, "MONEY"), doc.char_span(55, 59, "MONEY")]
    trigger = doc.char_span(17, 26, "AGREEMENT_EXTENSION")
    names = NameResolver(doc)
    record = {"agreement": None, "parties": ["Acme"], "date": None, "amount": {"value": 200.0, "currency": "USD"}}
    scores = [[17, 34, 53, "MONEY", 0.05], [17, 55, 59, "MONEY", 0.3], [17, 0, 4, "ORG", 0.02]]
    apply_choices([record], [trigger], scores, names, accept=0.6, reject=0.1)
    assert record["amount"] == {"value": 200.0, "currency": "USD"} and record["parties"] == []
    scores[1][4] = 0.08
    apply_choices([record], [trigger], scores, names, accept=0.6, reject=0.1)
    assert record["amount"] is None


def test_amounts_match_within_the_scoring_tolerance():
    from sec_events.components.event_assembler import same_value

    assert same_value({"value": 4099999.9999999995, "currency": "USD"}, {"value": 4100000, "currency": "USD"})
    assert not same_value({"value": 4100000.0, "currency": "USD"}, {"value": 4100000.0, "currency": "EUR"})
    assert not same_value({"value": 4100000.0, "currency": "USD"}, {"value": 4200000.0, "currency": "USD"})
    assert same_value("Acme Tools Inc.", "ACME TOOLS, INC.") and not same_value("2020-01", "2020-01-01")


def test_the_rules_choice_stays_when_the_chooser_accepts_it_too():
    from sec_events.components.event_assembler import apply_choices

    nlp = spacy.blank("en")
    doc = nlp("On May 2, 2022, Acme amended the lease it executed on June 1, 2015.")
    doc.ents = [doc.char_span(3, 14, "DATE"), doc.char_span(16, 20, "ORG"), doc.char_span(54, 66, "DATE")]
    trigger = doc.char_span(42, 50, "AGREEMENT_ENTRY")
    record = {"agreement": None, "parties": ["Acme"], "date": "2015-06-01", "amount": None}
    scores = [[42, 3, 14, "DATE", 0.97], [42, 54, 66, "DATE", 0.93]]
    apply_choices([record], [trigger], scores, NameResolver(doc), accept=0.9, reject=0.02)
    assert record["date"] == "2015-06-01"
    scores[1][4] = 0.5
    apply_choices([record], [trigger], scores, NameResolver(doc), accept=0.9, reject=0.02)
    assert record["date"] == "2022-05-02"


def test_an_announcements_date_is_not_the_announced_events():
    from sec_events.components.event_assembler import apply_choices

    nlp = spacy.blank("en")
    doc = nlp("On March 8, 2021, Acme issued a press release announcing the signing of the Credit Agreement.")
    doc.ents = [doc.char_span(3, 16, "DATE"), doc.char_span(18, 22, "ORG"), doc.char_span(76, 92, "AGREEMENT")]
    signing = doc.char_span(61, 68, "AGREEMENT_ENTRY")
    record = {"agreement": "Credit Agreement", "parties": ["Acme"], "date": None, "amount": None}
    apply_choices([record], [signing], [[61, 3, 16, "DATE", 0.98]], NameResolver(doc), accept=0.9, reject=0.02)
    assert record["date"] is None  # the release's date; the signing's comes from its own mention
    doc = nlp("On March 3, 2021, Acme signed the Credit Agreement, as it announced.")
    doc.ents = [doc.char_span(3, 16, "DATE"), doc.char_span(18, 22, "ORG"), doc.char_span(34, 50, "AGREEMENT")]
    signed = doc.char_span(23, 29, "AGREEMENT_ENTRY")
    apply_choices([record], [signed], [[23, 3, 16, "DATE", 0.98]], NameResolver(doc), accept=0.9, reject=0.02)
    assert record["date"] == "2021-03-03"



def test_a_today_releases_dateline_is_left_to_the_today_rule():
    from sec_events.components.event_assembler import apply_choices

    nlp = spacy.blank("en")
    doc = nlp("DENVER, March 30, 2021 -- Acme today announced that it has extended the Credit Agreement.")
    doc.ents = [doc.char_span(8, 22, "DATE"), doc.char_span(26, 30, "ORG"), doc.char_span(72, 88, "AGREEMENT")]
    extended = doc.char_span(59, 67, "AGREEMENT_EXTENSION")
    record = {"agreement": "Credit Agreement", "parties": ["Acme"], "date": None, "amount": None,
              "today": "2021-03-30"}
    apply_choices([record], [extended], [[59, 8, 22, "DATE", 0.98]], NameResolver(doc), accept=0.9, reject=0.02)
    assert record["date"] is None  # the "today" rule dates it: the dateline, or a signing the filing dated before
