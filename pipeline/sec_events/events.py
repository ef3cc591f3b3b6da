"""One event, several mentions (LABELS.md): which records state the same event, and one row per event.

Records are the plain dicts of `doc._.events`. Two groups of records state one event when they
have the same type, the same named agreement (compared case- and space-insensitively) and no two
different dates; without a named agreement, only the same type and the same day of the same
month and year join them (otherwise, "when in doubt, keep records apart"), and a record without
one joins the event of the one named agreement of its type dated that day, when there is one
("today announced that it has signed a definitive agreement" beside the 8-K's "On October 14,
2018, ... entered into an Agreement and Plan of Merger"). The event assembler
links the mentions of one document this way, and the extraction links the mentions of a filing's
several document parts (8-K body, press release) the same way.
"""

from typing import Dict, List, Optional, Sequence, Tuple

FIELDS = ("type", "agreement", "parties", "date", "amount")


def _key(record: dict) -> Optional[str]:
    return " ".join(record["agreement"].split()).lower() if record.get("agreement") else None


def _date(records: Sequence[dict], group: List[int]) -> Optional[str]:
    return next((records[i]["date"] for i in group if records[i].get("date")), None)


class _Kind:
    """The events so far of one (type, agreement): indexed by date, so that linking a record costs
    the same however many records a filing has."""

    def __init__(self, named: bool) -> None:
        self.named = named
        self.events: List[dict] = []  # in order of first mention
        self.dated: Dict[str, dict] = {}  # date -> the first event with that date
        self.undated: List[dict] = []  # events without a date, first first

    def fits(self, event: dict, date: Optional[str]) -> bool:
        if not self.named:
            return date is not None and len(date) == 10 and event["date"] == date
        return event["date"] is None or date is None or event["date"] == date

    def match(self, date: Optional[str], source: object) -> Optional[dict]:
        """The first event a group with this date and from this source belongs to: the same date
        or (named agreements only) none on either side, an unnamed agreement needing the same day;
        never one that already holds a group of the same source (its own linking kept them apart)."""
        if not self.named:
            found = [self.dated.get(date)] if date is not None and len(date) == 10 else []
        elif date is None:
            found = self.events[:1]
        else:
            found = [self.dated.get(date), self.undated[0] if self.undated else None]
        found = [e for e in found if e is not None]
        event = min(found, key=lambda e: e["order"]) if found else None
        if event is not None and source is not None and source in event["sources"]:
            event = next((e for e in self.events if self.fits(e, date) and source not in e["sources"]), None)
        return event

    def add(self, event: dict, date: Optional[str]) -> None:
        """Record `event` (new, or just given `date`)."""
        if not event.get("listed"):
            event["listed"] = True
            self.events.append(event)
        if date is None:
            self.undated.append(event)
            return
        self.undated = [e for e in self.undated if e is not event]
        if date not in self.dated or self.dated[date]["order"] > event["order"]:
            self.dated[date] = event


def link_events(records: Sequence[dict], groups: Optional[List[List[int]]] = None,
                sources: Optional[Sequence[object]] = None, apart: Optional[Sequence[bool]] = None) -> List[List[int]]:
    """Merge `groups` (lists of record indexes already known to state one event; by default each
    record alone) that state the same event, set each record's `event` to its group's number in
    order of first mention, and return the groups in that order. Groups of one of `sources` (one
    per group: the document they were linked in) are not merged with each other; groups marked
    `apart` (one flag per group) are merged with none."""
    events: List[dict] = []
    kinds: Dict[tuple, _Kind] = {}
    groups = groups if groups is not None else [[i] for i in range(len(records))]
    sources = sources if sources is not None else [None] * len(groups)
    apart = apart if apart is not None else [False] * len(groups)
    named_on: Dict[Tuple[str, str], List[dict]] = {}  # (type, day) -> the events of named agreements dated that day
    # named agreements first: an unnamed mention of the day one of them was signed joins it
    for group, source, alone in sorted(zip(groups, sources, apart),
                                       key=lambda gs: (_key(records[min(gs[0])]) is None, min(gs[0]))):
        first = records[min(group)]
        if alone:
            events.append({"members": list(group), "order": len(events)})
            continue
        key = (first["type"], _key(first))
        kind = kinds.setdefault(key, _Kind(named=key[1] is not None))
        date = _date(records, sorted(group))
        event = kind.match(date, source)
        if key[1] is None and date is not None and len(date) == 10:
            same_day = named_on.get((key[0], date), [])
            if len(same_day) == 1 and (source is None or source not in same_day[0]["sources"]):
                event = same_day[0]
        if event is None:
            event = {"members": list(group), "date": date, "order": len(events), "sources": {source}}
            events.append(event)
            kind.add(event, date)
        else:
            event["members"] += group
            event["sources"].add(source)
            if event["date"] is None and date is not None:
                event["date"] = date
                kind.add(event, date)
        if key[1] is not None and event["date"] and len(event["date"]) == 10:
            day = named_on.setdefault((key[0], event["date"]), [])
            if all(e is not event for e in day):
                day.append(event)
    merged = sorted((sorted(e["members"]) for e in events), key=min)
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
