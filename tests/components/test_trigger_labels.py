import spacy
from spacy.training import Example

from sec_events.tokenizer import blank


def _doc(nlp, text, triggers):
    doc = nlp.make_doc(text)
    doc.spans["events"] = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in triggers]
    return doc


def _examples(nlp):
    gold = [("The parties extended the Lease.", "extended", "AGREEMENT_EXTENSION"),
            ("Pell will not renew the License.", "renew", "AGREEMENT_TERMINATION"),
            ("Pell renewed the License.", "renewed", "AGREEMENT_EXTENSION")]
    return [Example(nlp.make_doc(text), _doc(nlp, text, [(t, label)])) for text, t, label in gold]


def test_triggers_keep_to_the_labels_their_stem_had_in_training(tmp_path):
    nlp = blank()
    labels = nlp.add_pipe("sec_trigger_labels", config={"min_count": 1})
    nlp.initialize(lambda: _examples(nlp))
    assert dict(labels.counts["extend"]) == {"AGREEMENT_EXTENSION": 1}
    text = "It may extend the Lease, renew the License and terminate the Note; Ardent supplements it."
    doc = nlp(_doc(nlp, text, [("extend", "AGREEMENT_TERMINATION"), ("renew", "AGREEMENT_TERMINATION"),
                               ("terminate", "AGREEMENT_TERMINATION"), ("supplements", "AGREEMENT_TERMINATION")]))
    # "extend" was never a TERMINATION; "renew" was; "terminat" and "supplement" were not seen: the classifier decides
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [
        ("renew", "AGREEMENT_TERMINATION"), ("terminate", "AGREEMENT_TERMINATION"), ("supplements", "AGREEMENT_TERMINATION")]
    nlp.to_disk(tmp_path / "model")
    assert spacy.load(tmp_path / "model").get_pipe("sec_trigger_labels").counts == labels.counts


def test_stems_seen_less_than_min_count_are_left_alone():
    nlp = blank()
    nlp.add_pipe("sec_trigger_labels", config={"min_count": 5})
    nlp.initialize(lambda: _examples(nlp))
    doc = nlp(_doc(nlp, "It may extend the Lease.", [("extend", "AGREEMENT_TERMINATION")]))
    assert [s.label_ for s in doc.spans["events"]] == ["AGREEMENT_TERMINATION"]
