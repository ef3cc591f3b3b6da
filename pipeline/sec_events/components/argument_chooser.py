"""`sec_argument_chooser`: a trained choice of each trigger's agreement, parties, date and amount.

For each trigger and each AGREEMENT, ORG, DATE and MONEY entity in its sentence or the
sentences on either side (at most `max_distance` tokens away), the model (`sec_events.ArgumentChooser.v1`, listening to the shared
encoder) gives the role the entity plays in the trigger's record: agreement, party, date,
amount, or none. It reads the vectors of the trigger, the candidate and the words between
them and the words before the candidate, and features of the pair (`pair_features`): the
labels, distance in tokens and sentences, order, same paragraph, the word before the
candidate, words of price or payment in its sentence, and whether the rules
(`EventAssembler.draft`) pick it. The scores go to `doc._.arguments`; the event assembler
with `chooser = "learned"` decodes them (at most one agreement, date and amount, parties as a
set) and canonicalizes the names by its coreference.

It trains on the documents whose gold has event records (`user_data["records"]`); the
triggers and entities are the gold ones, with sentences from the pipeline's own `sentences`
components, so that it learns the roles free of span errors.
"""

from itertools import islice
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from spacy.vocab import Vocab
from thinc.api import Model, Optimizer
from thinc.types import Floats2d, Ragged

from ..extensions import register
from ..labels import EVENTS_KEY
from .coreference import NameResolver, name_key
from .event_assembler import (
    CONSIDERATION, ROLES, SPAN_WORDS, EventAssembler, _unit_price, _relative, _replaced_amount, argument_value,
    same_value, tokens_before,
)

NONE = "none"
ROLE_NAMES = (NONE, "agreement", "parties", "date", "amount")  # the model's output rows
LABELS = tuple(ROLES)  # AGREEMENT, ORG, DATE, MONEY
TRIGGER_LABELS = ("AGREEMENT_ENTRY", "AGREEMENT_AMENDMENT", "AGREEMENT_EXTENSION", "AGREEMENT_TERMINATION")
CUES = (  # the word(s) before a candidate: "on May 2", "dated as of", "from $5 million to"
    lambda w: w[-1:] == ["on"],
    lambda w: "dated" in w,
    lambda w: w[-2:] == ["as", "of"],
    lambda w: "effective" in w[-2:],
    lambda w: w[-1:] in (["in"], ["during"]),
    lambda w: bool(SPAN_WORDS.intersection(w[-2:])),
    lambda w: w[-1:] == ["from"],
    lambda w: w[-1:] in (["to"], ["by"]),
    lambda w: w[-1:] in (["with"], ["and"], ["between"], ["among"]),
)
N_FEATURES = len(LABELS) + len(TRIGGER_LABELS) + 12 + len(CUES)
N_BOUNDS = 4  # token ranges per pair: the trigger, the candidate, the words between, the words before the candidate
BEFORE = 3  # tokens before the candidate: "a fee of", "dated as of", "with"
MAX_CACHED = 4096
MAX_DISTANCE = 80  # tokens between a trigger and a candidate: 98.5% of the training split's gold arguments
PREDICT_CHUNK = 2048  # pairs scored at once: a dense filing of 2 MB has tens of thousands


class Pairs:
    """The (trigger, candidate) pairs of one document with their token bounds and features."""

    def __init__(self, triggers: List[Span], candidates: List[Tuple[int, Span]], features: Floats2d) -> None:
        self.triggers = triggers
        self.candidates = candidates  # (trigger index, entity)
        self.features = features

    def bounds(self) -> numpy.ndarray:
        """`N_BOUNDS` token ranges per pair: the trigger, the candidate, the words between (the
        trigger again when they touch) and the `BEFORE` words before the candidate (the
        candidate again at the start of a document)."""
        rows = []
        for k, ent in self.candidates:
            trig = self.triggers[k]
            lo, hi = (trig.end, ent.start) if ent.start >= trig.end else (ent.end, trig.start)
            rows += [(trig.start, trig.end), (ent.start, ent.end), (lo, hi) if hi > lo else (trig.start, trig.end),
                     (max(0, ent.start - BEFORE), ent.start) if ent.start > 0 else (ent.start, ent.end)]
        return numpy.asarray(rows, dtype="int32").reshape((-1, 2))


def _paying(names: NameResolver, ent: Span, seen: Dict[int, bool]) -> bool:
    """Whether the entity's sentence speaks of a price or payment (cached by sentence)."""
    sent = names.sentence(ent.start)
    if sent.start not in seen:
        seen[sent.start] = bool(CONSIDERATION.search(sent.text))
    return seen[sent.start]


def pair_features(doc: Doc, names: NameResolver, triggers: List[Span], drafts: List[dict],
                  max_distance: int = MAX_DISTANCE) -> Pairs:
    """The candidates of every trigger (entities of `ROLES` in its sentence and the two around it,
    at most `max_distance` tokens away) and one feature row per pair."""
    candidates: List[Tuple[int, Span]] = []
    rows: List[List[float]] = []
    starts = [t.start for t in triggers]
    registrant = names.registrant()
    paying: Dict[int, bool] = {}  # sentence start -> whether it speaks of a price or payment
    for k, (trig, draft) in enumerate(zip(triggers, drafts)):
        party_keys = {name_key(p) for p in draft["parties"]}  # once per trigger: drafts list dozens in dense filings
        sent = names.sentence(trig.start)
        first = names.sentence(sent.start - 1) if sent.start > 0 else sent
        last = names.sentence(sent.end) if sent.end < len(doc) else sent
        paragraph = names.paragraph_start(trig.start_char)
        window = [e for e in names.starting(first.start_char, last.end_char) if e.label_ in ROLES
                  and e.end <= last.end and (trig.start - max_distance <= e.end <= trig.start
                                             or trig.end <= e.start <= trig.end + max_distance)]
        for ent in window:
            before = ent.end <= trig.start
            distance = trig.start - ent.end if before else ent.start - trig.end
            same_side = [o for o in window if o.label_ == ent.label_ and (o.end <= trig.start) == before]
            rank = sum(1 for o in same_side if abs(o.start - trig.start) < abs(ent.start - trig.start))
            lo, hi = (ent.end, trig.start) if before else (trig.end, ent.start)
            words = [t.lower_ for t in tokens_before(doc, ent)]
            value = argument_value(names, ent, trig.label_)
            row = [float(ent.label_ == label) for label in LABELS]
            row += [float(trig.label_ == label) for label in TRIGGER_LABELS]
            row += [
                float(before),
                min(distance / 20.0, 5.0),
                float(sent.start <= ent.start < sent.end),
                float(ent.end <= sent.start),
                float(ent.start >= sent.end),
                float(names.paragraph_start(ent.start_char) == paragraph),
                min(rank / 3.0, 1.0),
                float(any(lo <= s < hi for s in islice(starts, max(0, k - 8), k + 8) if s != trig.start)),
                float(name_key(value) in party_keys if ent.label_ == "ORG"
                      else value is not None and same_value(value, draft[ROLES[ent.label_]])),
                float(ent.label_ == "MONEY" and (_unit_price(names.text, ent)
                                                 or _replaced_amount(names.text, ent, window))),
                float(ent.label_ == "ORG" and (_relative(names.text, ent) or value == registrant)),
                float(_paying(names, ent, paying)),
            ]
            row += [float(cue(words)) for cue in CUES]
            candidates.append((k, ent))
            rows.append(row)
    features = numpy.asarray(rows, dtype="float32").reshape((-1, N_FEATURES))
    return Pairs(triggers, candidates, features)


def gold_roles(pairs: Pairs, names: NameResolver, records: List[dict]) -> numpy.ndarray:
    """The index in `ROLE_NAMES` of each pair's role in the gold record of its trigger: the
    candidate's value is the record's agreement, one of its parties, its date or its amount."""
    by_trigger = {(r["trigger"][0], r["trigger"][1]): r for r in records}
    roles = numpy.zeros((len(pairs.candidates),), dtype="int32")
    for i, (k, ent) in enumerate(pairs.candidates):
        trig = pairs.triggers[k]
        record = by_trigger.get((trig.start_char, trig.end_char))
        if record is None:
            continue
        field = ROLES[ent.label_]
        value = argument_value(names, ent, trig.label_)
        gold = record.get(field)
        hits = gold if field == "parties" else [gold]
        if value is not None and any(same_value(value, g) for g in hits or []):
            roles[i] = ROLE_NAMES.index(field)
    return roles


class ArgumentChooser(TrainablePipe):
    """Scores each (trigger, candidate entity) pair with the role the entity plays (see the module docstring)."""

    document_level = True  # the rules' choice, a feature, reads the whole document
    reads_tensor = True  # its encoder listener reads `doc.tensor` at run time

    def __init__(self, vocab: Vocab, model: Model, name: str = "argument_chooser", *, spans_key: str = EVENTS_KEY,
                 sentences: Sequence[str] = ("paragraph_breaks", "sentencizer"), positive_weight: float = 1.0,
                 max_distance: int = MAX_DISTANCE) -> None:
        register()
        self.vocab = vocab
        self.model = model
        self.name = name
        self.spans_key = spans_key
        self.sentences = list(sentences)
        self.positive_weight = positive_weight
        self.max_distance = max_distance
        self.cfg: Dict = {"spans_key": spans_key}
        self._sentence_pipes: List[Callable[[Doc], Doc]] = []  # set by `initialize`, for `update`
        self._rules = EventAssembler(None, spans_key=spans_key)
        self._cache: Dict[str, Tuple[Pairs, numpy.ndarray]] = {}

    def _pairs(self, doc: Doc) -> Tuple[Pairs, NameResolver]:
        names = NameResolver(doc)
        triggers, drafts = self._rules.draft(doc, names)
        return pair_features(doc, names, triggers, drafts, self.max_distance), names

    def _batch(self, docs: List[Doc], pairs: List[Pairs]) -> Tuple[List[Doc], Ragged, Floats2d]:
        ops = self.model.ops
        bounds = [p.bounds() for p in pairs]
        lengths = numpy.asarray([len(b) for b in bounds], dtype="int32")
        flat = numpy.concatenate(bounds) if bounds else numpy.zeros((0, 2), dtype="int32")
        features = numpy.concatenate([p.features for p in pairs]) if pairs else numpy.zeros((0, N_FEATURES), "f")
        return docs, Ragged(ops.asarray2i(flat), ops.asarray1i(lengths)), ops.asarray2f(features)

    def predict(self, docs: Iterable[Doc]) -> List[Tuple[Pairs, numpy.ndarray]]:
        """Each document's pairs and their role probabilities, scored `PREDICT_CHUNK` pairs at a time."""
        out = []
        for doc in docs:
            pairs = self._pairs(doc)[0]
            scores = [numpy.zeros((0, len(ROLE_NAMES)), dtype="float32")]
            for i in range(0, len(pairs.candidates), PREDICT_CHUNK):
                chunk = Pairs(pairs.triggers, pairs.candidates[i : i + PREDICT_CHUNK],
                              pairs.features[i : i + PREDICT_CHUNK])
                scores.append(self.model.ops.to_numpy(self.model.predict(self._batch([doc], [chunk]))))
            out.append((pairs, numpy.concatenate(scores)))
        return out

    def set_annotations(self, docs: Iterable[Doc], scored: List[Tuple[Pairs, numpy.ndarray]]) -> None:
        for doc, (pairs, scores) in zip(docs, scored):
            doc._.arguments = [
                [pairs.triggers[k].start_char, ent.start_char, ent.end_char, ent.label_,
                 round(float(row[ROLE_NAMES.index(ROLES[ent.label_])]), 4)]
                for (k, ent), row in zip(pairs.candidates, scores)
            ]

    def _gold(self, example: Example) -> Optional[Tuple[Pairs, numpy.ndarray]]:
        """The pairs and gold roles of an example with gold records (cached by text), else None."""
        records = example.reference.user_data.get("records")
        if records is None or len(example.predicted) != len(example.reference):
            return None
        key = example.reference.text
        if key not in self._cache:
            if not self._sentence_pipes:
                raise ValueError(f"{self.name}: initialize the pipeline before training it")
            doc = example.reference.copy()
            for pipe in self._sentence_pipes:
                doc = pipe(doc)
            pairs, names = self._pairs(doc)
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[key] = (pairs, gold_roles(pairs, names, records))
        return self._cache[key]

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optional[Optimizer] = None,
               losses: Optional[Dict[str, float]] = None) -> Dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        validate_examples(examples, "ArgumentChooser.update")
        golds = [self._gold(eg) for eg in examples]
        docs = [eg.predicted for eg in examples]
        if not any(g is not None and g[0].candidates for g in golds):
            # nothing to learn here, but the encoder applies its update when its last listener
            # backpropagates: pass it a zero gradient
            tok2vec = self.model.get_ref("tok2vec")
            tokvecs, bp_tokvecs = tok2vec.begin_update(docs)
            bp_tokvecs([tok2vec.ops.alloc2f(*t.shape) for t in tokvecs])
            return losses
        empty = Pairs([], [], numpy.zeros((0, N_FEATURES), dtype="float32"))
        pairs = [g[0] if g is not None else empty for g in golds]
        truths = numpy.concatenate([g[1] for g in golds if g is not None])
        scores, backprop = self.model.begin_update(self._batch(docs, pairs))
        loss, d_scores = self.get_loss(scores, truths)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, scores: Floats2d, truths: numpy.ndarray) -> Tuple[float, Floats2d]:
        """Cross-entropy of the role probabilities, averaged over the pairs; a pair that plays a
        role weighs `positive_weight` (most candidates play none)."""
        target = numpy.zeros(scores.shape, dtype="float32")
        target[numpy.arange(len(truths)), truths] = 1.0
        weights = numpy.where(truths > 0, self.positive_weight, 1.0).astype("float32")[:, None]
        ops = self.model.ops
        d_scores = (scores - ops.asarray2f(target)) * ops.asarray2f(weights) / max(len(truths), 1)
        picked = ops.to_numpy(scores)[numpy.arange(len(truths)), truths]
        return float((-numpy.log(numpy.maximum(picked, 1e-8)) * weights[:, 0]).mean()), d_scores

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Optional[Language] = None) -> None:
        """Set up the model; the training examples need gold records for some of their documents."""
        validate_examples(get_examples(), "ArgumentChooser.initialize")
        if nlp is None or any(name not in nlp.component_names for name in self.sentences):
            raise ValueError(f"{self.name}: the pipeline needs the components {self.sentences} for sentence boundaries")
        self._sentence_pipes = [nlp.get_pipe(name) for name in self.sentences]
        self.model.initialize()


@Language.factory(
    "sec_argument_chooser",
    default_config={
        "spans_key": EVENTS_KEY,
        "sentences": ["paragraph_breaks", "sentencizer"],
        "positive_weight": 1.0,
        "max_distance": MAX_DISTANCE,
        "model": {
            "@architectures": "sec_events.ArgumentChooser.v1",
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"},
            "width": 96,
            "n_bounds": N_BOUNDS,
            "n_features": N_FEATURES,
            "hidden_size": 64,
            "n_roles": len(ROLE_NAMES),
            "dropout": 0.1,
        },
    },
    assigns=["doc._.arguments"],
    requires=["doc.ents", "doc.sents", "doc.spans"],
)
def make_argument_chooser(nlp: Language, name: str, model: Model, spans_key: str, sentences: List[str],
                          positive_weight: float, max_distance: int) -> ArgumentChooser:
    """Build the argument chooser; `sentences` names the components that give a training
    document its sentence boundaries (the pipeline's own)."""
    return ArgumentChooser(nlp.vocab, model, name, spans_key=spans_key, sentences=sentences,
                           positive_weight=positive_weight, max_distance=max_distance)
