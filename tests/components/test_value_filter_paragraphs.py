from sec_events.tokenizer import blank


def test_value_filter_drops_money_without_currency_and_dates_without_a_calendar_reading():
    nlp = blank()
    doc = nlp.make_doc("It filed under Chapter 11 in March and paid $5 in the fourth quarter, before 2021.")
    spans = [("Chapter 11", "MONEY"), ("March", "DATE"), ("$5", "MONEY"), ("fourth quarter", "DATE"), ("2021", "DATE")]
    doc.ents = [doc.char_span(doc.text.index(t), doc.text.index(t) + len(t), label=l) for t, l in spans]
    doc = nlp.add_pipe("sec_value_filter")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("March", "DATE"), ("$5", "MONEY"), ("2021", "DATE")]
    assert [e._.value for e in doc.ents] == ["--03", {"value": 5.0, "currency": "USD"}, "2021"]


def test_value_filter_keeps_other_labels_and_leaves_valid_docs_untouched():
    nlp = blank()
    doc = nlp.make_doc("Orrin Metals Corp. paid $5.")
    doc.ents = [doc.char_span(0, 18, label="ORG"), doc.char_span(24, 26, label="MONEY")]
    assert [e.text for e in nlp.add_pipe("sec_value_filter")(doc).ents] == ["Orrin Metals Corp.", "$5"]



def test_value_filter_leaves_trailing_commas_and_colons_outside_a_span():
    nlp = blank()
    doc = nlp.make_doc("Partners: the novalith Group, Orrin Metals Corp. and Tessaly plc.")
    doc.ents = [doc.char_span(0, 9, label="ORG"), doc.char_span(14, 29, label="ORG")]
    assert [e.text for e in nlp.add_pipe("sec_value_filter")(doc).ents] == ["Partners", "novalith Group"]


def test_value_filter_leaves_a_plural_possessive_outside_a_span():
    nlp = blank()
    text = "Harwick Systems' board approved it; Lloyd's and Pell Holdings’ lenders agreed."
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(0, 16, label="ORG"), doc.char_span(36, 43, label="ORG"), doc.char_span(48, 62, label="ORG")]
    assert [e.text for e in nlp.add_pipe("sec_value_filter")(doc).ents] == ["Harwick Systems", "Lloyd's", "Pell Holdings"]



def test_a_person_never_ends_in_a_legal_suffix():
    nlp = blank()
    text = ("Media Nora Quist Bellrock Partners, LLC Tel: (212) 555-0100. Investors Jane B. Roe Halden Robotics, "
            "Inc. Tel: (617) 555-0101. Tarvin Holdings, Inc. thanked Lee Park.")
    doc = nlp.make_doc(text)
    marks = [("Nora Quist Bellrock Partners, LLC", "PERSON"), ("Jane B. Roe Halden Robotics, Inc.", "PERSON"),
             ("Tarvin Holdings, Inc.", "PERSON"), ("Lee Park", "PERSON")]
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in marks]
    assert [(e.text, e.label_) for e in nlp.add_pipe("sec_value_filter")(doc).ents] == [
        ("Nora Quist", "PERSON"), ("Bellrock Partners, LLC", "ORG"), ("Jane B. Roe", "PERSON"),
        ("Halden Robotics, Inc.", "ORG"), ("Tarvin Holdings, Inc.", "ORG"), ("Lee Park", "PERSON")]

def _agreements(text, names, **config):
    nlp = blank()
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(n), text.index(n) + len(n), label="AGREEMENT") for n in names]
    return [e.text for e in nlp.add_pipe("sec_value_filter", config=config)(doc).ents]


def test_value_filter_keeps_agreement_names_and_defined_short_names_only():
    text = ('Corvane signed the Asset Purchase Agreement (the "APA") and a Term Loan; the APA covers its '
            'PXR platform, and the MSA was not defined.')
    kept = _agreements(text, ["Asset Purchase Agreement", "APA", "Term Loan", "PXR", "MSA"])
    assert kept == ["Asset Purchase Agreement", "APA", "Term Loan"]
    assert _agreements(text, ["PXR", "MSA"], agreement_shape=False) == ["PXR", "MSA"]


def test_blank_line_starts_a_sentence_without_a_period():
    nlp = blank()
    nlp.add_pipe("sec_paragraph_breaks")
    nlp.add_pipe("sentencizer")
    doc = nlp("LIQUIDITY AND CAPITAL RESOURCES\n\n     On April 30, 2003, the Company signed it.\n \n  Next line")
    starts = [s.text.strip()[:8] for s in doc.sents if s.text.strip()]
    assert starts == ["LIQUIDIT", "On April", "Next lin"]
