from sec_events.components.suggester import DEFAULT_STEMS, build_trigger_suggester, trigger_candidates


def candidates(nlp, text):
    doc = nlp.make_doc(text)
    return [doc[s:e].text for s, e in trigger_candidates(doc, DEFAULT_STEMS)]


def test_suggester_verbs_particles_and_series(nlp):
    found = candidates(nlp, "It was made and entered\ninto, then amended and restated, and the non-renewal followed.")
    for expected in ["made and entered\ninto", "entered\ninto", "amended and restated", "amended", "non-renewal"]:
        assert expected in found


def test_suggester_skips_unrelated_words(nlp):
    assert candidates(nlp, "The Company reported revenue of $5 million for 2020.") == []


def test_suggester_output_shape(nlp):
    suggest = build_trigger_suggester()
    docs = [nlp.make_doc("It was terminated."), nlp.make_doc(""), nlp.make_doc("We signed and executed it.")]
    ragged = suggest(docs)
    assert list(ragged.lengths) == [1, 0, 3]
    assert ragged.dataXd.shape == (4, 2)


def test_suggester_custom_stems(nlp):
    suggest = build_trigger_suggester(stems=["rescind"])
    assert list(suggest([nlp.make_doc("They rescinded and terminated it.")]).lengths) == [1]
