"""Custom attributes: `Span._.value`, `Span._.exchange`, `Doc._.events` and `Doc._.arguments`.

Values are getters computed from the span text (and, for a ticker, the text before it), so
they need no stored state and survive `nlp.pipe(n_process=2)`; `Doc._.events` holds plain
JSON-ready dicts written by the event assembler, `Doc._.arguments` the argument chooser's
scores ([trigger start, candidate start, candidate end, label, probability]) that it reads.
"""

from typing import Optional, Union

from spacy.tokens import Doc, Span

from .normalize import normalize_date, normalize_money, ticker_exchange


def span_value(span: Span) -> Optional[Union[dict, str]]:
    """The normalized value of a MONEY or DATE span; None for other labels."""
    if span.label_ == "MONEY":
        return normalize_money(span.text)
    if span.label_ == "DATE":
        return normalize_date(span.text)
    return None


def span_exchange(span: Span) -> Optional[str]:
    """The exchange named right before a TICKER span ('NASDAQ' in '(NASDAQ: IMGN)')."""
    if span.label_ != "TICKER":
        return None
    return ticker_exchange(span.doc.text[max(0, span.start_char - 40) : span.start_char])


def register() -> None:
    """Set the extensions once; re-importing never fails."""
    if not Span.has_extension("value"):
        Span.set_extension("value", getter=span_value)
    if not Span.has_extension("exchange"):
        Span.set_extension("exchange", getter=span_exchange)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)
    if not Doc.has_extension("arguments"):
        Doc.set_extension("arguments", default=None)
