"""Normalized values of entity spans, as ../shared/LABELS.md defines them.

MONEY -> {"value": 250000.0, "currency": "USD"} (a range adds "high");
DATE  -> ISO 8601 as far as the text goes: "2006-03-27", "2006-03", "2006", "--06-30",
         "2005-Q4", "FY2005", "FY2005-Q4"; None when the text is not a calendar date.
TICKER -> the exchange named just before the symbol, when the text gives one.
"""

import re
from typing import Optional

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
CURRENCY_SIGNS = {
    "us$": "USD", "$": "USD", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR",
}
CURRENCY_CODES = {
    "usd", "eur", "gbp", "jpy", "cad", "aud", "chf", "cny", "rmb", "hkd", "inr", "sek", "nok", "dkk", "krw",
    "mxn", "brl", "sgd", "zar", "nzd",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "francs": "CHF", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "INR", "cents": "USD",
}
MAGNITUDES = {"thousand": 1e3, "million": 1e6, "mm": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
}
NUMBER_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)})
EXCHANGES = {
    "nasdaq": "NASDAQ", "nyse": "NYSE", "nyse american": "NYSE American", "nyse amex": "NYSE American",
    "nyse mkt": "NYSE American", "amex": "NYSE American", "otc": "OTC", "otcqb": "OTC", "otcqx": "OTC",
    "otcbb": "OTC", "otc markets": "OTC", "tsx": "TSX", "tsx-v": "TSXV", "tsxv": "TSXV", "lse": "LSE",
    "asx": "ASX", "euronext": "Euronext", "aim": "AIM", "nyse arca": "NYSE Arca",
}


def _words_to_number(words: list[str]) -> Optional[float]:
    """'two hundred and fifty thousand' -> 250000; None if a word is not a number word."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("and", "-"):
            continue
        if w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in MAGNITUDES and w not in ("m", "b", "mm", "bn"):
            total += (current or 1) * MAGNITUDES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _amount(text: str) -> Optional[float]:
    """One amount: digits or number words, with an optional magnitude word."""
    t = text.lower().replace(",", "").strip()
    m = re.search(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|mm|bn|m|b)?\b", t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            value *= MAGNITUDES[m.group(2)]
        return value
    words = re.findall(r"[a-z]+", t)
    words = [w for w in words if w not in CURRENCY_WORDS and w not in CURRENCY_CODES and w != "us"]
    return _words_to_number(words)


def _currency(text: str) -> Optional[str]:
    """The ISO code of the sign, code or word in `text`; None when it names no currency."""
    t = text.lower()
    for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True):
        if sign in t:
            return CURRENCY_SIGNS[sign]
    for tok in re.findall(r"[a-z]+", t):
        if tok in CURRENCY_CODES:
            return "CNY" if tok == "rmb" else tok.upper()
        if tok in CURRENCY_WORDS:
            return CURRENCY_WORDS[tok]
    return None


def normalize_money(text: str) -> Optional[dict]:
    """'$10 to $15 million' -> {"value": 1e7, "high": 1.5e7, "currency": "USD"}."""
    clean = text.replace("\\", "").strip()
    currency = _currency(clean)
    if currency is None:  # "Chapter 11", a page number: money has a currency (LABELS.md)
        return None
    parts = re.split(r"\s+(?:to|-|–|and)\s+(?=(?:US)?[$€£¥]?\s?\d)", clean, maxsplit=1)
    low = _amount(parts[0])
    if low is None:
        return None
    result = {"value": low, "currency": currency}
    if len(parts) == 2:
        high = _amount(parts[1])
        if high is not None:
            mag = re.search(r"\b(thousand|million|billion|trillion)\b", parts[1].lower())
            if mag and not re.search(r"\b(thousand|million|billion|trillion)\b", parts[0].lower()):
                low *= MAGNITUDES[mag.group(1)]
            result.update(value=low, high=high)
    if "cents" in clean.lower() and "$" not in clean:
        result["value"] /= 100
    return result


def _fiscal_year(text: str) -> Optional[str]:
    m = re.search(r"\bfiscal(?:\s+year)?\s+(\d{4})\b|\bFY\s?'?(\d{2,4})\b", text, re.I)
    if not m:
        return None
    year = m.group(1) or m.group(2)
    return year if len(year) == 4 else f"20{year}"


def normalize_date(text: str) -> Optional[str]:
    """ISO 8601 as far as the text goes, or None for text that is not a calendar date."""
    t = " ".join(text.replace(",", " ").split())
    low = t.lower()
    quarter = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])\b(?:\s+quarter)?", low)
    q = None
    if quarter:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(
            quarter.group(1), None
        ) or int(quarter.group(1)[1])
    fy = _fiscal_year(t)
    if fy:
        return f"FY{fy}-Q{q}" if q and ("quarter" in low or low.startswith("q")) else f"FY{fy}"
    year_m = re.search(r"\b(1[89]\d{2}|20\d{2})\b", t)
    year = year_m.group(1) if year_m else None
    if q and year and ("quarter" in low or re.search(r"\bq[1-4]\b", low)):
        return f"{year}-Q{q}"
    num = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if num:
        mo, d, y = int(num.group(1)), int(num.group(2)), num.group(3)
        y = y if len(y) == 4 else (f"19{y}" if int(y) > 50 else f"20{y}")
        return f"{y}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if iso:
        return t
    month = next((MONTHS[w.rstrip(".")] for w in low.split() if w.rstrip(".") in MONTHS), None)
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(r"\b(1[89]\d{2}|20\d{2})\b", "", low))
    day = int(day_m.group(1)) if day_m and month else None
    if month and day and 1 <= day <= 31:
        return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    if month and year:
        return f"{year}-{month:02d}"
    if month and re.fullmatch(r"(?:mid-|early |late )?[a-z]+\.?", low):
        return f"--{month:02d}"
    if year and re.fullmatch(r"(?:the\s+)?(?:calendar\s+)?(?:year\s+)?\d{4}", low):
        return year
    return year


def ticker_exchange(context: str) -> Optional[str]:
    """The exchange named at the end of the text just before a symbol ('(NASDAQ: ' -> 'NASDAQ')."""
    m = re.search(r"([A-Za-z][A-Za-z \-]{1,20}?)\s*[:;]?\s*[\"“]?\s*$", context)
    if not m:
        return None
    name = re.sub(r"^.*?\b(nasdaq|nyse|amex|otc|tsx|lse|asx|euronext|aim)\b", r"\1", m.group(1).lower()).strip()
    name = re.sub(r"\s+(global|capital|stock|market|select|national).*$", "", name)
    return EXCHANGES.get(name)
