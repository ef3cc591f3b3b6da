import pytest


@pytest.mark.parametrize(
    "text,expected",
    [
        ("(\\$250,000)", ["(", "\\", "$", "250,000", ")"]),
        ("**0-17999**", ["**", "0", "-", "17999", "**"]),
        ("US$5 million", ["US$", "5", "million"]),
        ("Name: **Jane Roe**", ["Name", ":", "**", "Jane", "Roe", "**"]),
        ("2019 /PRNewswire/ --", ["2019", "/", "PRNewswire", "/", "--"]),
        ("(NASDAQ:IMGN)", ["(", "NASDAQ", ":", "IMGN", ")"]),
    ],
)
def test_tokenizer_splits_conversion_leftovers(nlp, text, expected):
    assert [t.text for t in nlp.make_doc(text)] == expected


def test_tokenizer_keeps_dates_and_abbreviations(nlp):
    words = [t.text for t in nlp.make_doc("on 3/27/2006 Halden Robotics, Inc. and/or Dec. 31")]
    assert "3/27/2006" in words and "Inc." in words and "and/or" in words and "Dec." in words


def test_tokenizer_survives_serialization(nlp, tmp_path):
    nlp.to_disk(tmp_path)
    import spacy

    loaded = spacy.load(tmp_path)
    assert [t.text for t in loaded.make_doc("(\\$1)")] == ["(", "\\", "$", "1", ")"]
