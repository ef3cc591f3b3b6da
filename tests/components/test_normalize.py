import pytest

from sec_events.normalize import normalize_date, normalize_money, ticker_exchange


@pytest.mark.parametrize(
    "text,value",
    [
        ("$250,000", {"value": 250000.0, "currency": "USD"}),
        ("two hundred and fifty thousand dollars", {"value": 250000.0, "currency": "USD"}),
        ("$1.2 billion", {"value": 1.2e9, "currency": "USD"}),
        ("US$5 million", {"value": 5e6, "currency": "USD"}),
        ("EUR 10 million", {"value": 1e7, "currency": "EUR"}),
        ("€3.5 million", {"value": 3.5e6, "currency": "EUR"}),
        ("$10 to $15 million", {"value": 1e7, "high": 1.5e7, "currency": "USD"}),
        ("$0.25", {"value": 0.25, "currency": "USD"}),
        ("\\$250,000", {"value": 250000.0, "currency": "USD"}),
        ("$16.6\nmillion", {"value": 16.6e6, "currency": "USD"}),
    ],
)
def test_normalize_money(text, value):
    assert normalize_money(text) == pytest.approx(value)


def test_normalize_money_without_number():
    assert normalize_money("dollars") is None


@pytest.mark.parametrize(
    "text,iso",
    [
        ("March 27, 2006", "2006-03-27"),
        ("MARCH 27, 2006", "2006-03-27"),
        ("September\n30, 1996", "1996-09-30"),
        ("Dec. 31, 2009", "2009-12-31"),
        ("27 March 2006", "2006-03-27"),
        ("3/27/06", "2006-03-27"),
        ("March 2006", "2006-03"),
        ("2007", "2007"),
        ("June 30", "--06-30"),
        ("fourth quarter of 2005", "2005-Q4"),
        ("fiscal 2005", "FY2005"),
        ("fiscal year 2005", "FY2005"),
        ("first quarter of fiscal 2006", "FY2006-Q1"),
        ("Christmas", None),
    ],
)
def test_normalize_date(text, iso):
    assert normalize_date(text) == iso


@pytest.mark.parametrize(
    "context,exchange",
    [("(NASDAQ: ", "NASDAQ"), ("(Nasdaq Global Market: ", "NASDAQ"), ("NYSE:", "NYSE"),
     ("(NYSE American: ", "NYSE American"), ("(OTCQB: ", "OTC"), ('under the symbol "', None)],
)
def test_ticker_exchange(context, exchange):
    assert ticker_exchange(context) == exchange


def test_span_extensions(make_doc):
    doc = make_doc("Acme (NYSE: ACM) paid $5 million on May 1, 2020.",
                   ents=[("ACM", "TICKER"), ("$5 million", "MONEY"), ("May 1, 2020", "DATE")])
    ticker, money, date = doc.ents
    assert ticker._.exchange == "NYSE" and ticker._.value is None
    assert money._.value == {"value": 5e6, "currency": "USD"}
    assert date._.value == "2020-05-01" and date._.exchange is None
