"""What the scores hide: a confusion table, the most frequent error patterns with their
context, and bootstrap confidence intervals over documents or companies."""

import random
from collections import Counter, defaultdict
from typing import Callable, Dict, List, Optional, Sequence

from ..labels import ENTITY_LABELS, EVENT_LABELS
from .scores import count_spans, span_table

MISSED, SPURIOUS = "(missed)", "(spurious)"


def _overlapping(span, others):
    return [o for o in others if o[0] < span[1] and span[0] < o[1]]


def confusion(golds, preds, labels: Sequence[str] = ENTITY_LABELS) -> Dict[str, Dict[str, int]]:
    """rows: gold label or SPURIOUS; columns: predicted label (exact offsets) or MISSED.

    A gold span whose offsets no prediction matches exactly counts under the label of an
    overlapping prediction (a boundary error), else as MISSED.
    """
    table: Dict[str, Counter] = defaultdict(Counter)
    for gold, (ents, _, _) in zip(golds, preds):
        pred = [p for p in ents if p[2] in labels]
        by_offsets = {(p[0], p[1]): p[2] for p in pred}
        for g in gold.ents:
            if g[2] not in labels:
                continue
            if (g[0], g[1]) in by_offsets:
                table[g[2]][by_offsets[(g[0], g[1])]] += 1
            else:
                over = _overlapping(g, pred)
                table[g[2]][f"{over[0][2]} (boundary)" if over else MISSED] += 1
        for p in pred:
            if not _overlapping(p, gold.ents):
                table[SPURIOUS][p[2]] += 1
    return {row: dict(cols) for row, cols in table.items()}


def _context(text: str, start: int, end: int, window: int) -> str:
    left = " ".join(text[max(0, start - window) : start].split())
    right = " ".join(text[end : end + window].split())
    return f"…{left} [{' '.join(text[start:end].split())}] {right}…"


def error_patterns(golds, preds, n: int = 20, window: int = 40) -> List[dict]:
    """The n most frequent (kind, label, text) errors over entities and triggers, with one context each.

    kinds: missed (no overlapping prediction), spurious (no overlapping gold), boundary
    (overlap with the same label, other offsets), wrong label (overlap, other label).
    """
    counts: Counter = Counter()
    examples: Dict[tuple, dict] = {}
    for gold, (ents, events, _) in zip(golds, preds):
        for gold_spans, pred_spans in ((gold.ents, ents), (gold.events, events)):
            g_set, p_set = set(map(tuple, gold_spans)), set(map(tuple, pred_spans))
            for g in g_set - p_set:
                over = _overlapping(g, p_set)
                kind = "missed" if not over else ("boundary" if any(o[2] == g[2] for o in over) else "wrong label")
                predicted = ", ".join(sorted(f"{' '.join(gold.text[o[0]:o[1]].split())} ({o[2]})" for o in over))
                key = (kind, g[2], " ".join(gold.text[g[0] : g[1]].split()))
                counts[key] += 1
                examples.setdefault(key, {"doc": gold.id, "context": _context(gold.text, g[0], g[1], window),
                                          "predicted": predicted})
            for p in p_set - g_set:
                if _overlapping(p, g_set):
                    continue
                key = ("spurious", p[2], " ".join(gold.text[p[0] : p[1]].split()))
                counts[key] += 1
                examples.setdefault(key, {"doc": gold.id, "context": _context(gold.text, p[0], p[1], window),
                                          "predicted": p[2]})
    return [
        {"kind": k[0], "label": k[1], "text": k[2], "count": c, **examples[k]} for k, c in counts.most_common(n)
    ]


def bootstrap_ci(
    golds,
    preds,
    group: Optional[Callable[[str], str]] = None,
    n: int = 1000,
    seed: int = 0,
) -> Dict[str, List[float]]:
    """95% intervals of entity and trigger micro F1, resampling groups of documents.

    `group` maps a document id to its resampling unit (default: the document itself; for
    the real filings, the company's CIK), so that documents of one company, which share
    names and layouts, are not counted as independent evidence.
    """
    per_doc = []
    for gold, (ents, events, _) in zip(golds, preds):
        per_doc.append((count_spans(gold.ents, ents, ENTITY_LABELS), count_spans(gold.events, events, EVENT_LABELS)))
    units: Dict[str, List[int]] = defaultdict(list)
    for i, gold in enumerate(golds):
        units[group(gold.id) if group else gold.id].append(i)
    keys = sorted(units)
    rng = random.Random(seed)
    samples = {"ents": [], "events": []}
    for _ in range(n):
        ent_c, ev_c = Counter(), Counter()
        for key in (rng.choice(keys) for _ in keys):
            for i in units[key]:
                ent_c.update(per_doc[i][0])
                ev_c.update(per_doc[i][1])
        samples["ents"].append(span_table(ent_c, ENTITY_LABELS)["micro"]["f"])
        samples["events"].append(span_table(ev_c, EVENT_LABELS)["micro"]["f"])
    out = {}
    for part, values in samples.items():
        values.sort()
        out[part] = [round(values[int(0.025 * (n - 1))], 4), round(values[int(0.975 * (n - 1))], 4)]
    return out


def company_of(doc_id: str) -> str:
    """The CIK at the start of a real-filings file name ("1000685_8K_1997_..." -> "1000685")."""
    return doc_id.split("_", 1)[0]
