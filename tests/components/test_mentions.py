from sec_events.tokenizer import blank


def _propagate(text, found):
    """The entities after the propagator, given the (text, label) pairs a model found first."""
    nlp = blank()
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in found]
    return [(e.text, e.label_) for e in nlp.add_pipe("sec_mention_propagator")(doc).ents]


def test_defined_aliases_spread_also_after_an_appositive_and_starting_with_a_digit():
    text = ('Harlow Pictures Corporation, a Delaware corporation ("HPC"), and 4Q Media, Inc. ("4QM") '
            'signed. HPC will pay 4QM in cash.')
    ents = _propagate(text, [("Harlow Pictures Corporation", "ORG"), ("4Q Media, Inc.", "ORG")])
    assert ents.count(("HPC", "ORG")) == 2
    assert ents.count(("4QM", "ORG")) == 2


def test_defined_aliases_spread_also_after_a_comma_or_hereinafter():
    text = ('Fenwick Grain Elevators, Inc., ("FGE") and Lisle Cartage Company (hereinafter referred to as '
            '"Lisle") signed. FGE pays Lisle; Ardmore Mills LLC (hereinafter "Ardmore") ships. FGE, Ardmore and Lisle met.')
    found = [("Fenwick Grain Elevators, Inc.", "ORG"), ("Lisle Cartage Company", "ORG"), ("Ardmore Mills LLC", "ORG")]
    ents = _propagate(text, found)
    assert ents.count(("FGE", "ORG")) == 3
    assert ents.count(("Lisle", "ORG")) == 3
    assert ents.count(("Ardmore", "ORG")) == 2


def test_role_words_and_single_unshaped_guesses_do_not_spread():
    text = 'Pemberton Tools Inc., an Ohio corporation ("Borrower"), uses Vexa. Borrower pays; Vexa runs.'
    ents = _propagate(text, [("Pemberton Tools Inc.", "ORG"), ("Vexa", "ORG")])
    assert ("Borrower", "ORG") not in ents
    assert ents.count(("Vexa", "ORG")) == 1  # found once, no legal suffix: not spread


def test_full_names_spread_in_other_casing_and_surnames_after_honorifics():
    text = "Nadia Ferrante joined Orlov Freight Lines, Inc. ORLOV FREIGHT LINES, INC. thanked Ms. Ferrante."
    ents = _propagate(text, [("Nadia Ferrante", "PERSON"), ("Orlov Freight Lines, Inc.", "ORG")])
    assert ("ORLOV FREIGHT LINES, INC.", "ORG") in ents
    assert ("Ferrante", "PERSON") in ents


def test_a_person_listed_between_organizations_is_an_organization_wherever_it_stands():
    text = ("Its licensees are Norbeck Labs (a unit of Tessaly Group plc), Gedeon Richter, the Ostrava Group "
            "and Pell Holdings. Gedeon Richter pays royalties; Dr. Ilse Varga, Pell Holdings and Tamsin Ode signed.")
    found = [("Norbeck Labs", "ORG"), ("Tessaly Group plc", "ORG"), ("Gedeon Richter", "PERSON"),
             ("Ostrava Group", "ORG"), ("Pell Holdings", "ORG"), ("Ilse Varga", "PERSON"), ("Tamsin Ode", "PERSON")]
    nlp = blank()
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in found] + [
        doc.char_span(text.rindex("Gedeon"), text.rindex(" pays"), label="PERSON")
    ]
    ents = [(e.text, e.label_) for e in nlp.add_pipe("sec_mention_propagator")(doc).ents]
    assert ents.count(("Gedeon Richter", "ORG")) == 2 and ("Gedeon Richter", "PERSON") not in ents
    # beside one organization only, or after an honorific, a person stays a person
    assert ("Ilse Varga", "PERSON") in ents and ("Tamsin Ode", "PERSON") in ents


def test_the_first_word_of_a_two_word_company_name_is_its_short_form():
    text = "Corvane Therapeutics, Inc. licensed the compound. Corvane will pay; Corvane's partner Ardent Bay LLC agreed."
    ents = _propagate(text, [("Corvane Therapeutics, Inc.", "ORG"), ("Ardent Bay LLC", "ORG")])
    assert ents.count(("Corvane", "ORG")) == 2
    assert ("Ardent", "ORG") not in ents  # "Bay" is no word a short form drops
