"""Corpus statistics and the suggester's coverage of the gold triggers."""

from collections import Counter, defaultdict
from typing import Dict, List

from spacy.language import Language

from ..components.suggester import DEFAULT_STEMS, trigger_candidates
from ..labels import ALL_LABELS
from .format import AnnotatedDoc


def corpus_stats(nlp: Language, splits: Dict[str, List[AnnotatedDoc]]) -> dict:
    """Documents, words, mentions and distinct values per label, per split and overall."""
    result = {"splits": {}, "mentions": Counter(), "distinct": {}}
    distinct = defaultdict(set)
    covered = total = 0
    stems = tuple(DEFAULT_STEMS)
    for split, docs in splits.items():
        words = 0
        for adoc in docs:
            doc = nlp.make_doc(adoc.text)
            words += sum(not t.is_space and not t.is_punct for t in doc)
            for start, end, label in adoc.ents + adoc.events:
                result["mentions"][label] += 1
                distinct[label].add(" ".join(adoc.text[start:end].split()).lower())
            cands = {(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in trigger_candidates(doc, stems)}
            covered += sum((s, e) in cands for s, e, _ in adoc.events)
            total += len(adoc.events)
        no_event = sum(not d.events for d in docs)
        result["splits"][split] = {"docs": len(docs), "words": words, "docs_without_events": no_event}
    result["docs"] = sum(s["docs"] for s in result["splits"].values())
    result["words"] = sum(s["words"] for s in result["splits"].values())
    result["mentions"] = {lab: result["mentions"][lab] for lab in ALL_LABELS}
    result["distinct"] = {lab: len(distinct[lab]) for lab in ALL_LABELS}
    result["suggester_coverage"] = round(covered / total, 4) if total else None
    return result
