"""Two metrics files side by side: per-label F1 before, after and the difference."""

from typing import Iterator

PARTS = ("ents", "events", "records_found", "records_e2e")


def compare_metrics(before: dict, after: dict, system: str = "pipeline") -> Iterator[str]:
    """Lines of a table: part, label, F before, F after, difference (labels of either file)."""
    a, b = before["systems"][system], after["systems"][system]
    yield f"{'part':14s} {'label':24s} {'before':>7s} {'after':>7s} {'diff':>7s}"
    for part in PARTS:
        if part not in a and part not in b:
            continue
        labels = list(dict.fromkeys(list(a.get(part, {})) + list(b.get(part, {}))))
        for label in labels:
            fa = a.get(part, {}).get(label, {}).get("f")
            fb = b.get(part, {}).get(label, {}).get("f")
            diff = f"{fb - fa:+7.3f}" if fa is not None and fb is not None else f"{'':>7s}"
            fmt = lambda v: f"{v:7.3f}" if v is not None else f"{'-':>7s}"
            yield f"{part:14s} {label:24s} {fmt(fa)} {fmt(fb)} {diff}"
