from sec_events.benchmark import part_kind, table, triggers_by_part


def _line(documents, events):
    return {"documents": [{"type": t, "chars": n} for t, n in documents],
            "events": [{"document": d} for d in events]}


def test_part_kinds_follow_the_exhibit_types():
    kinds = [part_kind(t) for t in ("EX-10.1", "EX-4", "EX-2.1", "EX-99.1", "8-K", "8-K/A", "EX-21", "EX-23.1", None)]
    assert kinds == ["contract"] * 3 + ["press release", "report", "report", "other", "other", "other"]


def test_triggers_per_100k_characters_by_part_kind():
    lines = [_line([("8-K", 20_000), ("EX-10.1", 150_000)], [0, 1, 1, 1]),
             _line([("8-K", 30_000), ("EX-99.1", 10_000), ("EX-4.2", 50_000)], [1, 1, 2])]
    parts = triggers_by_part(lines)
    assert parts["contract"] == {"chars": 200_000, "triggers": 4, "per_100k_chars": 2.0}
    assert parts["report"] == {"chars": 50_000, "triggers": 1, "per_100k_chars": 2.0}
    assert parts["press release"] == {"chars": 10_000, "triggers": 2, "per_100k_chars": 20.0}
    result = {"rows": [], "extraction": [], "filings": {"folder": "f", "files": 2, "failed": 0, "chars": 260_000,
                                                        "seconds": 1.0, "peak_memory_mb": 300, "triggers_by_part": parts}}
    assert "| contract | 200,000 | 4 | 2.0 |" in table(result)
