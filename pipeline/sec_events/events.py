"""One event, several mentions (LABELS.md): which records state the same event, and one row per event.

Records are the plain dicts of `doc._.events`. Two groups of records state one event when they
have the same type, the same named agreement (compared case- and space-insensitively) and no two
different dates; without a named agreement, only the same type and the same day of the same
month and year join them (otherwise, "when in doubt, keep records apart"). The event assembler links the mentions of one document this way, and the extraction
links the mentions of a filing's several document parts (8-K body, press release) the same way.
"""

from typing import Dict, List, Optional, Sequence

FIELDS = ("type", "agreement", "parties", "date", "amount")


def _key(record: dict) -> Optional[str]:
    return " ".join(record["agreement"].split()).lower() if record.get("agreement") else None


def _date(records: Sequence[dict], group: List[int]) -> Optional[str]:
    return next((records[i]["date"] for i in group if records[i].get("date")), None)


def _same(records: Sequence[dict], a: List[int], b: List[int]) -> bool:
    first_a, first_b = records[a[0]], records[b[0]]
    if first_a["type"] != first_b["type"] or _key(first_a) != _key(first_b):
        return False
    date_a, date_b = _date(records, a), _date(records, b)
    if _key(first_a) is None:  # an unnamed agreement: only the same day says it is the same event
        return date_a is not None and date_a == date_b and len(date_a) == 10
    return date_a is None or date_b is None or date_a == date_b


def link_events(records: Sequence[dict], groups: Optional[List[List[int]]] = None) -> List[List[int]]:
    """Merge `groups` (lists of record indexes already known to state one event; by default each
    record alone) that state the same event, set each record's `event` to its group's number in
    order of first mention, and return the groups in that order."""
    merged: List[List[int]] = []
    by_kind: Dict[tuple, List[List[int]]] = {}  # (type, agreement) -> its groups: only those can be one event
    for group in sorted(groups if groups is not None else [[i] for i in range(len(records))], key=min):
        kind = (records[group[0]]["type"], _key(records[group[0]]))
        target = next((m for m in by_kind.get(kind, []) if _same(records, m, group)), None)
        if target is None:
            merged.append(sorted(group))
            by_kind.setdefault(kind, []).append(merged[-1])
        else:
            target[:] = sorted(target + group)
    merged.sort(key=min)
    for number, group in enumerate(merged):
        for i in group:
            records[i]["event"] = number
    return merged


def _most_complete(values: List) -> object:
    """The value with the most to it: the longest name or date, the longest party list, the first amount."""
    present = [v for v in values if v]
    if not present:
        return [] if isinstance(next(iter(values), None), list) else None
    if isinstance(present[0], dict):
        return present[0]
    return max(present, key=len)


def event_rows(records: Sequence[dict]) -> List[Dict]:
    """One row per event of records carrying `event`: type, agreement, parties, date and amount
    merged from its mentions (the most complete value wins), and the indexes of its mentions."""
    by_event: Dict[int, List[int]] = {}
    for i, record in enumerate(records):
        by_event.setdefault(record["event"], []).append(i)
    rows = []
    for event in sorted(by_event):
        mentions = by_event[event]
        row = {"event": event}
        for field in FIELDS:
            values = [records[i][field] for i in mentions]
            row[field] = values[0] if field == "type" else _most_complete(values)
        row["mentions"] = mentions
        rows.append(row)
    return rows
