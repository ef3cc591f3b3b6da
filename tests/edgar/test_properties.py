"""Property-based tests: arbitrary text, HTML fragments and bytes never break the loader or extraction."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sec_events.edgar import FilingError, read_filing
from sec_events.edgar.html_text import html_to_text
from sec_events.extract import extract_all

TAGS = ["p", "div", "td", "tr", "table", "b", "br", "span", "script", "style", "ix:header", "ix:nonNumeric",
        "DOCUMENT", "TEXT", "TYPE", "head", "li"]
PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<p style="display:none">', "<!-- c -->", "<![CDATA[x]]>", "&amp;", "&nbsp;", "&#8217;",
                     "&#x2014;", "&bogus;", "&", "<", ">", "<!DOCTYPE html>", "</", "<a href='x", "\n\n",
                     "Item 1.01", "<SEC-HEADER>", "COMPANY CONFORMED NAME: X\n", "entered into", "$5 million"]),
)
HTMLISH = st.lists(PIECES, max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_map(filing):
    for part in filing.parts:
        n = len(part.text)
        for i in range(n):
            start, end = part.text_map.source_span(i, i + 1)
            assert 0 <= start <= end <= len(filing.text)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_read_or_refused(data):
    try:
        filing = read_filing(data)
    except FilingError as err:
        assert str(err)
        return
    _check_map(filing)


@SETTINGS
@given(HTMLISH)
def test_any_markup_converts_with_offsets_inside(source):
    text_map = html_to_text(source)
    for i, char in enumerate(text_map.text):
        start, end = text_map.source_span(i, i + 1)
        assert 0 <= start <= end <= len(source)
        if end - start == 1 and not char.isspace():
            assert source[start] == char  # plain characters come from where the map says


@SETTINGS
@given(st.lists(st.one_of(HTMLISH.map(str.encode), st.binary(max_size=200),
                          st.text(max_size=200).map(str.encode)), min_size=1, max_size=5))
def test_extraction_gives_one_result_per_input(rules_nlp, inputs):
    items = [(f"in-{i}", (lambda d=data: d)) for i, data in enumerate(inputs)]
    results = list(extract_all(rules_nlp, items))
    assert [r["source"] for r in results] == [name for name, _ in items]
    for data, result in zip(inputs, results):
        if result["error"]:
            assert not result["entities"] and not result["events"]
            continue
        size = len(read_filing(data).text)
        for span in result["entities"]:
            assert 0 <= span["start"] <= span["end"] <= size
        for record in result["events"]:
            assert 0 <= record["source"]["start"] <= record["source"]["end"] <= size
