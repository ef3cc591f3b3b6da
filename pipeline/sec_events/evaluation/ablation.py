"""Rule/model interplay, measured: the trained pipeline scored with its rule stages
removed, reordered or switched to overwriting, on the same gold documents."""

from typing import Callable, Dict, List

import spacy
from spacy.language import Language

from .evaluate import GoldDoc, evaluate

RULES = ("ruler", "context_ruler", "mention_propagator")


def _without(*names: str) -> Callable[[str], Language]:
    def load(model: str) -> Language:
        return spacy.load(model, exclude=[n for n in names])

    return load


def _ruler_first(model: str) -> Language:
    nlp = spacy.load(model)
    source = spacy.load(model)
    nlp.remove_pipe("ruler")
    nlp.add_pipe("ruler", source=source, before="ner")
    return nlp


def _ruler_overwrites(model: str) -> Language:
    nlp = spacy.load(model)
    nlp.get_pipe("ruler").overwrite = True
    return nlp


VARIANTS: Dict[str, Callable[[str], Language]] = {
    "pipeline": _without(),
    "no rules (ner only)": _without(*RULES),
    "no entity ruler": _without("ruler"),
    "no context ruler": _without("context_ruler"),
    "no mention propagator": _without("mention_propagator"),
    "no value filter": _without("value_filter"),
    "no trigger labels": _without("trigger_labels"),
    "no heading triggers": _without("heading_triggers"),
    "entity ruler before ner": _ruler_first,
    "entity ruler overwrites ner": _ruler_overwrites,
}


def ablate(model: str, golds: List[GoldDoc]) -> Dict[str, dict]:
    """Micro and per-label entity F1 (and trigger F1) of each variant that the model allows."""
    results = {}
    for name, load in VARIANTS.items():
        try:
            nlp = load(model)
        except (KeyError, ValueError):
            continue  # the model lacks the component this variant changes
        scores = evaluate(nlp, golds)
        results[name] = {
            "ents_f": scores["ents"]["micro"]["f"],
            "events_f": scores["events"]["micro"]["f"],
            "per_label": {k: v["f"] for k, v in scores["ents"].items() if k not in ("micro", "macro")},
        }
    return results
