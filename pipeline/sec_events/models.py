"""Model architectures: a trigger classifier that sees the words around each candidate, and an
argument chooser that scores (trigger, entity) pairs.

"terminated" is an event when an agreement is terminated and not when an employee is; four
tokens of the candidate itself cannot tell them apart. `sec_events.context_reducer.v1` pools,
beside the candidate's own vectors (first, last, mean, max, as spaCy's mean_max_reducer), the
vectors of a window of `window` tokens on each side of it (mean and max); `window = 0` is the
span alone. `sec_events.ContextSpanCategorizer.v1` is spaCy's SpanCategorizer.v1 with that
reducer, which needs the document's vectors and not only the candidate's.
"""

from typing import List, Tuple

import numpy

from spacy.ml.extract_spans import extract_spans
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, list2ragged, reduce_first, reduce_last, reduce_max, reduce_mean
from thinc.api import Dropout, Relu, Softmax, with_getitem
from thinc.types import Floats2d, Ragged


def _pool_forward(model: Model, inputs: Tuple[Ragged, Ragged], is_train: bool):
    vectors, spans = inputs
    own, around = model.layers
    Y_own, bp_own = own(inputs, is_train)
    window = model.attrs["window"]
    if not window:
        return Y_own, bp_own
    xp = model.ops.xp
    bounds = spans.dataXd
    doc_length = xp.repeat(vectors.lengths, spans.lengths)
    wide = xp.stack([xp.maximum(bounds[:, 0] - window, 0), xp.minimum(bounds[:, 1] + window, doc_length)], axis=1)
    Y_around, bp_around = around((vectors, Ragged(wide.astype(bounds.dtype), spans.lengths)), is_train)
    width = Y_own.shape[1]

    def backprop(dY: Floats2d) -> Tuple[Ragged, Ragged]:
        d_own, _ = bp_own(dY[:, :width])
        d_around, _ = bp_around(dY[:, width:])
        return Ragged(d_own.dataXd + d_around.dataXd, vectors.lengths), spans

    return xp.hstack([Y_own, Y_around]), backprop


@registry.layers("sec_events.context_reducer.v1")
def context_reducer(hidden_size: int, window: int) -> Model[Tuple[Ragged, Ragged], Floats2d]:
    """(token vectors, span bounds) -> one vector per span: the span's first, last, mean and max
    vectors and the mean and max of the `window` tokens on either side with it, through a Maxout."""
    own = chain(extract_spans(), concatenate(reduce_first(), reduce_last(), reduce_mean(), reduce_max()))
    around = chain(extract_spans(), concatenate(reduce_mean(), reduce_max()))
    pool = Model("context_pool", _pool_forward, layers=[own, around], attrs={"window": window})
    return chain(pool, Maxout(nO=hidden_size, normalize=True, dropout=0.0))


@registry.architectures("sec_events.ContextSpanCategorizer.v1")
def build_context_spancat(
    tok2vec: Model[List[Doc], List[Floats2d]], scorer: Model[Floats2d, Floats2d], hidden_size: int, window: int
) -> Model[Tuple[List[Doc], Ragged], Floats2d]:
    """spaCy's span categorizer with `context_reducer` in place of a reducer of the span alone."""
    reducer = context_reducer(hidden_size, window)
    model = chain(with_getitem(0, chain(tok2vec, list2ragged())), reducer, scorer)
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("reducer", reducer)
    model.set_ref("scorer", scorer)
    return model


def _pairs_forward(model: Model, inputs: Tuple[List[Doc], Ragged, Floats2d], is_train: bool):
    docs, bounds, features = inputs
    pool, output = model.layers
    pooled, bp_pool = pool((docs, bounds), is_train)  # one row per bound, n_bounds per pair
    n = features.shape[0]
    X = model.ops.xp.hstack([pooled.reshape((n, -1)), features])
    Y, bp_output = output(X, is_train)
    width = X.shape[1] - features.shape[1]

    def backprop(dY: Floats2d) -> Tuple[List[Doc], Ragged, Floats2d]:
        dX = bp_output(dY)
        # always backpropagated, zero or not: the encoder's last listener is what applies its update
        bp_pool(model.attrs["grad_factor"] * model.ops.xp.ascontiguousarray(dX[:, :width]).reshape(pooled.shape))
        return inputs

    return Y, backprop


def _range_mean_forward(model: Model, inputs: Tuple[Ragged, Ragged], is_train: bool):
    vectors, bounds = inputs
    ops = model.ops
    X = vectors.dataXd
    doc_starts = numpy.concatenate([[0], numpy.cumsum(ops.to_numpy(vectors.lengths))[:-1]]).astype("int64")
    ranges = ops.to_numpy(bounds.dataXd).astype("int64") + numpy.repeat(doc_starts, ops.to_numpy(bounds.lengths))[:, None]
    Y = ops.alloc2f(len(ranges), X.shape[1])
    for i, (start, end) in enumerate(ranges):
        if end > start:
            Y[i] = X[start:end].mean(axis=0)

    def backprop(dY: Floats2d) -> Tuple[Ragged, Ragged]:
        dX = ops.alloc2f(*X.shape)
        for i, (start, end) in enumerate(ranges):
            if end > start:
                dX[start:end] += dY[i] / (end - start)
        return Ragged(dX, vectors.lengths), bounds

    return Y, backprop


@registry.layers("sec_events.range_mean.v1")
def range_mean() -> Model[Tuple[Ragged, Ragged], Floats2d]:
    """(token vectors by document, token ranges by document) -> the mean vector of each range.
    Unlike extract_spans + reduce_mean it copies no span: a document of 2 MB with thousands of
    (trigger, candidate) pairs whose ranges run over whole sentences stays within its own size."""
    return Model("range_mean", _range_mean_forward)


def _pairs_init(model: Model, X=None, Y=None) -> None:
    for layer in model.layers:
        layer.initialize()


@registry.architectures("sec_events.ArgumentChooser.v1")
def build_argument_chooser(
    tok2vec: Model[List[Doc], List[Floats2d]], width: int, n_bounds: int, n_features: int, hidden_size: int,
    n_roles: int, dropout: float, grad_factor: float = 1.0,
) -> Model[Tuple[List[Doc], Ragged, Floats2d], Floats2d]:
    """(docs, token bounds, features) -> role probabilities, one row per (trigger, candidate) pair.

    `bounds` holds `n_bounds` token ranges per pair, per document (the trigger, the candidate,
    the words between them, ...); each is the mean of its `width`-wide token vectors. The means
    and the pair's `n_features` features go through a hidden layer to a softmax over `n_roles`. The
    gradient reaches the encoder scaled by `grad_factor` (0: the chooser reads the encoder and
    does not train it, so that its small corpus leaves the entities and triggers alone)."""
    pool = chain(with_getitem(0, chain(tok2vec, list2ragged())), range_mean())
    output = chain(
        Relu(nO=hidden_size, nI=n_bounds * width + n_features), Dropout(dropout), Softmax(nO=n_roles, nI=hidden_size)
    )
    model = Model("argument_pairs", _pairs_forward, init=_pairs_init, layers=[pool, output],
                  attrs={"grad_factor": grad_factor})
    model.set_ref("tok2vec", tok2vec)
    return model
