"""Reading filings: SGML submissions, HTML with inline XBRL, plain exhibits, bad input."""

import pytest

from sec_events.edgar import FilingError, read_filing
from sec_events.edgar.html_text import html_to_text

from ..conftest import FIXTURES, REAL, requires

FILINGS = FIXTURES / "filings"


def test_submission_header_parts_and_items():
    filing = read_filing((FILINGS / "submission.txt").read_bytes(), "submission.txt")
    assert filing.metadata == {
        "company": "HARLOW TIDEWATER LOGISTICS INC", "cik": "0009912345", "form": "8-K", "filing_date": "20240311",
        "period": "20240305", "accession": "0009912345-24-000187",
        "items": ["Entry into a Material Definitive Agreement", "Financial Statements and Exhibits"],
    }
    main, exhibit = filing.parts
    assert (main.type, main.sequence, main.filename) == ("8-K", "1", "htl-8k.txt")
    assert [item for _, item in main.items] == ["1.01", "9.01"]
    assert main.item_at(main.text.index("Bramblecote")) == "1.01"
    assert main.item_at(main.text.index("Press release")) == "9.01"
    assert main.item_at(0) is None
    assert exhibit.type == "EX-99.1" and exhibit.is_exhibit and not main.is_exhibit
    # The exhibit is HTML: tags gone, entities decoded, paragraphs kept.
    assert "(NYSE: HTLX)" in exhibit.text and "Harlow Tidewater’s business & outlook" in exhibit.text
    assert "<B>" not in exhibit.text and "\n\n" in exhibit.text


def test_html_with_inline_xbrl_and_table():
    filing = read_filing((FILINGS / "ixbrl-8k.htm").read_bytes(), "ixbrl-8k.htm")
    (part,) = filing.parts
    text = part.text
    for hidden in ("Hidden Header Name", "Never Shown", "margin", "8-K</title>", "Quillon Aerostructures 8-K"):
        assert hidden not in text
    assert "Quillon Aerostructures Corp." in text  # inline XBRL tags keep their text
    assert "Delaware | 001-40917 | 86-3301245\n" in text  # a table row is a line; empty cells leave nothing
    assert "On July 9, 2025, Quillon Aerostructures Corp. terminated its Supply Agreement with Tessaly Composites" \
        " GmbH & Co. KG" in text
    assert [item for _, item in part.items] == ["1.02", "2.03"]
    assert "Item 2.03 Creation of a Direct Financial Obligation.\n\nThe Company borrowed" in text  # an unclosed <p>


def test_offset_map_points_into_the_source():
    source = "<p>Acme&nbsp;Robotics,&#160;Inc. &amp; Co</p><p>a <b>Credit</b>\n Agreement</p>"
    text_map = html_to_text(source)
    assert text_map.text == "Acme Robotics, Inc. & Co\n\na Credit Agreement"
    start = text_map.text.index("Acme")
    s, e = text_map.source_span(start, start + len("Acme Robotics, Inc. & Co"))
    assert source[s:e] == "Acme&nbsp;Robotics,&#160;Inc. &amp; Co"
    start = text_map.text.index("Credit")
    s, e = text_map.source_span(start, start + len("Credit Agreement"))
    assert source[s:e] == "Credit</b>\n Agreement"


def test_plain_text_maps_one_to_one():
    data = (FILINGS / "ex99-press-release.txt").read_bytes()
    filing = read_filing(data, "ex99.txt")
    (part,) = filing.parts
    assert part.text == data.decode() and part.text_map.source_span(3, 9) == (3, 9)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 9)) * 200, "binary"),
    (b"Acme \x81\x8d\x8f terminated", "not UTF-8 or Windows-1252"),
    (b"<SEC-HEADER>\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 1.01 On May", "truncated"),
    (b"<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\nbegin 644 logo.jpg\n</TEXT>\n</DOCUMENT>", "no text document"),
    (b"<html><script>x</script></html>", "no text"),
])
def test_bad_input_says_why(data, reason):
    with pytest.raises(FilingError, match=reason):
        read_filing(data)


def test_size_limit_and_encodings():
    with pytest.raises(FilingError, match="too large"):
        read_filing(b"x" * 2000, max_bytes=1000)
    latin = read_filing("Caf\u00e9 Ren\u00e9e Holdings \u2014 terminated".encode("cp1252"))
    assert latin.parts[0].text == "Caf\u00e9 Ren\u00e9e Holdings \u2014 terminated"
    assert latin.warnings == ["not UTF-8: read as Windows-1252"]
    utf16 = read_filing("Ren\u00e9e Holdings".encode("utf-16"))
    assert utf16.parts[0].text == "Ren\u00e9e Holdings" and not utf16.warnings


@requires(REAL / "raw", "the raw EDGAR files of the real-filings dev set")
def test_raw_edgar_files_read():
    for path in sorted((REAL / "raw").iterdir()):
        filing = read_filing(path.read_bytes(), path.name)
        assert filing.parts and all(p.text.strip() for p in filing.parts)
        for part in filing.parts:
            s, e = part.text_map.source_span(0, len(part.text))
            assert 0 <= s <= e <= len(filing.text)
