"""Span and record scoring, by the rules of LABELS.md ("Scoring").

Spans are (start_char, end_char, label). Exact: a predicted span is right when offsets and
label equal a gold span. Overlap: precision counts predicted spans that share a character
with a gold span of the same label, recall counts gold spans hit that way. Records: each
argument is a slot (agreement, each party, date, amount), compared after normalization;
"found" uses records whose trigger matches a gold trigger exactly, "e2e" counts every
gold and predicted record.
"""

import re
from collections import Counter
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..labels import ENTITY_LABELS, EVENT_LABELS

Spans = Iterable[Tuple[int, int, str]]
RECORD_ARGS = ("agreement", "parties", "date", "amount")


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def count_spans(gold: Spans, pred: Spans, labels: Sequence[str], counts: Optional[Counter] = None) -> Counter:
    """Add exact and overlap counts per label to `counts` (a new Counter if None)."""
    counts = Counter() if counts is None else counts
    gold_set, pred_set = set(map(tuple, gold)), set(map(tuple, pred))
    for label in labels:
        g = {s for s in gold_set if s[2] == label}
        p = {s for s in pred_set if s[2] == label}
        tp = len(g & p)
        counts[label, "tp"] += tp
        counts[label, "fp"] += len(p) - tp
        counts[label, "fn"] += len(g) - tp
        counts[label, "gold"] += len(g)
        counts[label, "pred"] += len(p)
        counts[label, "gold_hit"] += sum(any(_overlaps(a, b) for b in p) for a in g)
        counts[label, "pred_hit"] += sum(any(_overlaps(a, b) for b in g) for a in p)
    return counts


def prf(tp: float, fp: float, fn: float) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


KEYS = ("tp", "fp", "fn", "gold", "pred", "gold_hit", "pred_hit")


def _row(c: Counter) -> dict:
    """P/R/F, support and overlap F of one label's (or all labels') counts."""
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    op = c["pred_hit"] / c["pred"] if c["pred"] else 0.0
    orr = c["gold_hit"] / c["gold"] if c["gold"] else 0.0
    of = 2 * op * orr / (op + orr) if op + orr else 0.0
    return {"p": p, "r": r, "f": f, "support": c["tp"] + c["fn"], "overlap_f": round(of, 4)}


def span_table(counts: Counter, labels: Sequence[str]) -> Dict[str, dict]:
    """Per-label P/R/F, support and overlap F; then micro and macro averages."""
    rows: Dict[str, dict] = {}
    total = Counter()
    for label in labels:
        per_label = Counter({k: counts[label, k] for k in KEYS})
        total.update(per_label)
        rows[label] = _row(per_label)
    rows["micro"] = _row(total)
    present = [rows[lab] for lab in labels if rows[lab]["support"]]
    rows["macro"] = {
        k: round(sum(row[k] for row in present) / len(present), 4) if present else 0.0
        for k in ("p", "r", "f", "overlap_f")
    }
    return rows


# ---- records ---------------------------------------------------------------------------


def _name(value) -> Optional[str]:
    if isinstance(value, dict):
        value = value.get("text") or value.get("name")
    return " ".join(str(value).split()).lower() if value else None


def _date(value) -> Optional[str]:
    if value is None:
        return None
    m = re.match(r"^(\d{4})(-\d{2})?(-\d{2})?", str(value))
    return m.group(0) if m else str(value).strip().lower()


def _amount(value) -> Optional[Tuple[float, str]]:
    if not isinstance(value, dict) or value.get("value") is None:
        return None
    return float(value["value"]), str(value.get("currency") or "USD").upper()


def record_key(record: dict) -> Tuple[int, int, str]:
    """(start, end, type) of a record's trigger, for gold ([s, e, label]) and predicted forms."""
    trig = record["trigger"]
    if isinstance(trig, dict):
        return trig["start"], trig["end"], record.get("type")
    return trig[0], trig[1], record.get("type") or trig[2]


def record_args(record: dict) -> dict:
    return {
        "agreement": _name(record.get("agreement")),
        "parties": {n for n in (_name(p) for p in record.get("parties") or []) if n},
        "date": _date(record.get("date")),
        "amount": _amount(record.get("amount")),
    }


def _same(arg: str, gold, pred) -> bool:
    if arg == "amount":
        return abs(gold[0] - pred[0]) <= 0.005 * max(abs(gold[0]), 1) and gold[1] == pred[1]
    return gold == pred


def count_records(gold_records: List[dict], pred_records: List[dict], found: Counter, e2e: Counter) -> None:
    """Add slot counts per argument for one document, on found triggers and end to end."""
    gold = {record_key(r): record_args(r) for r in gold_records}
    pred = {record_key(r): record_args(r) for r in pred_records}
    empty = {"agreement": None, "parties": set(), "date": None, "amount": None}
    for key in set(gold) | set(pred):
        g, p = gold.get(key, empty), pred.get(key, empty)
        targets = [e2e, found] if key in gold and key in pred else [e2e]
        for arg in RECORD_ARGS:
            gv, pv = g[arg], p[arg]
            for c in targets:
                if arg == "parties":
                    c[arg, "tp"] += len(gv & pv)
                    c[arg, "fp"] += len(pv - gv)
                    c[arg, "fn"] += len(gv - pv)
                elif gv is not None and pv is not None and _same(arg, gv, pv):
                    c[arg, "tp"] += 1
                else:
                    c[arg, "fp"] += pv is not None
                    c[arg, "fn"] += gv is not None


def record_table(counts: Counter) -> Dict[str, dict]:
    rows, total = {}, Counter()
    for arg in RECORD_ARGS:
        tp, fp, fn = counts[arg, "tp"], counts[arg, "fp"], counts[arg, "fn"]
        total.update(tp=tp, fp=fp, fn=fn)
        p, r, f = prf(tp, fp, fn)
        rows[arg] = {"p": p, "r": r, "f": f, "support": tp + fn}
    p, r, f = prf(total["tp"], total["fp"], total["fn"])
    rows["micro"] = {"p": p, "r": r, "f": f, "support": total["tp"] + total["fn"]}
    return rows


# ---- event links (LABELS.md, "One event, several mentions") ------------------------------


def _links(records: List[dict]) -> set:
    """Pairs of trigger keys whose records carry the same `event` id."""
    by_event: Dict[object, list] = {}
    for record in records:
        if record.get("event") is not None:
            by_event.setdefault(record["event"], []).append(record_key(record))
    return {tuple(sorted((a, b))) for keys in by_event.values() for i, a in enumerate(keys) for b in keys[i + 1 :]}


def count_links(gold_records: List[dict], pred_records: List[dict], found: Counter, e2e: Counter) -> None:
    """Add link counts for one document: on found triggers (both triggers gold and predicted) and end to end."""
    gold, pred = _links(gold_records), _links(pred_records)
    both = {record_key(r) for r in gold_records} & {record_key(r) for r in pred_records}
    g_found = {link for link in gold if link[0] in both and link[1] in both}
    p_found = {link for link in pred if link[0] in both and link[1] in both}
    for counts, g, p in ((found, g_found, p_found), (e2e, gold, pred)):
        counts["links", "tp"] += len(g & p)
        counts["links", "fp"] += len(p - g)
        counts["links", "fn"] += len(g - p)


def links_table(counts: Counter) -> dict:
    p, r, f = prf(counts["links", "tp"], counts["links", "fp"], counts["links", "fn"])
    return {"p": p, "r": r, "f": f, "support": counts["links", "tp"] + counts["links", "fn"]}


# ---- all counts of a document -----------------------------------------------------------


def doc_counts(gold, pred: tuple) -> Dict[str, Counter]:
    """The counts of one document (a GoldDoc and its (ents, events, records) prediction): entities, events and, when gold has records, record
    arguments (on found triggers, end to end) and event links (when gold records carry `event`)."""
    ents, events, records = pred
    counts = {
        "ents": count_spans(gold.ents, ents, ENTITY_LABELS),
        "events": count_spans(gold.events, events, EVENT_LABELS),
    }
    if gold.records is not None:
        counts["records_found"], counts["records_e2e"] = Counter(), Counter()
        count_records(gold.records, records, counts["records_found"], counts["records_e2e"])
        if any(r.get("event") is not None for r in gold.records):
            counts["event_links_found"], counts["event_links_e2e"] = Counter(), Counter()
            count_links(gold.records, records, counts["event_links_found"], counts["event_links_e2e"])
    return counts


def tables(counts: Dict[str, Counter]) -> dict:
    """Score tables from summed counts (the parts present in `counts`)."""
    render = {"ents": lambda c: span_table(c, ENTITY_LABELS), "events": lambda c: span_table(c, EVENT_LABELS),
              "records_found": record_table, "records_e2e": record_table,
              "event_links_found": links_table, "event_links_e2e": links_table}
    return {part: render[part](c) for part, c in counts.items()}


def sum_counts(per_doc: Iterable[Dict[str, Counter]]) -> Dict[str, Counter]:
    """The counts of several documents added up; entities and events are always there."""
    total: Dict[str, Counter] = {"ents": Counter(), "events": Counter()}
    for counts in per_doc:
        for part, c in counts.items():
            total.setdefault(part, Counter()).update(c)
    return total
