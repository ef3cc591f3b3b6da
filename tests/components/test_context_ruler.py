import pytest
import spacy

from sec_events.components.patterns import context_patterns
from sec_events.tokenizer import blank


@pytest.fixture
def ruler_nlp():
    nlp = blank()
    ruler = nlp.add_pipe("sec_context_ruler", name="context_ruler")
    ruler.initialize(patterns=context_patterns())
    return nlp


@pytest.mark.parametrize(
    "text,symbol",
    [
        ("Acme, Inc. (NASDAQ: ACME) said", "ACME"),
        ("Acme, Inc. (Nasdaq:ACME) said", "ACME"),
        ("Berkshire (NYSE: BRK.A) said", "BRK.A"),
        ("listed (NYSE American: XYZ) today", "XYZ"),
        ("quoted (OTCQB: ABCD) today", "ABCD"),
        ('trades under the symbol "ACME" on', "ACME"),
        ("trades under the ticker symbol “ZZT” on", "ZZT"),
        ("Acme (TSX: AC; NYSE: ACX) said", "AC"),
        ("Fenwick (NASDAQ/NM: FWMP) said", "FWMP"),
        ("Corliss (Nasdaq-NM: CRLS) said", "CRLS"),
        ("Osterlund AG (SIX: OSTB) said", "OSTB"),
    ],
)
def test_context_ruler_tags_only_the_symbol(ruler_nlp, text, symbol):
    doc = ruler_nlp(text)
    assert symbol in [e.text for e in doc.ents if e.label_ == "TICKER"]


@pytest.mark.parametrize("text", ["Commission File Number 0-17999", "an IND filed with the FDA", "TAP technology (CEO: none)"])
def test_context_ruler_ignores_non_tickers(ruler_nlp, text):
    assert not ruler_nlp(text).ents


def test_context_ruler_clears_exchange_entity(ruler_nlp):
    doc = ruler_nlp.make_doc("Acme (NASDAQ: ACME) said")
    doc.ents = [doc.char_span(6, 12, label="ORG")]
    doc = ruler_nlp.get_pipe("context_ruler")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("ACME", "TICKER")]


def test_context_ruler_without_overwrite_keeps_existing(ruler_nlp):
    ruler = ruler_nlp.get_pipe("context_ruler")
    ruler.overwrite_ents = False
    doc = ruler_nlp.make_doc("Acme (NASDAQ: ACME) said")
    doc.ents = [doc.char_span(14, 18, label="ORG")]
    assert [(e.text, e.label_) for e in ruler(doc).ents] == [("ACME", "ORG")]


def test_context_ruler_rejects_pattern_without_span_group():
    nlp = blank()
    ruler = nlp.add_pipe("sec_context_ruler")
    with pytest.raises(ValueError, match="no \\(\\?P<span>...\\) or"):
        ruler.add_patterns([{"label": "TICKER", "pattern": "NYSE"}])


@pytest.mark.parametrize("group", ["clear", "term"])
def test_spans_ruler_rejects_groups_that_act_on_entities(group):
    nlp = blank()
    ruler = nlp.add_pipe("sec_context_ruler", config={"spans_key": "events"})
    pattern = {"label": "AGREEMENT_ENTRY", "pattern": rf"Item 1\.01 (?P<span>Entry)(?P<{group}> into)"}
    with pytest.raises(ValueError, match=f"writes doc.spans\\['events'\\]"):
        ruler.add_patterns([pattern])
    assert ruler.patterns == []


def test_context_ruler_empty_doc(ruler_nlp):
    assert ruler_nlp("").ents == ()


def test_context_ruler_round_trips(ruler_nlp, tmp_path):
    ruler_nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert [e.text for e in loaded("Acme (NYSE: ACM)").ents] == ["ACM"]
    ruler = loaded.get_pipe("context_ruler")
    restored = blank().add_pipe("sec_context_ruler").from_bytes(ruler.to_bytes())
    assert restored.patterns == ruler.patterns


def test_context_ruler_multiprocess(ruler_nlp):
    texts = ["Acme (NYSE: ACM) rose", "Beta (NASDAQ: BETA) fell"] * 4
    docs = list(ruler_nlp.pipe(texts, n_process=2, batch_size=2))
    assert [d.ents[0].text for d in docs] == ["ACM", "BETA"] * 4


@pytest.mark.parametrize(
    "text,amounts",
    [
        ("Total $306,766 $280,396 ----", ["$306,766", "$280,396"]),
        ("net income was $6,412,000, or $1.87 per share", ["$6,412,000", "$1.87"]),
        ("costs of between $3.0 and $4.0 million this year", ["$3.0 and $4.0 million"]),
        ("revenue of $720 million to $735 million", ["$720 million to $735 million"]),
        ("increased from $100 million to $125 million", ["$100 million", "$125 million"]),
        ("a fee of (\\$250,000) and $.15 per share", ["$250,000", "$.15"]),
        ("Closes $600 Million Credit Facility", ["$600 Million"]),
    ],
)
def test_context_ruler_dollar_amounts(ruler_nlp, text, amounts):
    assert [e.text for e in ruler_nlp(text).ents if e.label_ == "MONEY"] == amounts


def test_context_ruler_owned_labels_drop_unconfirmed_guesses(ruler_nlp):
    ruler = ruler_nlp.get_pipe("context_ruler")
    ruler.owned_labels = ("TICKER",)
    doc = ruler_nlp.make_doc("an ADSL line card; Acme (NYSE: ACM)")
    doc.ents = [doc.char_span(3, 7, label="TICKER")]
    assert [(e.text, e.label_) for e in ruler(doc).ents] == [("ACM", "TICKER")]


def test_context_ruler_securities_table(ruler_nlp):
    text = "Common Stock, par value $0.01 per share HLDR The Nasdaq Stock Market LLC"
    assert "HLDR" in [e.text for e in ruler_nlp(text).ents if e.label_ == "TICKER"]


@pytest.mark.parametrize("text", ["401 Congress Ave. Suite 1650 Austin", "the facility at 12130 State Highway 3"])
def test_context_ruler_clears_street_numbers(ruler_nlp, text):
    doc = ruler_nlp.make_doc(text)
    number = next(t for t in doc if t.like_num and len(t) >= 4)
    doc.ents = [doc[number.i : number.i + 1].char_span(0, len(number.text), label="DATE")]
    assert ruler_nlp.get_pipe("context_ruler")(doc).ents == ()


def test_context_ruler_clears_numbers_without_currency(ruler_nlp):
    doc = ruler_nlp.make_doc("interest capitalized 6,454 4,435 and $ 14,709 in cash")
    doc.ents = [doc.char_span(21, 32, label="MONEY")]
    assert [(e.text, e.label_) for e in ruler_nlp.get_pipe("context_ruler")(doc).ents] == [("$ 14,709", "MONEY")]


def test_context_ruler_clears_a_technology_and_its_acronym(ruler_nlp):
    text = "licensed its Barrier Seal Coating (BSC) technology to Halden Robotics, Inc.; two BSC products"
    doc = ruler_nlp.make_doc(text)
    doc.ents = [
        doc.char_span(13, 33, label="ORG"),
        doc.char_span(text.index("Halden"), text.index(";"), label="ORG"),
        doc.char_span(text.rindex("BSC"), text.rindex("BSC") + 3, label="ORG"),
    ]
    assert [e.text for e in ruler_nlp.get_pipe("context_ruler")(doc).ents] == ["Halden Robotics, Inc."]


@pytest.mark.parametrize(
    "text,name",
    [
        ("99.1\tPress Release of Norwell Bio, Inc. dated May 3, 2006", "Norwell Bio, Inc."),
        ("99.1 Press release issued by Harbor Lights America, Inc. on August 19, 2003", "Harbor Lights America, Inc."),
        ("Exhibit 99.2 Joint Press Release of Bank of Granite Corporation and Tern Ltd.", "Bank of Granite Corporation"),
        ("Press Release, dated March 4, 2004, issued by Tern Systems Inc. announcing", "Tern Systems Inc."),
        ("News Release of Westfold\nTechnologies, Inc. dated June 2, 2001", "Westfold\nTechnologies, Inc."),
        ("Press Release of Quill & Barrow Holdings Corp., Boston", "Quill & Barrow Holdings Corp."),
    ],
)
def test_context_ruler_takes_the_issuer_of_a_press_release_without_the_document_words(ruler_nlp, text, name):
    doc = ruler_nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index("Press") if "Press" in text else text.index("News"), text.index(name) + len(name), label="ORG")]
    assert [(e.text, e.label_) for e in ruler_nlp.get_pipe("context_ruler")(doc).ents] == [(name, "ORG")]


@pytest.mark.parametrize("text", ["Press Release of the Company dated May 3", "News release of Registrant dated"])
def test_context_ruler_leaves_a_press_release_of_the_company_alone(ruler_nlp, text):
    assert ruler_nlp(text).ents == ()


def test_context_ruler_clears_markup_leftovers(ruler_nlp):
    text = 'sales rose < font id="TAB2" > in May'
    doc = ruler_nlp.make_doc(text)
    start = text.index("id")
    doc.ents = [doc.char_span(start, text.index(" >"), label="ORG", alignment_mode="expand")]
    assert ruler_nlp.get_pipe("context_ruler")(doc).ents == ()


@pytest.fixture
def heading_nlp():
    nlp = blank()
    ruler = nlp.add_pipe("sec_context_ruler", name="heading_triggers", config={"spans_key": "events"})
    ruler.initialize(patterns=context_patterns("headings.jsonl"))
    return nlp


@pytest.mark.parametrize(
    "text,word,label",
    [
        ("Item 1.01 Entry into a Material Definitive Agreement.", "Entry", "AGREEMENT_ENTRY"),
        ("ITEM 1.01 - AMENDMENT OF A MATERIAL DEFINITIVE AGREEMENT", "AMENDMENT", "AGREEMENT_AMENDMENT"),
        ("Item 1.02.  Termination of a\nMaterial Definitive Agreement", "Termination", "AGREEMENT_TERMINATION"),
    ],
)
def test_heading_triggers_label_the_item_word(heading_nlp, text, word, label):
    doc = heading_nlp.make_doc(text)
    doc.spans["events"] = [doc.char_span(text.index(word), text.index(word) + len(word), label="AGREEMENT_EXTENSION")]
    doc = heading_nlp.get_pipe("heading_triggers")(doc)
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [(word, label)]


def test_heading_triggers_keep_other_spans_and_entities(heading_nlp):
    text = "Acme terminated the lease. Item 1.01 Entry into a Material Definitive Agreement"
    doc = heading_nlp.make_doc(text)
    doc.spans["events"] = [doc.char_span(5, 15, label="AGREEMENT_TERMINATION")]
    doc.ents = [doc.char_span(0, 4, label="ORG")]
    doc = heading_nlp.get_pipe("heading_triggers")(doc)
    assert [s.text for s in doc.spans["events"]] == ["terminated", "Entry"]
    assert [e.text for e in doc.ents] == ["Acme"]
    assert heading_nlp("Item 1.01 Entry into a license").spans.get("events") is None
