"""Training-only registered functions (the trained pipeline needs none of them at run time)."""

import random
from typing import Callable, Iterator

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import registry
from thinc.api import Model

from .labels import EVENTS_KEY


def wrap_text(text: str, width: int) -> str:
    """Hard-wrap `text` at `width` by turning spaces into newlines; offsets are unchanged."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            line_start, last_space = i + 1, -1
        elif ch == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


@registry.augmenters("sec_events.wrap_augmenter.v1")
def create_wrap_augmenter(
    level: float, min_width: int = 60, max_width: int = 80, spans_key: str = EVENTS_KEY
) -> Callable[[Language, Example], Iterator[Example]]:
    """Also yield, for a share `level` of examples, a copy hard-wrapped like old EDGAR text.

    Real filings from the 1990s and many exhibits are wrapped at 60-80 columns, so names,
    dates and amounts break across lines ("September\\n30, 1996"). The copy keeps every
    character offset, so the gold spans and records carry over unchanged.
    """

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        if random.random() >= level:
            return
        ref = example.reference
        text = wrap_text(ref.text, random.randint(min_width, max_width))
        doc = nlp.make_doc(text)
        ents = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in ref.ents]
        spans = [doc.char_span(s.start_char, s.end_char, label=s.label_) for s in ref.spans.get(spans_key, [])]
        if any(s is None for s in ents + spans):
            return
        doc.ents = ents
        doc.spans[spans_key] = spans
        doc.user_data.update(ref.user_data)  # the gold records: their offsets are unchanged too
        yield Example(nlp.make_doc(text), doc)

    return augment


def copy_weights(source: Model, target: Model) -> None:
    """Copy every parameter (and the hash seeds) of `source` into `target`, two models of the same
    architecture, node by node; a mismatch in structure or shape is an error."""
    pairs = list(zip(source.walk(), target.walk()))
    if len(pairs) != len(list(target.walk())) or any(s.name != t.name for s, t in pairs):
        raise ValueError(f"cannot copy {source.name} into {target.name}: the architectures differ")
    for src, dst in pairs:
        for name in src.param_names:
            if src.has_param(name):
                value = src.get_param(name)
                if dst.has_param(name) and dst.get_param(name).shape != value.shape:
                    raise ValueError(f"{src.name}.{name}: shape {value.shape} vs {dst.get_param(name).shape}")
                dst.set_param(name, value.copy())
        if "seed" in src.attrs:
            dst.attrs["seed"] = src.attrs["seed"]


@registry.callbacks("sec_events.ner_transfer.v1")
def create_ner_transfer(source: str, encoder: str = "tok2vec", component: str = "ner") -> Callable[[Language], Language]:
    """An `[initialize.after_init]` callback: the shared `encoder` takes the weights of the internal
    encoder of `source`'s ner, and `component` (a ner listening to `encoder`) takes the rest of that
    ner: the projection to its hidden layer, the hidden layer, and the output row of every move
    (B-ORG, L-DATE, ...) both know. The transfer of the general-purpose model is kept while each
    text is encoded once. Runs at initialization only: a trained pipeline does not need `source`."""

    def transfer(nlp: Language) -> Language:
        src = spacy.load(source, exclude=[n for n in spacy.info(source)["pipeline"] if n != "ner"]).get_pipe("ner")
        dst = nlp.get_pipe(component)
        src_t2v, dst_t2v = src.model.get_ref("tok2vec"), dst.model.get_ref("tok2vec")
        copy_weights(src_t2v.layers[0], nlp.get_pipe(encoder).model)  # the encoder inside the source's ner
        copy_weights(src_t2v.layers[-1], dst_t2v.layers[-1])  # its projection to the hidden width
        copy_weights(src.model.get_ref("lower"), dst.model.get_ref("lower"))
        src_upper, dst_upper = src.model.get_ref("upper"), dst.model.get_ref("upper")
        rows = {name: i for i, name in enumerate(src.move_names)}
        W, b = dst_upper.get_param("W").copy(), dst_upper.get_param("b").copy()
        for i, name in enumerate(dst.move_names):
            if name in rows:
                W[i], b[i] = src_upper.get_param("W")[rows[name]], src_upper.get_param("b")[rows[name]]
        dst_upper.set_param("W", W)
        dst_upper.set_param("b", b)
        return nlp

    return transfer
