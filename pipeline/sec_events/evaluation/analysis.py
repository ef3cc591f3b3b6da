"""What the scores hide: a confusion table, the most frequent error patterns with their
context, and bootstrap confidence intervals over documents or companies."""

import random
from collections import Counter, defaultdict
from typing import Callable, Dict, List, Optional, Sequence

from ..labels import ENTITY_LABELS
from .scores import doc_counts, sum_counts, tables

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


def _classified(golds, preds):
    """(gold, kind, label, span) for every error of entities and triggers, by the kinds of `error_patterns`."""
    for gold, (ents, events, _) in zip(golds, preds):
        for gold_spans, pred_spans in ((gold.ents, ents), (gold.events, events)):
            g_set, p_set = set(map(tuple, gold_spans)), set(map(tuple, pred_spans))
            for g in sorted(g_set - p_set):
                over = _overlapping(g, p_set)
                kind = "missed" if not over else ("boundary" if any(o[2] == g[2] for o in over) else "wrong label")
                yield gold, kind, g[2], g, over
            for p in sorted(p_set - g_set):
                if not _overlapping(p, g_set):
                    yield gold, "spurious", p[2], p, []


def error_patterns(golds, preds, n: int = 20, window: int = 40) -> List[dict]:
    """The n most frequent (kind, label, text) errors over entities and triggers, with one context each.

    kinds: missed (no overlapping prediction), spurious (no overlapping gold), boundary
    (overlap with the same label, other offsets), wrong label (overlap, other label).
    """
    counts: Counter = Counter()
    examples: Dict[tuple, dict] = {}
    for gold, kind, label, span, over in _classified(golds, preds):
        key = (kind, label, " ".join(gold.text[span[0] : span[1]].split()))
        counts[key] += 1
        predicted = label if kind == "spurious" else ", ".join(
            sorted(f"{' '.join(gold.text[o[0]:o[1]].split())} ({o[2]})" for o in over))
        examples.setdefault(key, {"doc": gold.id, "context": _context(gold.text, span[0], span[1], window),
                                  "predicted": predicted})
    return [
        {"kind": k[0], "label": k[1], "text": k[2], "count": c, **examples[k]} for k, c in counts.most_common(n)
    ]


def error_kinds(golds, preds, window: int = 30) -> List[dict]:
    """Every (kind, label) of error with its count and share of all errors, and one short context
    (the first in document order), most frequent first: what the model gets wrong most."""
    counts: Counter = Counter()
    examples: Dict[tuple, str] = {}
    for gold, kind, label, span, _ in _classified(golds, preds):
        counts[kind, label] += 1
        examples.setdefault((kind, label), _context(gold.text, span[0], span[1], window))
    total = sum(counts.values()) or 1
    return [{"kind": k, "label": lab, "count": c, "share": round(c / total, 3), "context": examples[k, lab]}
            for (k, lab), c in counts.most_common()]


def error_views(golds, preds, n: int = 3, width: int = 1200) -> List[dict]:
    """Excerpts of the `n` documents with the most errors (one per company where possible): the
    `width` characters, cut at line breaks, holding the most errors, with gold and predicted
    entities and triggers (offsets into the excerpt), for displaCy views."""
    scored = []
    for gold, (ents, events, _) in zip(golds, preds):
        wrong = sorted({s[0] for s in set(map(tuple, gold.ents + gold.events)) ^ set(map(tuple, list(ents) + list(events)))})
        if wrong:
            within = {s: sum(s <= w < s + width for w in wrong) for s in wrong}  # errors in the window from s
            best = max(wrong, key=within.get)
            scored.append((within[best], gold, best, ents, events))
    scored.sort(key=lambda x: (-x[0], x[1].id))
    views, companies = [], set()
    for count, gold, first, ents, events in scored:
        if len(views) == n:
            break
        if company_of(gold.id) in companies and len(scored) > n:
            continue
        companies.add(company_of(gold.id))
        start = gold.text.rfind("\n", 0, max(first - 100, 0)) + 1
        end = gold.text.find("\n", min(start + width, len(gold.text)))
        end = len(gold.text) if end == -1 else end

        def inside(spans):
            return [[s - start, e - start, lab] for s, e, lab in spans if start <= s and e <= end]

        views.append({"doc": gold.id, "start": start, "errors": count, "text": gold.text[start:end],
                      "gold": inside(list(gold.ents) + list(gold.events)), "predicted": inside(list(ents) + list(events))})
    return views


def _interval(values: List[float]) -> List[float]:
    values = sorted(values)
    n = len(values)
    return [round(values[int(0.025 * (n - 1))], 4), round(values[int(0.975 * (n - 1))], 4)]


def bootstrap_ci(
    golds,
    preds,
    group: Optional[Callable[[str], str]] = None,
    n: int = 1000,
    seed: int = 0,
) -> Dict[str, object]:
    """95% intervals of every micro F1 the scores have (entities, triggers, record arguments,
    event links) and, under "labels", of each label's and record argument's F1 (over the samples
    where it has support), resampling groups of documents.

    `group` maps a document id to its resampling unit (default: the document itself; for
    the real filings, the company's CIK), so that documents of one company, which share
    names and layouts, are not counted as independent evidence.
    """
    per_doc = [doc_counts(gold, pred) for gold, pred in zip(golds, preds)]
    units: Dict[str, List[int]] = defaultdict(list)
    for i, gold in enumerate(golds):
        units[group(gold.id) if group else gold.id].append(i)
    keys = sorted(units)
    rng = random.Random(seed)
    samples: Dict[str, List[float]] = defaultdict(list)
    per_label: Dict[str, List[float]] = defaultdict(list)
    for _ in range(n):
        sample = sum_counts(per_doc[i] for key in (rng.choice(keys) for _ in keys) for i in units[key])
        for part, table in tables(sample).items():
            samples[part].append(table["micro"]["f"] if "micro" in table else table["f"])
            if part in ("ents", "events", "records_e2e", "records_found"):
                for name, row in table.items():
                    if name not in ("micro", "macro") and row["support"]:
                        per_label[f"{part}:{name}"].append(row["f"])
    out: Dict[str, object] = {part: _interval(values) for part, values in samples.items()}
    out["labels"] = {name: _interval(values) for name, values in per_label.items()}
    return out


def company_of(doc_id: str) -> str:
    """The CIK at the start of a real-filings file name ("1000685_8K_1997_..." -> "1000685")."""
    return doc_id.split("_", 1)[0]
