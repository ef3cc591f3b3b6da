import json

import pytest
import spacy

from sec_events.tokenizer import blank

from ..conftest import SEED, requires


@pytest.fixture(scope="module")
def assembler():
    return blank().add_pipe("sec_event_assembler")


def records(assembler, doc):
    return {r["trigger"]["text"]: r for r in assembler(doc)._.events}


TWO_AGREEMENTS = (
    "Date of Report: May 2, 2022\n\nHalden Robotics, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
    "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
    'On May 2, 2022, Halden Robotics, Inc. (the "Company") entered into a Credit Agreement (the "Agreement") '
    'with Keystone National Bank, N.A. ("Keystone") and Ridge Capital LLC providing for a $75 million revolving facility. '
    "The Company paid Keystone an upfront fee of $562,500. "
    "The Company also terminated its Loan and Security Agreement, dated as of August 14, 2019, with Three Rivers Finance LLC. "
    "The Agreement expires on May 2, 2027."
)
TWO_ENTS = [
    ("May 2, 2022", "DATE"), ("Halden Robotics, Inc.", "ORG"), ("May 2, 2022", "DATE"),
    ("Halden Robotics, Inc.", "ORG"), ("Credit Agreement", "AGREEMENT"), ("Agreement", "AGREEMENT"),
    ("Keystone National Bank, N.A.", "ORG"), ("Keystone", "ORG"), ("Ridge Capital LLC", "ORG"),
    ("$75 million", "MONEY"), ("Keystone", "ORG"), ("$562,500", "MONEY"),
    ("Loan and Security Agreement", "AGREEMENT"), ("August 14, 2019", "DATE"),
    ("Three Rivers Finance LLC", "ORG"), ("Agreement", "AGREEMENT"), ("May 2, 2027", "DATE"),
]
TWO_EVENTS = [("Entry", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"),
              ("terminated", "AGREEMENT_TERMINATION"), ("expires", "AGREEMENT_TERMINATION")]


def test_two_agreements_three_organizations(make_doc, assembler):
    recs = records(assembler, make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS))
    entry = recs["entered into"]
    assert entry["type"] == "AGREEMENT_ENTRY"
    assert entry["agreement"] == "Credit Agreement"
    assert set(entry["parties"]) == {"Halden Robotics, Inc.", "Keystone National Bank, N.A.", "Ridge Capital LLC"}
    assert entry["date"] == "2022-05-02"
    assert entry["amount"] == {"value": 75e6, "currency": "USD"}
    ended = recs["terminated"]
    assert ended["agreement"] == "Loan and Security Agreement"
    assert set(ended["parties"]) == {"Halden Robotics, Inc.", "Three Rivers Finance LLC"}
    assert ended["amount"] is None


def test_defined_short_name_resolves_to_full_name(make_doc, assembler):
    recs = records(assembler, make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS))
    expiry = recs["expires"]
    assert expiry["agreement"] == "Credit Agreement"
    assert expiry["date"] == "2027-05-02"
    assert set(expiry["parties"]) == {"Halden Robotics, Inc.", "Keystone National Bank, N.A.", "Ridge Capital LLC"}


def test_item_heading_takes_the_items_main_record(make_doc, assembler):
    recs = records(assembler, make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS))
    heading, body = recs["Entry"], recs["entered into"]
    assert {k: heading[k] for k in ("agreement", "parties", "date", "amount")} == {
        k: body[k] for k in ("agreement", "parties", "date", "amount")
    }


def test_alias_resolves_to_most_complete_name(make_doc, assembler):
    doc = make_doc(
        "Brightwater Pharmaceuticals Corp. licensed BW-1. On March 1, 2020, Brightwater and Osterlund AG "
        "amended the License Agreement.",
        [("Brightwater Pharmaceuticals Corp.", "ORG"), ("March 1, 2020", "DATE"), ("Brightwater", "ORG"),
         ("Osterlund AG", "ORG"), ("License Agreement", "AGREEMENT")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert set(rec["parties"]) == {"Brightwater Pharmaceuticals Corp.", "Osterlund AG"}
    assert rec["date"] == "2020-03-01"



def test_a_short_name_after_a_possessive_is_not_the_possessors(make_doc, assembler):
    """"Brightwater's Rapid Fold (RF) process": RF names the process; an entity tagged there
    stays itself and does not become a second name of Brightwater."""
    doc = make_doc(
        "On March 1, 2020, Brightwater Pharmaceuticals Corp. and Osterlund AG extended the License Agreement, "
        "which covers Brightwater's Rapid Fold (RF) process. RF runs in Basel.",
        [("March 1, 2020", "DATE"), ("Brightwater Pharmaceuticals Corp.", "ORG"), ("Osterlund AG", "ORG"),
         ("License Agreement", "AGREEMENT"), ("Brightwater", "ORG"), ("RF", "ORG")],
        [("extended", "AGREEMENT_EXTENSION")],
    )
    (rec,) = assembler(doc)._.events
    assert "Brightwater" not in rec["parties"] and rec["parties"].count("Brightwater Pharmaceuticals Corp.") == 1

def test_amendment_document_points_to_the_amended_agreement(make_doc, assembler):
    doc = make_doc(
        "On July 30, 2021, Velox Inc. entered into the Third Amendment to Credit Agreement, which amended the "
        "Third Amendment to Credit Agreement terms.",
        [("July 30, 2021", "DATE"), ("Velox Inc.", "ORG"), ("Third Amendment to Credit Agreement", "AGREEMENT"),
         ("Third Amendment to Credit Agreement", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    recs = records(assembler, doc)
    assert recs["entered into"]["agreement"] == "Third Amendment to Credit Agreement"
    assert recs["amended"]["agreement"] == "Credit Agreement"


def test_registrant_joins_when_the_company_is_a_party(make_doc, assembler):
    doc = make_doc(
        "ACME WIDGETS, INC.\n(Exact name of registrant as specified in its charter)\n\n"
        "The Company entered into a Supply Agreement with Delta Parts LLC.",
        [("ACME WIDGETS, INC.", "ORG"), ("Supply Agreement", "AGREEMENT"), ("Delta Parts LLC", "ORG")],
        [("entered into", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert set(rec["parties"]) == {"ACME WIDGETS, INC.", "Delta Parts LLC"}
    assert rec["date"] is None and rec["amount"] is None


def test_names_defined_with_hereinafter_resolve_to_their_full_names(make_doc, assembler):
    doc = make_doc(
        "TALLOW CREEK FOODS, INC.\n(Exact name of registrant as specified in its charter)\n\n"
        'Tallow Creek Foods, Inc. (hereinafter the "Company") and Marden Packaging Co. (hereinafter referred to as '
        '"Marden") signed a Supply Agreement (hereinafter the "Contract"). The Company terminated the Contract '
        "on March 3, 1998.",
        [("TALLOW CREEK FOODS, INC.", "ORG"), ("Tallow Creek Foods, Inc.", "ORG"), ("Marden Packaging Co.", "ORG"),
         ("Marden", "ORG"), ("Supply Agreement", "AGREEMENT"), ("Contract", "AGREEMENT"), ("Contract", "AGREEMENT"),
         ("March 3, 1998", "DATE")],
        [("signed", "AGREEMENT_ENTRY"), ("terminated", "AGREEMENT_TERMINATION")],
    )
    recs = records(assembler, doc)
    assert recs["terminated"]["agreement"] == "Supply Agreement"
    assert set(recs["signed"]["parties"]) == {"Tallow Creek Foods, Inc.", "Marden Packaging Co."}


def test_no_triggers_no_records(make_doc, assembler):
    assert assembler(make_doc("Acme Corp. reported earnings.", [("Acme Corp.", "ORG")]))._.events == []
    assert assembler(make_doc(""))._.events == []


def test_records_are_json_ready_and_cross_processes(make_doc):
    nlp = blank()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sec_event_assembler")
    doc = make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS)
    json.dumps(nlp.get_pipe("sec_event_assembler")(doc)._.events)
    docs = list(nlp.pipe([TWO_AGREEMENTS] * 4, n_process=2, batch_size=1))
    assert all(d._.events == [] for d in docs)  # no ents or triggers without trained components


def test_assembler_loads_without_import(tmp_path):
    import subprocess
    import sys

    nlp = blank()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sec_event_assembler")
    nlp.to_disk(tmp_path)
    code = f"import spacy; nlp = spacy.load({str(tmp_path)!r}); print(nlp.pipe_names, nlp('x')._.events)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "event_assembler" in out and "[]" in out


@requires(SEED, "the seed filing")
def test_seed_records_from_gold_spans_are_exact(nlp):
    from sec_events.evaluation.scores import count_records, record_table
    from collections import Counter

    (text_path,) = SEED.glob("*.txt")
    gold = json.loads((SEED / "gold" / f"{text_path.stem}.json").read_text())
    gold_records = json.loads((SEED / "records" / f"{text_path.stem}.json").read_text())["records"]
    pipe = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "sec_events.tokenizer.v1"}}})
    pipe.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    pipe.add_pipe("sec_event_assembler")
    doc = pipe.make_doc(text_path.read_text(encoding="utf-8"))
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in gold["ents"]]
    doc.spans["events"] = [doc.char_span(s, e, label=l) for s, e, l in gold["events"]]
    for _, proc in pipe.pipeline:
        doc = proc(doc)
    found, e2e = Counter(), Counter()
    count_records(gold_records, doc._.events, found, e2e)
    assert record_table(e2e)["micro"]["f"] == 1.0


def test_records_follow_the_json_schema(make_doc, assembler):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("sec_events").joinpath("schemas", "record.schema.json").read_text())
    records = assembler(make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS))._.events
    assert len(records) == 4
    for record in records:
        jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**records[0], "date": "May 2"}, schema)


def test_heading_takes_the_record_of_its_own_type(make_doc, assembler):
    text = (
        "Item 1.02 Termination of a Material Definitive Agreement.\n\n"
        "On December 3, 2018, Orrin Metals Corp. entered into a Merger Agreement with Pellham Ridge LLC. "
        "On April 11, 2019, Orrin Metals Corp. and Pellham Ridge LLC agreed to terminate the Merger Agreement."
    )
    doc = make_doc(
        text,
        [("December 3, 2018", "DATE"), ("Orrin Metals Corp.", "ORG"), ("Merger Agreement", "AGREEMENT"),
         ("Pellham Ridge LLC", "ORG"), ("April 11, 2019", "DATE"), ("Orrin Metals Corp.", "ORG"),
         ("Pellham Ridge LLC", "ORG"), ("Merger Agreement", "AGREEMENT")],
        [("Termination", "AGREEMENT_TERMINATION"), ("entered into", "AGREEMENT_ENTRY"), ("terminate", "AGREEMENT_TERMINATION")],
    )
    recs = records(assembler, doc)
    assert recs["Termination"]["date"] == recs["terminate"]["date"] == "2019-04-11"
    # the heading is a mention of the termination, the entry another event
    assert recs["Termination"]["event"] == recs["terminate"]["event"] == 0 and recs["entered into"]["event"] == 1


def test_quoted_heading_takes_the_record_of_the_item_it_quotes(make_doc, assembler):
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2021, Orrin Metals Corp. entered into a Credit Agreement with Pellham Ridge LLC.\n\n"
        "Item 2.03 Creation of a Direct Financial Obligation.\n\n"
        'The information under "Item 1.01 Entry into a Material Definitive Agreement" is incorporated here.\n\n'
        "Item 8.01 Other Events.\n\n"
        "On March 8, 2021, Orrin Metals Corp. entered into a Supply Agreement with Tamsin Foods LLC."
    )
    doc = make_doc(
        text,
        [("March 3, 2021", "DATE"), ("Orrin Metals Corp.", "ORG"), ("Credit Agreement", "AGREEMENT"),
         ("Pellham Ridge LLC", "ORG"), ("March 8, 2021", "DATE"), ("Orrin Metals Corp.", "ORG"),
         ("Supply Agreement", "AGREEMENT"), ("Tamsin Foods LLC", "ORG")],
        [("Entry", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"), ("Entry", "AGREEMENT_ENTRY"),
         ("entered into", "AGREEMENT_ENTRY")],
    )
    recs = assembler(doc)._.events
    # the quotation in Item 2.03 is the credit agreement's entry, not the supply agreement's after it
    assert [r["agreement"] for r in recs] == ["Credit Agreement", "Credit Agreement", "Credit Agreement", "Supply Agreement"]
    assert [r["date"] for r in recs] == ["2021-03-03"] * 3 + ["2021-03-08"]
    assert [r["event"] for r in recs] == [0, 0, 0, 1]


def test_a_list_of_items_above_the_bodies_does_not_decide_their_headings(make_doc, assembler):
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement\n"
        "Item 1.02 Termination of a Material Definitive Agreement\n\n"
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2021, Orrin Metals Corp. entered into a Credit Agreement with Pellham Ridge LLC.\n\n"
        "Item 1.02 Termination of a Material Definitive Agreement.\n\n"
        "On March 4, 2021, Orrin Metals Corp. terminated its Loan Agreement with Tamsin Bank."
    )
    doc = make_doc(
        text,
        [("March 3, 2021", "DATE"), ("Orrin Metals Corp.", "ORG"), ("Credit Agreement", "AGREEMENT"),
         ("Pellham Ridge LLC", "ORG"), ("March 4, 2021", "DATE"), ("Orrin Metals Corp.", "ORG"),
         ("Loan Agreement", "AGREEMENT"), ("Tamsin Bank", "ORG")],
        [("Entry", "AGREEMENT_ENTRY"), ("Termination", "AGREEMENT_TERMINATION"), ("Entry", "AGREEMENT_ENTRY"),
         ("entered into", "AGREEMENT_ENTRY"), ("Termination", "AGREEMENT_TERMINATION"),
         ("terminated", "AGREEMENT_TERMINATION")],
    )
    recs = assembler(doc)._.events
    assert [r["agreement"] for r in recs] == ["Credit Agreement", "Credit Agreement", "Credit Agreement",
                                              "Credit Agreement", "Loan Agreement", "Loan Agreement"]
    assert [r["event"] for r in recs] == [0, 1, 0, 0, 2, 2]


def test_amended_by_a_document_names_the_agreement_before(make_doc, assembler):
    text = ("Orrin Metals Corp. sold the division under an Asset Purchase Agreement with Tamsin Foods LLC, "
            "as amended by the First Amendment dated August 27, 1999.")
    doc = make_doc(
        text,
        [("Orrin Metals Corp.", "ORG"), ("Asset Purchase Agreement", "AGREEMENT"), ("Tamsin Foods LLC", "ORG"),
         ("First Amendment", "AGREEMENT"), ("August 27, 1999", "DATE")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["agreement"] == "Asset Purchase Agreement"  # the amending document is its own entry


def test_mentions_of_one_event_share_its_id(make_doc, assembler):
    recs = records(assembler, make_doc(TWO_AGREEMENTS, TWO_ENTS, TWO_EVENTS))
    # heading and body state one entry; the termination and the expiry are two other events
    assert [recs[t]["event"] for t in ("Entry", "entered into", "terminated", "expires")] == [0, 0, 1, 2]


def test_parties_listed_after_an_agreement_count_for_its_records(make_doc, assembler):
    text = (
        "On October 21, 2010, Harlow Tidewater Logistics, Inc. entered into a Loan Agreement with Cordell Ports Bank. "
        "The Loan Agreement expires on October 21, 2012.\n\n"
        "10.1 Loan Agreement, dated as of October 21, 2010, among Harlow Tidewater Logistics, Inc., "
        "Tessaly Composites LLC and Cordell Ports Bank"
    )
    doc = make_doc(
        text,
        [("October 21, 2010", "DATE"), ("Harlow Tidewater Logistics, Inc.", "ORG"), ("Loan Agreement", "AGREEMENT"),
         ("Cordell Ports Bank", "ORG"), ("Loan Agreement", "AGREEMENT"), ("October 21, 2012", "DATE"),
         ("Loan Agreement", "AGREEMENT"), ("October 21, 2010", "DATE"), ("Harlow Tidewater Logistics, Inc.", "ORG"),
         ("Tessaly Composites LLC", "ORG"), ("Cordell Ports Bank", "ORG")],
        [("entered into", "AGREEMENT_ENTRY"), ("expires", "AGREEMENT_TERMINATION")],
    )
    recs = records(assembler, doc)
    everyone = {"Harlow Tidewater Logistics, Inc.", "Tessaly Composites LLC", "Cordell Ports Bank"}
    assert set(recs["entered into"]["parties"]) == everyone
    assert set(recs["expires"]["parties"]) == everyone


def test_release_today_takes_the_dateline_date(make_doc, assembler):
    text = (
        "AUSTIN, Texas--(BUSINESS WIRE)--Nov. 14, 2005--Quillon Aerostructures Corp. (NYSE: QAC) "
        '("Quillon" or "the Company") today announced that it has signed a Supply Agreement with Orrin Metals Corp.'
    )
    doc = make_doc(
        text,
        [("BUSINESS WIRE", "ORG"), ("Nov. 14, 2005", "DATE"), ("Quillon Aerostructures Corp.", "ORG"),
         ("QAC", "TICKER"), ("Quillon", "ORG"), ("Supply Agreement", "AGREEMENT"), ("Orrin Metals Corp.", "ORG")],
        [("signed", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["date"] == "2005-11-14"
    assert set(rec["parties"]) == {"Quillon Aerostructures Corp.", "Orrin Metals Corp."}


@pytest.mark.parametrize("signed, announced", [("November 12, 2005", "2005-11-12"), ("October 2, 2005", "2005-11-14")])
def test_release_today_takes_the_signing_the_filing_dated_days_before(make_doc, assembler, signed, announced):
    text = (
        f"On {signed}, Quillon Aerostructures Corp. entered into a Supply Agreement with Orrin Metals Corp.\n\n"
        "AUSTIN, Texas--(BUSINESS WIRE)--Nov. 14, 2005--Quillon Aerostructures Corp. today announced that it has "
        "signed a multi-year agreement with Orrin Metals Corp."
    )
    doc = make_doc(
        text,
        [(signed, "DATE"), ("Quillon Aerostructures Corp.", "ORG"), ("Supply Agreement", "AGREEMENT"),
         ("Orrin Metals Corp.", "ORG"), ("BUSINESS WIRE", "ORG"), ("Nov. 14, 2005", "DATE"),
         ("Quillon Aerostructures Corp.", "ORG"), ("Orrin Metals Corp.", "ORG")],
        [("entered into", "AGREEMENT_ENTRY"), ("signed", "AGREEMENT_ENTRY")],
    )
    _, release = assembler(doc)._.events
    assert release["date"] == announced  # a signing dated weeks before is another one


def test_dateline_without_wire_service_dates_today_and_the_events_other_mentions(make_doc, assembler):
    text = (
        "WALTHAM, Mass., February 11, 2008 -- Quillon Aerostructures Corp. today said that it has amended its "
        "Supply Agreement with Orrin Metals Corp. Under the amendment, Orrin will ship twice as many castings."
    )
    doc = make_doc(
        text,
        [("February 11, 2008", "DATE"), ("Quillon Aerostructures Corp.", "ORG"), ("Supply Agreement", "AGREEMENT"),
         ("Orrin Metals Corp.", "ORG"), ("Orrin", "ORG")],
        [("amended", "AGREEMENT_AMENDMENT"), ("amendment", "AGREEMENT_AMENDMENT")],
    )
    recs = records(assembler, doc)
    assert recs["amended"]["date"] == recs["amendment"]["date"] == "2008-02-11"
    assert recs["amended"]["event"] == recs["amendment"]["event"] == 0


def test_same_date_takes_the_previous_records_date(make_doc, assembler):
    doc = make_doc(
        "On June 17, 2002, Pellham Ridge LLC entered into an Indenture. "
        "On the same date, Pellham Ridge LLC entered into a Revolving Credit Agreement.",
        [("June 17, 2002", "DATE"), ("Pellham Ridge LLC", "ORG"), ("Indenture", "AGREEMENT"),
         ("Pellham Ridge LLC", "ORG"), ("Revolving Credit Agreement", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY")],
    )
    first, second = assembler(doc)._.events
    assert first["date"] == second["date"] == "2002-06-17"
    assert second["agreement"] == "Revolving Credit Agreement"


def test_amount_is_the_new_amount_and_a_per_share_price_only_alone(make_doc, assembler):
    doc = make_doc(
        "Tessaly Composites LLC amended the Credit Agreement to increase borrowings from $100 million to $125 million "
        "and to set the warrant price at $4.12 per share.",
        [("Tessaly Composites LLC", "ORG"), ("Credit Agreement", "AGREEMENT"), ("$100 million", "MONEY"),
         ("$125 million", "MONEY"), ("$4.12", "MONEY")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["amount"] == {"value": 125e6, "currency": "USD"}
    doc = make_doc(
        "Tessaly Composites LLC amended the exercise price of its warrants to $4.12 per share.",
        [("Tessaly Composites LLC", "ORG"), ("$4.12", "MONEY")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["amount"] == {"value": 4.12, "currency": "USD"}  # the price this amendment sets


def test_a_price_per_unit_is_no_amount(make_doc, assembler):
    doc = make_doc(
        "The First Amendment extends the Office Lease with Pell Street Partners LLC to 2015 and sets base rent for "
        "the added floor at $3.15 per square foot.",
        [("First Amendment", "AGREEMENT"), ("Office Lease", "AGREEMENT"), ("Pell Street Partners LLC", "ORG"),
         ("2015", "DATE"), ("$3.15", "MONEY")],
        [("extends", "AGREEMENT_EXTENSION")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["amount"] is None


def test_lowercase_agreement_with_modifiers_is_not_the_previous_one(make_doc, assembler):
    doc = make_doc(
        "Orrin Metals Corp. terminated the Merger Agreement. "
        "Orrin Metals Corp. also terminated the retention bonus agreements it had with employees.",
        [("Orrin Metals Corp.", "ORG"), ("Merger Agreement", "AGREEMENT"), ("Orrin Metals Corp.", "ORG")],
        [("terminated", "AGREEMENT_TERMINATION"), ("terminated", "AGREEMENT_TERMINATION")],
    )
    first, second = assembler(doc)._.events
    assert first["agreement"] == "Merger Agreement" and second["agreement"] is None


def test_agreement_name_resolves_only_to_a_name_holding_all_its_words(make_doc, assembler):
    doc = make_doc(
        "Corvane Drilling Inc. repaid its Bank Credit Agreement and agreed to terminate that agreement. "
        "Corvane Drilling Inc. entered into a Revolving Credit Agreement. The Credit Agreement was amended in May.",
        [("Corvane Drilling Inc.", "ORG"), ("Bank Credit Agreement", "AGREEMENT"), ("Corvane Drilling Inc.", "ORG"),
         ("Revolving Credit Agreement", "AGREEMENT"), ("Credit Agreement", "AGREEMENT")],
        [("terminate", "AGREEMENT_TERMINATION"), ("entered into", "AGREEMENT_ENTRY"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    ended, entry, amended = assembler(doc)._.events
    assert ended["agreement"] == "Bank Credit Agreement"
    assert entry["agreement"] == "Revolving Credit Agreement"
    assert amended["agreement"] in {"Bank Credit Agreement", "Revolving Credit Agreement"}


def test_sentence_without_organization_takes_the_paragraphs_subject(make_doc, assembler):
    doc = make_doc(
        "Harrow Ridge Freight LLC leases a 40,000 square foot terminal in Joliet, Illinois. "
        "The lease expires on March 31, 2031.\n\n"
        "Marisco Cold Storage Inc. leases two warehouses. The leases expire in 2028.",
        [("Harrow Ridge Freight LLC", "ORG"), ("March 31, 2031", "DATE"), ("Marisco Cold Storage Inc.", "ORG"),
         ("2028", "DATE")],
        [("expires", "AGREEMENT_TERMINATION"), ("expire", "AGREEMENT_TERMINATION")],
    )
    first, second = assembler(doc)._.events
    assert first["parties"] == ["Harrow Ridge Freight LLC"] and first["date"] == "2031-03-31"
    assert second["parties"] == ["Marisco Cold Storage Inc."] and second["date"] == "2028"


REPORT = (
    "Selvane Therapeutics, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
    "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
    "On August 3, 2021, Selvane Therapeutics, Inc. entered into an Agreement and Plan of Merger with "
    "Ostrava Bio Corporation. In connection with the merger, Selvane Therapeutics, Inc. also entered into a Voting "
    "Agreement with Ostrava Bio Corporation. Selvane Therapeutics, Inc. had entered into a Confidentiality Agreement "
    "with Ostrava Bio Corporation."
)
REPORT_ENTS = [("Selvane Therapeutics, Inc.", "ORG"), ("August 3, 2021", "DATE"), ("Selvane Therapeutics, Inc.", "ORG"),
               ("Agreement and Plan of Merger", "AGREEMENT"), ("Ostrava Bio Corporation", "ORG"),
               ("Selvane Therapeutics, Inc.", "ORG"), ("Voting Agreement", "AGREEMENT"), ("Ostrava Bio Corporation", "ORG"),
               ("Selvane Therapeutics, Inc.", "ORG"), ("Confidentiality Agreement", "AGREEMENT"),
               ("Ostrava Bio Corporation", "ORG")]
REPORT_EVENTS = [("Entry", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"),
                 ("entered into", "AGREEMENT_ENTRY")]


def test_undated_event_of_a_current_report_takes_the_reported_transactions_date(make_doc, assembler):
    heading, merger, voting, earlier = assembler(make_doc(REPORT, REPORT_ENTS, REPORT_EVENTS))._.events
    assert merger["date"] == voting["date"] == heading["date"] == "2021-08-03"
    assert voting["agreement"] == "Voting Agreement"
    assert earlier["date"] is None  # "had entered into": before the reported transaction


def test_undated_event_outside_a_current_report_stays_undated(make_doc, assembler):
    text = REPORT.split("\n\n", 2)[2]  # the same sentences, without the cover page
    recs = assembler(make_doc(text, REPORT_ENTS[1:], REPORT_EVENTS[1:]))._.events
    assert [r["date"] for r in recs] == ["2021-08-03", None, None]


def test_agreement_identified_by_its_date_keeps_its_own_name(make_doc, assembler):
    doc = make_doc(
        "Talmadge Signs Inc. entered into a Term Loan Agreement with Orland Bank. "
        "Talmadge Signs Inc. also amended the Loan Agreement dated March 3, 2015 with Orland Bank.",
        [("Talmadge Signs Inc.", "ORG"), ("Term Loan Agreement", "AGREEMENT"), ("Orland Bank", "ORG"),
         ("Talmadge Signs Inc.", "ORG"), ("Loan Agreement", "AGREEMENT"), ("March 3, 2015", "DATE"), ("Orland Bank", "ORG")],
        [("entered into", "AGREEMENT_ENTRY"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    entry, amended = assembler(doc)._.events
    assert entry["agreement"] == "Term Loan Agreement"
    assert amended["agreement"] == "Loan Agreement"


def test_date_a_term_runs_from_is_not_the_event_date(make_doc, assembler):
    doc = make_doc(
        "On May 14, 2019, Ardley Imaging Corp. amended the License Agreement to raise the minimum royalty "
        "beginning in 2020.",
        [("May 14, 2019", "DATE"), ("Ardley Imaging Corp.", "ORG"), ("License Agreement", "AGREEMENT"), ("2020", "DATE")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["date"] == "2019-05-14"


def test_relatives_and_possessives_are_not_parties(make_doc, assembler):
    doc = make_doc(
        "Pell Orbital Services LLC, a subsidiary of Pell Aerospace Corp., entered into a Loan Agreement with "
        "Gulfmark Bank, N.A. Holders of Pell Aerospace Corp.'s common stock are not affected. "
        "Pell Orbital Services LLC's agreement with Gulfmark Bank, N.A. was amended in June.",
        [("Pell Orbital Services LLC", "ORG"), ("Pell Aerospace Corp.", "ORG"), ("Loan Agreement", "AGREEMENT"),
         ("Gulfmark Bank, N.A.", "ORG"), ("Pell Aerospace Corp.", "ORG"), ("Pell Orbital Services LLC", "ORG"),
         ("Gulfmark Bank, N.A.", "ORG"), ("June", "DATE")],
        [("entered into", "AGREEMENT_ENTRY"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    entry, amended = assembler(doc)._.events
    assert set(entry["parties"]) == {"Pell Orbital Services LLC", "Gulfmark Bank, N.A."}
    assert set(amended["parties"]) == {"Pell Orbital Services LLC", "Gulfmark Bank, N.A."}  # "X's agreement with"


def test_name_with_a_legal_suffix_is_already_complete(make_doc, assembler):
    doc = make_doc(
        "Carrow Data Inc. and Carrow Data Inc. of Ohio entered into a Services Agreement.",
        [("Carrow Data Inc.", "ORG"), ("Carrow Data Inc. of Ohio", "ORG"), ("Services Agreement", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["parties"] == ["Carrow Data Inc.", "Carrow Data Inc. of Ohio"]


def test_unnamed_registrant_leaves_parties_empty(make_doc, assembler):
    doc = make_doc(
        "Juniper Ridge Realty LLC manages our offices. In 2004 the Company entered into a lease for a warehouse.",
        [("Juniper Ridge Realty LLC", "ORG"), ("2004", "DATE")],
        [("entered into", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["parties"] == []  # the Company is the party, and this passage never names it


def test_report_date_dates_a_current_reports_undated_entry(make_doc, assembler):
    text = (
        "Date of Report (Date of earliest event reported): June 9, 2003\n\nKessock Tool Corp.\n"
        "(Exact name of registrant as specified in its charter)\n\n"
        "In connection with the proposed merger, Kessock Tool Corp. entered into a Voting Agreement with Brede LLC."
    )
    ents = [("June 9, 2003", "DATE"), ("Kessock Tool Corp.", "ORG"), ("Kessock Tool Corp.", "ORG"),
            ("Voting Agreement", "AGREEMENT"), ("Brede LLC", "ORG")]
    (rec,) = assembler(make_doc(text, ents, [("entered into", "AGREEMENT_ENTRY")]))._.events
    assert rec["date"] == "2003-06-09"


def test_lowercase_agreement_takes_the_capitalized_name_of_its_kind(make_doc, assembler):
    doc = make_doc(
        "Alder Grove Foods Inc. has signed a definitive agreement to acquire Pinebrook Dairy Co.\n\n"
        "The Agreement and Plan of Merger is filed as Exhibit 2.1.\n\n"
        "Alder Grove Foods Inc. entered into two supply agreements. First, it entered into a Milk Supply Agreement "
        "with Pinebrook Dairy Co.",
        [("Alder Grove Foods Inc.", "ORG"), ("Pinebrook Dairy Co.", "ORG"), ("Agreement and Plan of Merger", "AGREEMENT"),
         ("Alder Grove Foods Inc.", "ORG"), ("Milk Supply Agreement", "AGREEMENT"), ("Pinebrook Dairy Co.", "ORG")],
        [("signed", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY")],
    )
    signed, two, first = assembler(doc)._.events
    assert signed["agreement"] == "Agreement and Plan of Merger"
    assert two["agreement"] == first["agreement"] == "Milk Supply Agreement"  # named by the next sentence


def test_terminated_agreement_is_the_one_governing_the_next(make_doc, assembler):
    doc = make_doc(
        'The Indenture governing the Notes, dated as of May 20, 2010, was terminated. The Merger Agreement, dated as '
        'of March 1, 2021 (as amended, the "Combination Agreement"), was terminated. The Combination Agreement expired.',
        [("Indenture", "AGREEMENT"), ("Notes", "AGREEMENT"), ("May 20, 2010", "DATE"), ("Merger Agreement", "AGREEMENT"),
         ("March 1, 2021", "DATE"), ("Combination Agreement", "AGREEMENT"), ("Combination Agreement", "AGREEMENT")],
        [("terminated", "AGREEMENT_TERMINATION"), ("terminated", "AGREEMENT_TERMINATION"), ("expired", "AGREEMENT_TERMINATION")],
    )
    notes, merger, expired = assembler(doc)._.events
    assert notes["agreement"] == "Indenture"
    assert merger["agreement"] == expired["agreement"] == "Merger Agreement"  # "(as amended, the ...)" defines it


def test_event_noun_subject_takes_its_sentences_date(make_doc, assembler):
    doc = make_doc(
        "Ravel Instruments Inc. extended its Distribution Agreement. The extension was signed on September 4, 2015.",
        [("Ravel Instruments Inc.", "ORG"), ("Distribution Agreement", "AGREEMENT"), ("September 4, 2015", "DATE")],
        [("extended", "AGREEMENT_EXTENSION"), ("extension", "AGREEMENT_EXTENSION"), ("signed", "AGREEMENT_ENTRY")],
    )
    extended, extension, signed = assembler(doc)._.events
    assert extension["date"] == signed["date"] == extended["date"] == "2015-09-04"


def test_entry_for_this_acquisition_carries_the_price_stated_before(make_doc, assembler):
    doc = make_doc(
        "The purchase price paid for Tamsin Software Inc. was $6.1 million in cash and stock. "
        "To complete this acquisition, Corbel Group, Inc. entered into an Agreement and Plan of Merger "
        "with Tamsin Software Inc.",
        [("Tamsin Software Inc.", "ORG"), ("$6.1 million", "MONEY"), ("Corbel Group, Inc.", "ORG"),
         ("Agreement and Plan of Merger", "AGREEMENT"), ("Tamsin Software Inc.", "ORG")],
        [("entered into", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["amount"] == {"value": 6.1e6, "currency": "USD"}


def test_previous_agreement_carries_within_a_paragraph_or_a_reference_back(make_doc, assembler):
    doc = make_doc(
        "Brisk Fleet Inc. entered into a Lease Agreement with Arbor Yard LLC. It expires in 2030.\n\n"
        "The amendment was approved.\n\n"
        "Brisk Fleet Inc. opened a depot. Brisk Fleet Inc. put out a statement on its entry into lease agreement.\n\n"
        "Revenue rose because a customer renewed its order.",
        [("Brisk Fleet Inc.", "ORG"), ("Lease Agreement", "AGREEMENT"), ("Arbor Yard LLC", "ORG"), ("2030", "DATE"),
         ("Brisk Fleet Inc.", "ORG"), ("Brisk Fleet Inc.", "ORG")],
        [("entered into", "AGREEMENT_ENTRY"), ("expires", "AGREEMENT_TERMINATION"), ("amendment", "AGREEMENT_AMENDMENT"),
         ("entry", "AGREEMENT_ENTRY"), ("renewed", "AGREEMENT_EXTENSION")],
    )
    entry, expiry, amendment, announced, renewed = assembler(doc)._.events
    assert expiry["agreement"] == amendment["agreement"] == "Lease Agreement"  # same paragraph; "The ..."
    assert announced["agreement"] == "Lease Agreement"  # "entry into lease agreement": the kind it names
    assert renewed["agreement"] is None  # another paragraph, no reference back: not the lease


def test_lowercase_object_before_a_name_takes_the_agreement_of_its_kind(make_doc, assembler):
    doc = make_doc(
        "Quarry Lane Inc. signed consent agreements with the lenders under its Revolving Notes.\n\n"
        "Exhibit 10.1 Form of Consent Agreement.",
        [("Quarry Lane Inc.", "ORG"), ("Revolving Notes", "AGREEMENT"), ("Consent Agreement", "AGREEMENT")],
        [("signed", "AGREEMENT_ENTRY")],
    )
    (consents,) = assembler(doc)._.events
    assert consents["agreement"] == "Consent Agreement"  # not the Notes whose lenders sign them


def test_every_listing_of_an_agreement_adds_its_parties(make_doc, assembler):
    doc = make_doc(
        "Hollis Labs, Inc. signed a Letter Agreement with each of its two bridge lenders.\n\n"
        "10.1 Letter Agreement, dated May 1, 2001, between Hollis Labs, Inc. and Perrin Capital LLC\n\n"
        "10.2 Letter Agreement, dated May 1, 2001, between Hollis Labs, Inc. and Ostend Partners L.P.",
        [("Hollis Labs, Inc.", "ORG"), ("Letter Agreement", "AGREEMENT"), ("Letter Agreement", "AGREEMENT"),
         ("May 1, 2001", "DATE"), ("Hollis Labs, Inc.", "ORG"), ("Perrin Capital LLC", "ORG"),
         ("Letter Agreement", "AGREEMENT"), ("May 1, 2001", "DATE"), ("Hollis Labs, Inc.", "ORG"),
         ("Ostend Partners L.P.", "ORG")],
        [("signed", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert set(rec["parties"]) == {"Hollis Labs, Inc.", "Perrin Capital LLC", "Ostend Partners L.P."}


def test_report_takes_its_transactions_date_and_not_a_distant_one(make_doc, assembler):
    text = (
        "Date of Report (Date of earliest event reported): June 9, 2003\n\nKessock Tool Corp.\n"
        "(Exact name of registrant as specified in its charter)\n\n"
        "Brede LLC entered into its first Supply Agreement in 1968. "
        "On June 6, 2003, Kessock Tool Corp. entered into a Credit Agreement with Tarn Bank. "
        "Kessock Tool Corp. has signed an Agreement and Plan of Merger with Brede LLC."
    )
    ents = [("June 9, 2003", "DATE"), ("Kessock Tool Corp.", "ORG"), ("Brede LLC", "ORG"),
            ("Supply Agreement", "AGREEMENT"), ("1968", "DATE"), ("June 6, 2003", "DATE"), ("Kessock Tool Corp.", "ORG"),
            ("Credit Agreement", "AGREEMENT"), ("Tarn Bank", "ORG"), ("Kessock Tool Corp.", "ORG"),
            ("Agreement and Plan of Merger", "AGREEMENT"), ("Brede LLC", "ORG")]
    events = [("entered into", "AGREEMENT_ENTRY"), ("entered into", "AGREEMENT_ENTRY"), ("signed", "AGREEMENT_ENTRY")]
    supply, credit, merger = assembler(make_doc(text, ents, events))._.events
    assert supply["date"] == "1968" and credit["date"] == merger["date"] == "2003-06-06"


def test_as_of_dates_an_event_after_words_of_signing_not_a_measured_figure(make_doc, assembler):
    doc = make_doc(
        "The amendment to the Loan Agreement on March 9, 2015 waived the Company's compliance with certain "
        "covenant requirements as of December 31, 2014. The Office Lease was terminated by the Company as of "
        "June 2015. The Supply Agreement, entered into as of May 4, 2015, runs five years.",
        [("Loan Agreement", "AGREEMENT"), ("March 9, 2015", "DATE"), ("December 31, 2014", "DATE"),
         ("Office Lease", "AGREEMENT"), ("June 2015", "DATE"), ("Supply Agreement", "AGREEMENT"),
         ("May 4, 2015", "DATE")],
        [("amendment", "AGREEMENT_AMENDMENT"), ("waived", "AGREEMENT_AMENDMENT"),
         ("terminated", "AGREEMENT_TERMINATION"), ("entered into", "AGREEMENT_ENTRY")],
    )
    amendment, waived, terminated, entered = assembler(doc)._.events
    assert amendment["date"] == waived["date"] == "2015-03-09"  # not the day compliance was measured
    assert terminated["date"] == "2015-06" and entered["date"] == "2015-05-04"


def test_an_announced_event_takes_no_date_from_the_announcement_line(make_doc, assembler):
    doc = make_doc(
        "On May 16, 2003, Pellworth Foods Inc. entered into a Loan Agreement with Dunstan Bank.\n\n"
        "99.1 Press release announcing the entry into the Loan Agreement, issued by Pellworth Foods Inc. on "
        "May 19, 2003",
        [("May 16, 2003", "DATE"), ("Pellworth Foods Inc.", "ORG"), ("Loan Agreement", "AGREEMENT"),
         ("Dunstan Bank", "ORG"), ("Loan Agreement", "AGREEMENT"), ("Pellworth Foods Inc.", "ORG"),
         ("May 19, 2003", "DATE")],
        [("entered into", "AGREEMENT_ENTRY"), ("entry", "AGREEMENT_ENTRY")],
    )
    entered, entry = assembler(doc)._.events
    assert entered["date"] == entry["date"] == "2003-05-16" and entered["event"] == entry["event"]


def test_a_mention_after_a_release_dated_today_takes_its_date(make_doc, assembler):
    doc = make_doc(
        "DENVER, March 2, 2022 -- Skyline Air Inc. today announced that it has extended the leases of twelve "
        "aircraft with Aerolux Leasing Limited. The leases have been extended by four years each.",
        [("March 2, 2022", "DATE"), ("Skyline Air Inc.", "ORG"), ("Aerolux Leasing Limited", "ORG")],
        [("extended", "AGREEMENT_EXTENSION"), ("extended", "AGREEMENT_EXTENSION")],
    )
    announced, extended = assembler(doc)._.events
    assert announced["date"] == extended["date"] == "2022-03-02"


def test_month_listed_with_a_dated_month_takes_its_year(make_doc, assembler):
    doc = make_doc(
        "Amendments to the Credit Agreement with Pell Bank in March and June 2011 relaxed two covenants.",
        [("Credit Agreement", "AGREEMENT"), ("Pell Bank", "ORG"), ("March", "DATE"), ("June 2011", "DATE")],
        [("Amendments", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["date"] == "2011-03"
    doc = make_doc(
        "Pell Bank amended the Credit Agreement on June 30 and December 31, 1998.",
        [("Pell Bank", "ORG"), ("Credit Agreement", "AGREEMENT"), ("June 30", "DATE"), ("December 31, 1998", "DATE")],
        [("amended", "AGREEMENT_AMENDMENT")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["date"] == "1998-06-30"


def test_a_facility_is_the_credit_agreement_that_holds_its_words(make_doc, assembler):
    doc = make_doc(
        "Corrin Health Inc. entered into a Second Amended and Restated Credit Agreement with Dunmore Bank. "
        "Corrin Health Inc. later agreed to amend the Credit Facility. The Term Facility was also amended.",
        [("Corrin Health Inc.", "ORG"), ("Second Amended and Restated Credit Agreement", "AGREEMENT"),
         ("Dunmore Bank", "ORG"), ("Corrin Health Inc.", "ORG"), ("Credit Facility", "AGREEMENT"),
         ("Term Facility", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("amend", "AGREEMENT_AMENDMENT"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    _, credit, term = assembler(doc)._.events
    assert credit["agreement"] == "Second Amended and Restated Credit Agreement"
    assert term["agreement"] == "Term Facility"  # no agreement holds "term": its own name


def test_entry_takes_the_value_the_next_sentence_gives_this_contract(make_doc, assembler):
    doc = make_doc(
        "Harlow County selected Brandt Marine LLC and awarded it a dredging contract.\n\n"
        "Valued at up to $4.2 million over three years, this fixed-price, multi-site contract covers two "
        "harbors. Brandt Marine LLC paid $20,000 in fees.",
        [("Harlow County", "ORG"), ("Brandt Marine LLC", "ORG"), ("$4.2 million", "MONEY"),
         ("Brandt Marine LLC", "ORG"), ("$20,000", "MONEY")],
        [("awarded", "AGREEMENT_ENTRY")],
    )
    (rec,) = assembler(doc)._.events
    assert rec["amount"] == {"value": 4.2e6, "currency": "USD"}


def test_termination_carries_the_payment_not_the_size_of_what_ended(make_doc, assembler):
    doc = make_doc(
        "In May 2011 Tarnwick Foods Corp. terminated its $40 million revolving credit agreement with Osgood Bank. "
        "In June 2011 Tarnwick Foods Corp. terminated the lease of its Dayton warehouse, paying the landlord a fee "
        "of $310,000.",
        [("May 2011", "DATE"), ("Tarnwick Foods Corp.", "ORG"), ("$40 million", "MONEY"), ("Osgood Bank", "ORG"),
         ("June 2011", "DATE"), ("Tarnwick Foods Corp.", "ORG"), ("$310,000", "MONEY")],
        [("terminated", "AGREEMENT_TERMINATION"), ("terminated", "AGREEMENT_TERMINATION")],
    )
    credit, lease = assembler(doc)._.events
    assert credit["amount"] is None
    assert lease["amount"] == {"value": 310000.0, "currency": "USD"}


def test_amount_from_the_next_sentence_about_the_same_deal(make_doc, assembler):
    text = (
        "On March 3, 2015, Pellworth Labs, Inc. entered into a License Agreement with Ardent Biologics LLC. "
        "Under the License Agreement, Ardent Biologics LLC will pay an upfront fee of $6 million. "
        "On April 9, 2015, Pellworth Labs, Inc. signed a Supply Agreement with Corvane Inc. for three years. "
        "Corvane Inc. also terminated a distribution agreement for $2 million."
    )
    doc = make_doc(
        text,
        [("March 3, 2015", "DATE"), ("Pellworth Labs, Inc.", "ORG"), ("License Agreement", "AGREEMENT"),
         ("Ardent Biologics LLC", "ORG"), ("License Agreement", "AGREEMENT"), ("Ardent Biologics LLC", "ORG"),
         ("$6 million", "MONEY"), ("April 9, 2015", "DATE"), ("Pellworth Labs, Inc.", "ORG"),
         ("Supply Agreement", "AGREEMENT"), ("Corvane Inc.", "ORG"), ("Corvane Inc.", "ORG"), ("$2 million", "MONEY")],
        [("entered into", "AGREEMENT_ENTRY"), ("signed", "AGREEMENT_ENTRY"), ("terminated", "AGREEMENT_TERMINATION")],
    )
    license_, supply, _ = assembler(doc)._.events
    assert license_["amount"] == {"value": 6e6, "currency": "USD"}
    assert supply["amount"] is None  # the next sentence states another kind of event


def test_amendment_takes_the_date_of_the_signing_in_its_paragraph(make_doc, assembler):
    text = (
        'On July 24, 2020, Brisco Tile Co. entered into the Fourth Amendment (the "Fourth Amendment") with Halloran Bank. '
        "The Fourth Amendment extends the maturity of the revolving loan to 2024.\n\n"
        "The Loan Agreement was also amended to add a covenant."
    )
    doc = make_doc(
        text,
        [("July 24, 2020", "DATE"), ("Brisco Tile Co.", "ORG"), ("Fourth Amendment", "AGREEMENT"),
         ("Fourth Amendment", "AGREEMENT"), ("Halloran Bank", "ORG"), ("Fourth Amendment", "AGREEMENT"),
         ("2024", "DATE"), ("Loan Agreement", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("extends", "AGREEMENT_EXTENSION"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    entry, extension, other = assembler(doc)._.events
    assert entry["date"] == extension["date"] == "2020-07-24"
    assert other["date"] is None  # another paragraph


def test_the_termination_is_of_the_one_agreement_terminated(make_doc, assembler):
    doc = make_doc(
        "On June 3, 2014, Corbin Mills Inc. terminated its Supply Agreement with Tessaly Grain LLC.\n\n"
        "Corbin Mills Inc. expects no charge from the termination.\n\n"
        "Corbin Mills Inc. may terminate other contracts.",
        [("June 3, 2014", "DATE"), ("Corbin Mills Inc.", "ORG"), ("Supply Agreement", "AGREEMENT"),
         ("Tessaly Grain LLC", "ORG"), ("Corbin Mills Inc.", "ORG"), ("Corbin Mills Inc.", "ORG")],
        [("terminated", "AGREEMENT_TERMINATION"), ("termination", "AGREEMENT_TERMINATION"),
         ("terminate", "AGREEMENT_TERMINATION")],
    )
    ended, mention, other = assembler(doc)._.events
    assert mention["agreement"] == "Supply Agreement"
    assert set(mention["parties"]) == {"Corbin Mills Inc.", "Tessaly Grain LLC"}
    assert mention["event"] == ended["event"]
    assert other["agreement"] is None  # not an event noun taken as known


def test_a_possible_termination_is_its_own_event_and_keeps_no_date(make_doc, assembler):
    doc = make_doc(
        "Pellworth Foods Inc. buys its cocoa under a Supply Agreement with Dunstan Trading LLC that expires on "
        "December 31, 2019. Either party may terminate the Supply Agreement on ninety days' notice, and "
        "Pellworth Foods Inc. would end the Supply Agreement if prices rose. "
        "The expiration of the Supply Agreement is not expected to affect supply.",
        [("Pellworth Foods Inc.", "ORG"), ("Supply Agreement", "AGREEMENT"), ("Dunstan Trading LLC", "ORG"),
         ("December 31, 2019", "DATE"), ("Supply Agreement", "AGREEMENT"),
         ("Pellworth Foods Inc.", "ORG"), ("Supply Agreement", "AGREEMENT"), ("Supply Agreement", "AGREEMENT")],
        [("expires", "AGREEMENT_TERMINATION"), ("terminate", "AGREEMENT_TERMINATION"),
         ("end", "AGREEMENT_TERMINATION"), ("expiration", "AGREEMENT_TERMINATION")],
    )
    expires, may_end, would_end, expiration = assembler(doc)._.events
    assert expires["date"] == expiration["date"] == "2019-12-31"
    assert expires["event"] == expiration["event"]  # the agreement's end, told twice
    assert may_end["date"] is None and would_end["date"] is None  # possible, not happening
    assert len({expires["event"], may_end["event"], would_end["event"]}) == 3  # each its own event


def test_the_month_may_states_no_possible_termination_or_extension(make_doc, assembler):
    doc = make_doc(
        "On May 16, 2003, Pellworth Foods Inc. gave Dunstan Trading LLC notice that it will terminate the Supply "
        "Agreement, effective June 30, 2003. In May 2004, Pellworth Foods Inc. extended its Warehouse Lease. "
        "The termination of the Supply Agreement lowers costs. The extension of the Warehouse Lease runs to 2009.",
        [("May 16, 2003", "DATE"), ("Pellworth Foods Inc.", "ORG"), ("Dunstan Trading LLC", "ORG"),
         ("Supply Agreement", "AGREEMENT"), ("June 30, 2003", "DATE"), ("May 2004", "DATE"),
         ("Pellworth Foods Inc.", "ORG"), ("Warehouse Lease", "AGREEMENT"), ("Supply Agreement", "AGREEMENT"),
         ("Warehouse Lease", "AGREEMENT"), ("2009", "DATE")],
        [("terminate", "AGREEMENT_TERMINATION"), ("extended", "AGREEMENT_EXTENSION"),
         ("termination", "AGREEMENT_TERMINATION"), ("extension", "AGREEMENT_EXTENSION")],
    )
    terminate, extended, termination, extension = assembler(doc)._.events
    assert terminate["date"] == termination["date"] == "2003-06-30" and terminate["event"] == termination["event"]
    assert extended["date"] == extension["date"] == "2004-05" and extended["event"] == extension["event"]


def test_a_release_headline_takes_the_record_of_its_type_below(make_doc, assembler):
    doc = make_doc(
        "Harwell Foods Extends $90 Million Supply Partnership with Dunmore Grocers\n\n"
        "OMAHA, Neb., May 3, 2021 -- Harwell Foods, Inc. today announced that it has extended its Master Supply "
        "Agreement with Dunmore Grocers, Inc. through 2026. The agreement was first signed in 2011.",
        [("Harwell Foods", "ORG"), ("$90 Million", "MONEY"), ("Dunmore Grocers", "ORG"), ("May 3, 2021", "DATE"),
         ("Harwell Foods, Inc.", "ORG"), ("Master Supply Agreement", "AGREEMENT"), ("Dunmore Grocers, Inc.", "ORG"),
         ("2026", "DATE"), ("2011", "DATE")],
        [("Extends", "AGREEMENT_EXTENSION"), ("extended", "AGREEMENT_EXTENSION"), ("signed", "AGREEMENT_ENTRY")],
    )
    headline, extended, signed = assembler(doc)._.events
    assert headline["event"] == extended["event"] != signed["event"]
    assert headline["agreement"] == "Master Supply Agreement" and headline["date"] == extended["date"] == "2021-05-03"
    assert headline["amount"] == {"value": 90000000.0, "currency": "USD"}  # what it says itself


def test_an_extension_option_is_its_own_event_unless_exercised(make_doc, assembler):
    doc = make_doc(
        "On April 2, 2018, Brisbane Mills Inc. extended its Warehouse Lease with Corran Realty LLC through 2026. "
        "Brisbane Mills Inc. has two options to extend the Warehouse Lease for five years each, and the Warehouse "
        "Lease will then renew automatically each year. In 2012, Brisbane Mills Inc. exercised its option to extend "
        "the Warehouse Lease.",
        [("April 2, 2018", "DATE"), ("Brisbane Mills Inc.", "ORG"), ("Warehouse Lease", "AGREEMENT"),
         ("Corran Realty LLC", "ORG"), ("2026", "DATE"), ("Brisbane Mills Inc.", "ORG"), ("Warehouse Lease", "AGREEMENT"),
         ("Warehouse Lease", "AGREEMENT"), ("2012", "DATE"), ("Brisbane Mills Inc.", "ORG"),
         ("Warehouse Lease", "AGREEMENT")],
        [("extended", "AGREEMENT_EXTENSION"), ("extend", "AGREEMENT_EXTENSION"), ("renew", "AGREEMENT_EXTENSION"),
         ("extend", "AGREEMENT_EXTENSION")],
    )
    extended, option, renews, exercised = assembler(doc)._.events
    assert extended["date"] == "2018-04-02"
    assert option["date"] is None and renews["date"] is None
    assert len({extended["event"], option["event"], renews["event"]}) == 3
    assert exercised["date"] == "2012" and exercised["event"] not in (option["event"], renews["event"])


def test_amendments_an_agreement_had_before_are_other_events(make_doc, assembler):
    doc = make_doc(
        'On March 9, 2015, Tolland Brick Co. entered into a Fourth Amendment with Bexley Bank, which amends the '
        'Loan Agreement dated May 1, 2011 (as previously amended, the "Loan Agreement"). The Fourth Amendment amends '
        'the Loan Agreement (as amended prior to the Fourth Amendment) to raise the commitment.',
        [("March 9, 2015", "DATE"), ("Tolland Brick Co.", "ORG"), ("Fourth Amendment", "AGREEMENT"),
         ("Bexley Bank", "ORG"), ("Loan Agreement", "AGREEMENT"), ("May 1, 2011", "DATE"),
         ("Loan Agreement", "AGREEMENT"), ("Fourth Amendment", "AGREEMENT"), ("Loan Agreement", "AGREEMENT"),
         ("Fourth Amendment", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("amends", "AGREEMENT_AMENDMENT"), ("amended", "AGREEMENT_AMENDMENT"),
         ("amends", "AGREEMENT_AMENDMENT"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    _, amends, previously, again, prior = assembler(doc)._.events
    assert amends["event"] == again["event"] and again["date"] == "2015-03-09"
    assert previously["event"] not in (amends["event"], prior["event"])
    assert prior["event"] != amends["event"]
    assert prior["date"] is None


def test_a_termination_by_notice_is_dated_when_it_takes_effect(make_doc, assembler):
    doc = make_doc(
        "Item 1.02 Termination of a Material Definitive Agreement.\n\n"
        "On June 14, 2016, Harlow Paper Co. gave Tamsin Freight Inc. notice to terminate the Haulage Agreement. "
        "The termination takes effect on September 12, 2016.",
        [("June 14, 2016", "DATE"), ("Harlow Paper Co.", "ORG"), ("Tamsin Freight Inc.", "ORG"),
         ("Haulage Agreement", "AGREEMENT"), ("September 12, 2016", "DATE")],
        [("Termination", "AGREEMENT_TERMINATION"), ("terminate", "AGREEMENT_TERMINATION"),
         ("termination", "AGREEMENT_TERMINATION")],
    )
    heading, notice, effect = assembler(doc)._.events
    assert heading["date"] == notice["date"] == effect["date"] == "2016-09-12"
    assert heading["event"] == notice["event"] == effect["event"]


def test_amendments_are_of_the_agreement_amended_not_the_amending_document(make_doc, assembler):
    doc = make_doc(
        'On May 3, 2021, Larkfield Inns Trust entered into a Second Amendment to Amended and Restated\nCredit '
        'Agreement (the "Amendment") with Osric Bank. The Amendment:\n'
        "- extends the maturity date to June 30, 2026; and\n"
        "- waives the leverage covenant.\n\n"
        "Separately, Larkfield Inns Trust signed a Second Lease Amendment (the \"Lease Amendment\"), which amends its Ground "
        "Lease. The Lease Amendment is filed as Exhibit 10.2 and amended the rent.",
        [("May 3, 2021", "DATE"), ("Larkfield Inns Trust", "ORG"),
         ("Second Amendment to Amended and Restated\nCredit Agreement", "AGREEMENT"), ("Amendment", "AGREEMENT"),
         ("Osric Bank", "ORG"), ("Amendment", "AGREEMENT"), ("June 30, 2026", "DATE"), ("Larkfield Inns Trust", "ORG"),
         ("Second Lease Amendment", "AGREEMENT"), ("Lease Amendment", "AGREEMENT"), ("Ground Lease", "AGREEMENT"),
         ("Lease Amendment", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("extends", "AGREEMENT_EXTENSION"), ("waives", "AGREEMENT_AMENDMENT"),
         ("signed", "AGREEMENT_ENTRY"), ("amends", "AGREEMENT_AMENDMENT"), ("amended", "AGREEMENT_AMENDMENT")],
    )
    entry, extends, waives, signed, amends, amended = assembler(doc)._.events
    assert entry["agreement"] == "Second Amendment to Amended and Restated\nCredit Agreement"  # its own entry
    assert extends["agreement"] == waives["agreement"] == "Amended and Restated Credit Agreement"
    assert signed["agreement"] == "Second Lease Amendment"
    assert amends["agreement"] == "Ground Lease"
    doc = make_doc(
        'Corrin Labs Inc. entered into a Second Amendment (the "Amendment"), which amends its License Agreement. '
        "The Amendment also modifies the royalty rate.",
        [("Corrin Labs Inc.", "ORG"), ("Second Amendment", "AGREEMENT"), ("Amendment", "AGREEMENT"),
         ("License Agreement", "AGREEMENT"), ("Amendment", "AGREEMENT")],
        [("entered into", "AGREEMENT_ENTRY"), ("amends", "AGREEMENT_AMENDMENT"), ("modifies", "AGREEMENT_AMENDMENT")],
    )
    _, amends, modifies = assembler(doc)._.events
    assert amends["agreement"] == modifies["agreement"] == "License Agreement"  # the one agreement amended


def test_a_dateline_place_opens_its_line_within_reach():
    from sec_events.components.event_assembler import _place_before

    nlp = blank()
    text = "Acme Extends Supply Agreement\n\nWALTHAM, Mass., February 11, 2008 -- Acme said"
    doc = nlp(text)
    start = text.index("February")
    assert _place_before(text, doc.char_span(start, start + 17))
    long_line = "x" * 70 + " Boston, Mass., February 11, 2008 -- Acme said"
    doc = nlp(long_line)
    start = long_line.index("February")
    assert not _place_before(long_line, doc.char_span(start, start + 17))
