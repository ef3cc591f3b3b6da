"""Model architectures: a trigger classifier that sees the words around each candidate.

"terminated" is an event when an agreement is terminated and not when an employee is; four
tokens of the candidate itself cannot tell them apart. `sec_events.context_reducer.v1` pools,
beside the candidate's own vectors (first, last, mean, max, as spaCy's mean_max_reducer), the
vectors of a window of `window` tokens on each side of it (mean and max); `window = 0` is the
span alone. `sec_events.ContextSpanCategorizer.v1` is spaCy's SpanCategorizer.v1 with that
reducer, which needs the document's vectors and not only the candidate's.
"""

from typing import List, Tuple

from spacy.ml.extract_spans import extract_spans
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, list2ragged, reduce_first, reduce_last, reduce_max, reduce_mean
from thinc.api import with_getitem
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
