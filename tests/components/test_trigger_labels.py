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


def test_a_trigger_verb_takes_the_verbs_of_its_type_coordinated_after_it():
    nlp = blank()
    nlp.add_pipe("sec_trigger_labels", config={"min_count": 1})
    gold = [("The lenders waived the default.", "waived", "AGREEMENT_AMENDMENT"),
            ("The lenders amended the Note.", "amended", "AGREEMENT_AMENDMENT"),
            ("The parties extended the Lease.", "extended", "AGREEMENT_EXTENSION"),
            ("The parties terminated the Lease.", "terminated", "AGREEMENT_TERMINATION"),
            ("Pell will not renew the License.", "renew", "AGREEMENT_TERMINATION"),
            ("Its expiration came first.", "expiration", "AGREEMENT_TERMINATION")]
    nlp.initialize(lambda: [Example(nlp.make_doc(t), _doc(nlp, t, [(w, label)])) for t, w, label in gold])
    text = ("Amendments in May waived and/or amended the covenants, and the Note was amended and extended. "
            "Either party may terminate or not renew it; it survives the termination or expiration of the Lease.")
    doc = _doc(nlp, text, [("waived", "AGREEMENT_AMENDMENT"), ("terminate", "AGREEMENT_TERMINATION"),
                           ("termination", "AGREEMENT_TERMINATION")])
    second = text.index("amended and extended")
    doc.spans["events"] = list(doc.spans["events"]) + [doc.char_span(second, second + 7, label="AGREEMENT_AMENDMENT")]
    doc = nlp(doc)
    # "amended and extended": "extend" was never an AMENDMENT; "termination or expiration": nouns stay apart
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [
        ("waived and/or amended", "AGREEMENT_AMENDMENT"), ("amended", "AGREEMENT_AMENDMENT"),
        ("terminate or not renew", "AGREEMENT_TERMINATION"), ("termination", "AGREEMENT_TERMINATION")]
