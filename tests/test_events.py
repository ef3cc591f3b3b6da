"""One event, several mentions: linking records (LABELS.md) and one row per event."""

from sec_events.events import event_rows, link_events


def _rec(type_, agreement, date, parties=(), amount=None):
    return {"type": f"AGREEMENT_{type_}", "agreement": agreement, "parties": list(parties), "date": date,
            "amount": amount}


def test_same_type_agreement_and_date_is_one_event_numbered_by_first_mention():
    records = [
        _rec("TERMINATION", "Office Lease", None),
        _rec("ENTRY", "Supply Agreement", "2021-03-04"),
        _rec("ENTRY", "supply  agreement", None),  # an undated mention of the same entry
        _rec("ENTRY", "Supply Agreement", "2021-03-04"),
        _rec("AMENDMENT", "Supply Agreement", "2021-03-04"),  # another type: another event
    ]
    groups = link_events(records)
    assert [r["event"] for r in records] == [0, 1, 1, 1, 2]
    assert groups == [[0], [1, 2, 3], [4]]


def test_different_dates_are_different_events():
    records = [_rec("AMENDMENT", "Credit Agreement", "2019-05-01"), _rec("AMENDMENT", "Credit Agreement", "2020-06-30"),
               _rec("AMENDMENT", "Credit Agreement", "2020-06-30")]
    link_events(records)
    assert [r["event"] for r in records] == [0, 1, 1]


def test_unnamed_agreements_join_only_on_the_same_day():
    records = [_rec("ENTRY", None, "2018-02-09"), _rec("ENTRY", None, "2018-02-09"), _rec("ENTRY", None, "2018-02"),
               _rec("ENTRY", None, "2018-02"), _rec("ENTRY", None, None), _rec("ENTRY", None, None)]
    link_events(records)
    assert [r["event"] for r in records] == [0, 0, 1, 2, 3, 4]


def test_unnamed_mention_joins_the_one_named_agreement_signed_that_day():
    records = [_rec("ENTRY", None, "2018-10-14"),  # "today announced that it has signed a definitive agreement"
               _rec("ENTRY", "Agreement and Plan of Merger", "2018-10-14"), _rec("ENTRY", None, "2018-10-15"),
               _rec("ENTRY", "Voting Agreement", "2018-11-02"), _rec("ENTRY", "Escrow Agreement", "2018-11-02"),
               _rec("ENTRY", None, "2018-11-02"),  # two agreements signed that day: which one is unknown
               _rec("TERMINATION", None, "2018-10-14")]  # another type
    link_events(records)
    assert [r["event"] for r in records] == [0, 0, 1, 2, 3, 4, 5]


def test_given_groups_are_kept_and_merged():
    records = [_rec("ENTRY", None, None), _rec("ENTRY", "Loan Agreement", None), _rec("ENTRY", None, None),
               _rec("ENTRY", "Loan Agreement", "2017-01-05")]
    link_events(records, [[0, 2], [1], [3]])  # 0 and 2 known to be one event (a heading and its body)
    assert [r["event"] for r in records] == [0, 1, 0, 1]


def test_event_rows_merge_mentions_the_most_complete_value_winning():
    usd = {"value": 2.5e6, "currency": "USD"}
    records = [_rec("ENTRY", "Loan Agreement", None, ["Pell Mining Corp."]),
               _rec("ENTRY", "Term Loan Agreement", "2017-01-05", ["Pell Mining Corp.", "Ostrava Bank AG"], usd),
               _rec("TERMINATION", None, None)]
    for record, event in zip(records, (0, 0, 1)):
        record["event"] = event
    rows = event_rows(records)
    assert rows == [
        {"event": 0, "type": "AGREEMENT_ENTRY", "agreement": "Term Loan Agreement",
         "parties": ["Pell Mining Corp.", "Ostrava Bank AG"], "date": "2017-01-05", "amount": usd, "mentions": [0, 1]},
        {"event": 1, "type": "AGREEMENT_TERMINATION", "agreement": None, "parties": [], "date": None, "amount": None,
         "mentions": [2]},
    ]


def test_groups_of_one_source_stay_apart():
    """A filing's parts: what one document's linking kept apart stays apart; across documents the
    same event joins."""
    records = [_rec("AMENDMENT", "Lease", None), _rec("AMENDMENT", "Lease", "2014-10-02"),
               _rec("AMENDMENT", "Lease", "2014-10-02")]
    groups = [[0], [1], [2]]
    link_events(records, groups, sources=["body", "body", "release"])
    assert [r["event"] for r in records] == [0, 1, 0]
    link_events(records, groups)  # without sources the undated mention joins the first dated one
    assert [r["event"] for r in records] == [0, 0, 0]
