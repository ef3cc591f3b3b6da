"""`sec_event_assembler`: one structured record per event trigger, in `doc._.events`.

Reads `doc.ents`, `doc.spans[spans_key]` and sentence boundaries; writes `doc._.events`, a
list of plain dicts (LABELS.md, "Event records"):

    {"type", "trigger": {"start", "end", "text"}, "agreement", "parties", "date", "amount", "event"}

Rules, in order of preference (each a small function below):
- agreement: the AGREEMENT in the trigger's sentence (first after the trigger, else the
  nearest before, and of "the Indenture governing the Notes" the Indenture; when a
  lowercase object comes first, "signed consent agreements with the lenders under its
  Notes", the document's capitalized agreement of its kind, "Consent Agreement", if any),
  resolved to its most complete name: a defined short name ('(the "Agreement")', '(as
  amended, the "Merger Agreement")') maps to the name it was defined for, a name whose
  words all occur in a longer name with the same head word maps to that name (one sharing
  only some of them, only to the agreement that a short name was defined for; one followed
  by its date or parties, "the Loan Agreement dated ...", is already complete; "the Credit
  Facility" is the most complete credit agreement holding its words, when no name of its
  own head does); for an amendment or extension of "First Amendment to X", the agreement
  is X, also when the record took it from elsewhere, and an amending document that does not
  say what it amends ("Second Amendment") gives the one agreement the document's other
  amendments and extensions name. Without one: when the sentence names a lowercase agreement
  ("entered into two supply agreements", "a definitive agreement to acquire"), the agreement the next
  sentence of the paragraph names, else the document's most complete capitalized agreement
  of that kind ("Supply", "Merger"), else null; otherwise the previous record's, when it
  is in the same paragraph or the sentence refers back ("The amendment also ...",
  "extended the agreement"), else the capitalized agreement of the kind a bare noun after
  the trigger names ("entry into lease agreement"). Still without one, an event noun taken
  as known ("the termination", "this renewal") is of the one agreement the document's
  records of its type name, if they name one, and takes that record's parties.
- parties: the ORGs of the sentence (wire services of a dateline, relatives as in "a
  subsidiary of X" and possessives as in "X's common stock" aside), each by its most
  complete name in the document ("Brightwater" -> "Brightwater Pharmaceuticals Corp."; a
  name with a legal suffix is complete), plus the registrant when the sentence says "the
  Company" or "we"; plus the parties already known for the agreement, from an earlier
  record or from a list after one of its mentions ("Loan Agreement, dated ..., among A, B
  and C", as in exhibit indexes, every listing of the name); when the sentence names none
  and does not speak of the Company, the last organization its paragraph names before it
  ("Harrow Freight leases ... The lease expires"), else the registrant.
- date: a DATE introduced by "on", "in", "during", "as of", "effective" (not "beginning
  in", "through"), "dated" (the last for an entry only: "amends the Lease dated June 1,
  2007" dates the lease) (or right after an expiry or termination trigger), given to the
  nearest trigger before it ("entered into in 2004, as amended"), else to the nearest
  after (a month listed with a dated one takes its year: "March and June 2011"); for an
  event noun that opens its sentence ("The extension was signed on ..."), the sentence's;
  else the sentence's opening "On <date>," / "In <month>," unless the sentence announces
  the event (then that is the announcement's date); else shared with the other records of
  the same event; an extension without one takes the date of the amendment that made it; a
  sentence that says "on the same date" or "concurrently", and an amendment or extension in
  the paragraph of a dated entry, amendment or extension ("... entered into the Fourth
  Amendment on July 24, 2020. The Fourth Amendment extends ..."), take the previous record's; a
  release's "today announced" takes the dateline's (after a wire service, or between the place
  and a dash: "WALTHAM, Mass., February 11, 2008 --"), or the date of a signing of its type the
  filing gives in the week before, and so do the other mentions of that event ("Under the
  amendment, ..."); a termination by notice takes the date it takes effect, which another
  mention may give ("The termination takes effect on ..."); in a current report (a cover page),
  an undated entry, amendment or extension takes the date of the reported transaction (the
  first dated record within a month of the cover's date of the earliest event reported,
  else that date), unless it "had" happened before.
- amount: the MONEY of the sentence nearest the trigger (the new amount of "from $X to
  $Y", per-share prices aside unless an amendment sets nothing else; for a termination only
  a payment, "paying a termination fee of $240,000"); an entry "to complete this
  acquisition" takes the price one of the two sentences before states; else the money paid
  or valued in the next sentence when it goes on about the same deal ("Under the Agreement,
  ... will pay", "It provides for", "In connection with the termination, ... paid"); else
  shared within the event (not for terminations).
- An 8-K item heading's trigger ("Item 1.01 Entry into ...") copies the record of the same
  type that the item's body gives first; a later heading of the same type quotes that item
  ("the information under 'Item 1.01 Entry into ...' is incorporated") and copies the same; a
  release's headline copies the record of its type below it, keeping what it says itself.
- A termination or extension stated as possible ("may terminate", "options to extend") and an
  amendment an agreement had before ("as previously amended") are events of their own, undated.
- event: records of one event share an id (`sec_events.events`): the same type, the same
  named agreement, no two different dates; a heading is of its body record's event.
"""

import re
from bisect import bisect_left
from datetime import date
from itertools import islice, takewhile
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events import link_events
from ..extensions import register
from ..labels import EVENTS_KEY
from ..normalize import normalize_date, normalize_money
from .coreference import NameResolver, name_key, named_for_kind, next_sentence_agreement, norm, unique

CHOOSERS = ("rules", "learned")
DRAFT_ONLY = ("heading", "same_time", "earlier", "paragraph", "definite", "apart", "effective", "notice", "body")
ACCEPT, REJECT = 0.9, 0.02  # the learned choice's thresholds (see apply_choices; configs/cpu.cfg says how they were chosen)
ROLES = {"AGREEMENT": "agreement", "ORG": "parties", "DATE": "date", "MONEY": "amount"}  # the field each label fills
HEADING = re.compile(r"(?i)\bitem\s*\d+\.\d+\W{0,4}$")
SPAN_WORDS = {"beginning", "starting", "commencing", "through", "until", "ending"}
DATE_CUES = {"on", "dated", "of", "effective", "in", "during"}
# "as of" dates an event after these words ("dated as of", "entered into as of"), not after others:
# "covenant requirements as of June 30, 1998", "the balance sheet as of" give the day a figure is measured
AS_OF_AFTER = {"dated", "made", "effective", "into", "executed", "signed", "entered", "amended", "restated",
               "terminated", "extended", "renewed", "modified", "supplemented"}
AS_OF_AFTER_TRIGGER = 4  # tokens between a trigger and an "as of" that dates it
WIRE_SERVICE = re.compile(r"(?i)news\s*wire|business\s*wire|marketwire")
ANNOUNCEMENT = re.compile(r"(?i)\bannounc|press release")
ANNOUNCING = re.compile(r"(?i)\bannouncing\s+(?:the\s+|its\s+|their\s+)?$")  # "a press release announcing the entry"
MADE_BY_TRANSACTION = {"AGREEMENT_AMENDMENT", "AGREEMENT_EXTENSION"}  # changes a document or a signing makes
_EVENT_NOUNS = r"(?:termination|renewal|extension|amendment|expiration|execution|signing)s?"
EVENT_NOUN = re.compile(rf"(?i){_EVENT_NOUNS}")
ANNOUNCED_EVENT = re.compile(rf"(?i)entry|entries|{_EVENT_NOUNS}")  # "announcing its entry into"
DEFINITE_BEFORE = re.compile(r"(?i)\b(?:the|this|such|that)\s+(?:[a-z-]+\s+)?$")  # "the termination", "this early termination"
SAME_TIME = re.compile(r"(?i)\b(?:same (?:date|day|time)|concurrently|simultaneously)\b")
LIST_CUE = re.compile(r"(?i)\b(?:between|among|amongst)\b")
PER_UNIT = re.compile(  # "$5.92 per share", "$3.15 per square foot", "$62 a barrel"
    r"(?i)\s*(?:per|a|for each)\s+(?:common\s+|rentable\s+)?(?:share|square\s+f(?:oo|ee)t|sq\.?\s*ft|unit|barrel|"
    r"ton|tonne|pound|gallon|ounce|MWh|megawatt|hour)\b"
)
PLUPERFECT = re.compile(r"(?i)\bhad\s+(?:\w+\s+)?$")  # "it had entered into": before the reported events
RELATIVE_OF = re.compile(r"(?i)\b(?:subsidiary|subsidiaries|division|unit|affiliate|parent(?: company)?)\s+of\s+(?:the\s+)?$")
AMENDED_BY = re.compile(r"(?i)\s*,?\s*by\s+(?:(?:the|a|an|its|that\s+certain)\s+)?")
GOVERNED = re.compile(r"(?i)\s*,?\s*(?:governing|under|relating to|related to|pursuant to|for|of|with respect to)\s+(?:the\s+|its\s+|our\s+)?")
POSSESSIVE_NON_PARTY = re.compile(r"(?i)^\s*['’]s?\s+(?!(?:\w+\s+){0,3}?(?:agreements?|contracts?|leases?|licen[sc]es?|facility|loan|credit|plan|indenture|notes|arrangement)\b)")
ANAPHOR = re.compile(r"(?i)\b(?:this|these|the|such)\s+(?:proposed\s+)?(?:acquisitions?|transactions?|mergers?|sales?|purchases?|financing|offering|settlement|investment)\b")
CONSIDERATION = re.compile(r"(?i)\b(?:consideration|purchase price|price of|valued at|value of|paid|pay|proceeds|for approximately|for \$)")
THIS_AGREEMENT = re.compile(r"(?i)\b(?:this|such)\b[^.;]{0,60}?\b(?:contract|agreement|arrangement|award|order|lease|license)\b")
VALUE_WORDS = re.compile(r"(?i)\b(?:value|valued|worth|price|consideration|total|aggregate|provides? for|rent|commitments?|principal)\b")
PAYMENT = re.compile(r"(?i)\b(?:pa(?:y|ys|id|ying|yments?|yable)|fees?|in exchange for|in consideration|penalty)\b(?:(?!\b(?:and|but)\b)[^.;]){0,60}$")
TERMINATION_WORD = re.compile(r"(?i)\btermination\b")
FOLLOW_ON = re.compile(  # a sentence going on about the deal of the one before
    r"(?i)\W*(?:(?:under|pursuant to|in connection with|in consideration (?:for|of)|as part of|in exchange for|upon)\s+(?:the|this|such|that|its)\b"
    r"|(?:it|the\s+(?:[\w-]+\s+){0,6}(?:agreement|amendment|lease|license|contract|facility|plan))\s+(?:also\s+)?(?:provides?|includes?|has|have|sets?|calls? for|requires?)\b)"
)
LISTED_WITH = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")  # "March and June 2011"
EVENT_SUBJECT = re.compile(r"(?i)^\W*(?:the|this|such|each such|that)\s*$")
TODAY = re.compile(r"(?i)\btoday\b")
# A release's dateline: "RENO, Nev., Nov. 28, 2011 /PRNewswire/", "AUSTIN, Texas--(BUSINESS WIRE)--Nov. 14, 2005--"
DATELINE_AFTER = re.compile(r"^\s*(?:/|\(|--)\s*(?:pr\s*newswire|globe\s*newswire|business\s*wire|marketwired?|accesswire)", re.I)
DATELINE_BEFORE = re.compile(r"(?i)(?:business\s*wire|newswire|marketwired?)\)?\s*--\s*$")
# or without a wire service: "WALTHAM, Mass., February 11, 2008 -- Corvana ...", the place opening its line
_PLACE = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*"
DATELINE_PLACE = re.compile(rf"^[ \t]*{_PLACE},(?:[ \t]*{_PLACE},)?[ \t]*$")
DATELINE_DASH = re.compile(r"^[ \t]*(?:--|—|–|-[ \t])")
ANNOUNCED_WITHIN_DAYS = 7  # a release announces a signing within days
REPORT_WINDOW_DAYS = 31  # a current report is filed within days of the event it reports
REPORT_DATE_CUE = re.compile(r"(?i)date\s+of\s+(?:report|earliest\s+event\s+reported)")


def _possible(more: str) -> "re.Pattern":
    """Words stating an event as possible: the modals, and `more` (alternatives of a regex). "may"
    in lower case only: "On May 16, 2003, ... will terminate" states no possibility."""
    return re.compile(rf"\bmay\b|(?i:\b(?:might|could|can|would|should|if|in the event|{more})\b)")


HYPOTHETICAL = _possible(  # "either party may terminate", "unless terminated earlier" (not "exercised its right to terminate")
    r"cannot|unless|elects? to|wish(?:es)? to"
)
POSSIBLE_EXTENSION = _possible(  # "two options to extend the term", "may extend the line", "subject to automatic renewal"
    r"options?\s+(?:\w+\s+)?to|rights?\s+to|automatic(?:ally)?"
)
EXERCISED = re.compile(r"(?i)\bexercis")  # "exercised its option to extend": the extension itself
AUTOMATIC = re.compile(r"(?i)\s+automatically\b")  # "will renew automatically for successive one-year terms"
RECALLED_BEFORE = re.compile(r"(?i)\b(?:previously|earlier|heretofore)\s+$")  # "(as previously amended, the "Lease")"
RECALLED_AFTER = re.compile(r"(?i)[\w ,/]{0,60}?\b(?:before|prior to)\b")  # "as amended prior to the Fifth Amendment"
EFFECTIVE_CUE = re.compile(r"(?i)\b(?:effective|t[ao]ke[sn]?\s+effect|took\s+effect)(?:\s+(?:on|as\s+of|at))?\s*$")
NOTICE = re.compile(r"(?i)\bnoti(?:ce|fied|fies|fy|fication)\b")
AMENDING = re.compile(r"(?i)\b(?:amendments?|supplements?|supplemental\s+indenture|waiver|modification)\b")
AMENDING_TO = re.compile(r"(?i).*?\b(?:amendment|supplement|waiver)\b.*?\bto\s+(?:the\s+)?(.+)$")
COMPANY_WORDS = re.compile(r"(?i)\b(?:the company|we|our|us|the registrant)\b")
MODIFIER = r"(?!(?:the|a|an|in|of|to|for|with|on|by|under|and|or|that|this|its)\b)[a-z][a-z-]*\s+"
GENERIC_AGREEMENT = re.compile(  # "a management agreement", "the retention bonus agreements", "our prior credit facility"
    rf"\b(?:(?:a|an|this|that|these|its|their|two|three|four|several|various|certain)\s+(?:{MODIFIER}){{0,4}}|(?:the|[Tt]he\s+\w+'s|our)\s+(?:{MODIFIER}){{1,4}})"
    r"(?:agreements?|contracts?|leases?|plans?|facility|facilities|licenses?|notes?)\b"
)
OBJECT_KIND = re.compile(  # "signed consent agreements", "entry into lease agreement": a lowercase object of a kind
    rf"\s+(?:into\s+|to\s+|of\s+)?(?:(?:a|an|two|three|four|several|various|certain|new)\s+)?"
    rf"((?:{MODIFIER}){{1,3}}(?:agreements?|contracts?|leases?|licenses?|facility))\b"
)
REFERS_BACK = re.compile(r"(?i)\W*(?:the|this|such|it|these)\b")
DEFINITE_OBJECT = re.compile(r"(?i)\s+(?:the|this|that|such)\s+(?:agreements?|contracts?|leases?|licenses?|facility|plan)\b")


def _place_before(text: str, date: Span, reach: int = 60) -> bool:
    """Whether the date's line opens with a place and nothing else before it, within `reach`
    characters ("WALTHAM, Mass., February 11, 2008"); looks back no further than that."""
    lo = max(0, date.start_char - reach - 1)
    newline = text.rfind("\n", lo, date.start_char)
    if newline < 0 and lo > 0:
        return False  # a longer line
    return bool(DATELINE_PLACE.match(text[newline + 1 : date.start_char]))


def _is_heading(text: str, trigger: Span) -> bool:
    """An 8-K item heading's word, also when a sentence quotes the heading."""
    return bool(HEADING.search(text[max(0, trigger.start_char - 20) : trigger.start_char]))


def _in_headline(text: str, trigger: Span, dateline: Optional[Span], reach: int = 600) -> bool:
    """A release's headline word ("Acme Extends Supply Agreement with Baxter"): on a line without
    a full stop, within `reach` characters before the release's dateline."""
    if dateline is None or not 0 < dateline.start_char - trigger.start_char <= reach:
        return False
    start = text.rfind("\n", 0, trigger.start_char) + 1
    end = text.find("\n", trigger.end_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    return 0 <= end < dateline.start_char and len(line) <= 200 and not line.endswith(".")


def tokens_before(doc: Doc, ent: Span, n: int = 3, spaces: int = 2) -> List[Token]:
    """The `n` words before `ent`, read across at most `spaces` whitespace tokens (line breaks)."""
    return [t for t in doc[max(0, ent.start - n - spaces) : ent.start] if not t.is_space][-n:]


def _cued(doc: Doc, ent: Span, trig: Optional[Span] = None) -> bool:
    """A date introduced by 'on', 'in', 'effective' or 'as of' (AS_OF_AFTER: not "covenant
    requirements as of June 30", unless at most a few words after the trigger: "terminated by the
    Company as of March 2010"); 'dated' only for an entry: "amends the Lease dated June 1, 2007"
    gives the lease's date, not the amendment's."""
    tokens = tokens_before(doc, ent, spaces=3)
    words = [t.lower_ for t in tokens]
    if not words or words[-1] not in DATE_CUES:
        return False
    if len(words) > 1 and words[-2] in SPAN_WORDS:  # "beginning in 2020": when a term runs, not the event
        return False
    if words[-2:] == ["as", "of"] and not (
        tokens[-2].is_sent_start  # "As of May 1, 2020, the Company ..."
        or (len(words) == 3 and words[-3] in AS_OF_AFTER)
        or (trig is not None and 0 <= tokens[-2].i - trig.end <= AS_OF_AFTER_TRIGGER)
    ):
        return False
    label = trig.label_ if trig is not None else "AGREEMENT_ENTRY"
    return label == "AGREEMENT_ENTRY" or "dated" not in words


def _pluperfect(text: str, trig: Span) -> bool:
    """ "it had entered into": an event before the ones the text reports."""
    return bool(PLUPERFECT.search(text[max(0, trig.start_char - 20) : trig.start_char]))


def _apart(text: str, trig: Span, sent: Span) -> bool:
    """A mention that is an event of its own, neither lending nor taking the date of the event its
    agreement's other mentions report: a termination or extension its clause states as possible,
    not as happening ("either party may terminate", "unless terminated earlier", "two options to
    extend", "renews automatically"; an extension "unless extended" is left alone: "scheduled to
    expire ... unless extended" is often the extension the text goes on to report), and the
    amendments an agreement had before ("as previously amended", "as amended prior to the Fifth
    Amendment")."""
    if trig.label_ in ("AGREEMENT_TERMINATION", "AGREEMENT_EXTENSION"):
        clause = re.split(r"[;:]", text[sent.start_char : trig.start_char])[-1]
        if trig.label_ == "AGREEMENT_TERMINATION":
            return bool(HYPOTHETICAL.search(clause))
        return bool((POSSIBLE_EXTENSION.search(clause) and not EXERCISED.search(clause))
                    or AUTOMATIC.match(text, trig.end_char, sent.end_char))
    if trig.label_ == "AGREEMENT_AMENDMENT":
        before = text[max(0, trig.start_char - 20) : trig.start_char]
        return bool(RECALLED_BEFORE.search(before)
                    or (before.endswith("as ") and RECALLED_AFTER.match(text, trig.end_char, sent.end_char)))
    return False


def _effective(text: str, trig: Span, ents: List[Span]) -> Optional[str]:
    """The date a termination takes effect, when its sentence gives one ("effective March 31",
    "The termination takes effect on September 12, 2016")."""
    if trig.label_ != "AGREEMENT_TERMINATION":
        return None
    for e in ents:
        if e.label_ == "DATE" and EFFECTIVE_CUE.search(text[max(0, e.start_char - 30) : e.start_char]):
            return _date_value(text, e, ents)
    return None


def _date_value(text: str, when: Span, ents: List[Span]) -> Optional[str]:
    """The ISO value of a DATE; a month or day without a year takes the year of the date it is
    listed with ("in March and June 2011" -> 2011-03, "June 30 and December 31, 2011")."""
    value = normalize_date(when.text)
    if value and value.startswith("--"):
        for other in ents:
            if other.label_ == "DATE" and LISTED_WITH.fullmatch(text[when.end_char : other.start_char]):
                year = (normalize_date(other.text) or "")[:4]
                return f"{year}-{value[2:]}" if year.isdigit() else value
    return value


def _days_apart(a: str, b: str) -> float:
    """Days between two ISO dates; 0 when a partial one holds the other ("2006-03", "2006-03-27"),
    infinite when they cannot be compared ("FY2005")."""
    if a.startswith(b) or b.startswith(a):
        return 0
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return float("inf")


def _unit_price(text: str, money: Span) -> bool:
    """A price per share or unit ("$5.92 per share", "$3.15 per square foot"), not an amount an
    agreement carries."""
    return bool(PER_UNIT.match(text[money.end_char : money.end_char + 20]))


def _starting_in(triggers: Sequence[Span], starts: Sequence[int], span: Span) -> Sequence[Span]:
    """The triggers (in order, `starts` their first tokens) that start inside `span`."""
    return triggers[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def _paid(text: str, money: Span) -> bool:
    """Money that a payment cue leads to within its clause ("paying a fee of $240,000", "in
    exchange for a payment of $1.35 million")."""
    return bool(PAYMENT.search(text[max(0, money.start_char - 80) : money.start_char]))


def _definite_mention(text: str, trig: Span) -> bool:
    """An event noun after "the", "this", "such" or "that": an event the text has already told of."""
    return bool(EVENT_NOUN.fullmatch(trig.text)
                and DEFINITE_BEFORE.search(text[max(0, trig.start_char - 30) : trig.start_char]))


def _money_value(money: Span) -> Optional[dict]:
    value = normalize_money(money.text)
    return {"value": value["value"], "currency": value["currency"]} if value else None


def _relative(text: str, org: Span) -> bool:
    """An organization named as another's relative ("Pell Orbital, a subsidiary of Pell Corp."): not a party."""
    return bool(RELATIVE_OF.search(text[max(0, org.start_char - 40) : org.start_char]))


def _replaced_amount(text: str, money: Span, others: List[Span]) -> bool:
    """The old amount of "from $100 million to $125 million"."""
    if not re.search(r"\bfrom\s*$", text[max(0, money.start_char - 8) : money.start_char]):
        return False
    return any(o.start > money.end and re.fullmatch(r"\s*to\s*", text[money.end_char : o.start_char]) for o in others)


def agreement_value(names: NameResolver, ent: Span, trigger_label: str) -> str:
    """The agreement a record names for AGREEMENT mention `ent`: its most complete name; for an
    amendment or extension of "First Amendment to X", X."""
    name = names.agreement(ent)
    return amended_by(names, name) or name if trigger_label in MADE_BY_TRANSACTION else name


def amended_by(names: NameResolver, name: str) -> Optional[str]:
    """X, when `name` is a document amending X ("First Amendment to X", "Waiver and Third
    Amendment to X"); None when it is not one or does not say what it amends."""
    m = AMENDING_TO.match(" ".join(name.split()))
    if m is None:
        return None
    full = names.first_agreement(m.group(1))
    return names.agreement(full) if full is not None else m.group(1)


def argument_value(names: NameResolver, ent: Span, trigger_label: str) -> Union[str, dict, None]:
    """The value entity `ent` gives the record field of its label (`ROLES`): the agreement's or
    organization's most complete name, the ISO date, the amount."""
    if ent.label_ == "AGREEMENT":
        return agreement_value(names, ent, trigger_label)
    if ent.label_ == "ORG":
        return names.org(ent)
    if ent.label_ == "DATE":
        return _date_value(names.text, ent, names.ents)
    if ent.label_ == "MONEY":
        return _money_value(ent)
    return None


def same_value(a: Union[str, dict, None], b: Union[str, dict, None]) -> bool:
    """Names compared ignoring case, spacing and punctuation; amounts in the same currency within
    0.5% ("$4.1 million" is 4099999.9999999995 in floating point), as LABELS.md scores them;
    dates exactly."""
    if isinstance(a, str) and isinstance(b, str):
        return name_key(a) == name_key(b)
    if isinstance(a, dict) and isinstance(b, dict):
        x, y = a.get("value"), b.get("value")
        return (a.get("currency") == b.get("currency") and isinstance(x, (int, float)) and isinstance(y, (int, float))
                and abs(x - y) <= 0.005 * max(abs(x), abs(y)))
    return a == b


def _announcement_date(text: str, ent: Span, trig: Span, sent: Span) -> bool:
    """A date of the sentence `sent` of an event noun that an announcement reports: before it ("On
    March 8, 2021, the Company issued a press release announcing the signing of ..."), or anywhere
    in it when the noun is what is announced ("Press release announcing entry into loan agreement
    issued on October 26, 2010"): the announcement's, not the event's."""
    if not ANNOUNCED_EVENT.fullmatch(trig.text) or not sent.start_char <= ent.start_char < sent.end_char:
        return False
    if ANNOUNCING.search(text[max(0, trig.start_char - 30) : trig.start_char]):
        return True
    return ent.end_char <= trig.start_char and bool(ANNOUNCEMENT.search(text[ent.end_char : trig.start_char]))


def apply_choices(records: List[dict], triggers: Sequence[Span], arguments: List[list], names: NameResolver,
                  accept: float, reject: float) -> None:
    """Set each record's fields from an argument chooser's scores (`doc._.arguments`: [trigger
    start, candidate start, candidate end, label, probability of its role]): of the candidates
    for a field (an announcement's date and a "today" release's dateline aside, as the rules have
    them), the likeliest if it reaches
    `accept` (the rules' choice when it reaches it too), and every such party; a value the rules
    chose is dropped when every mention of it scores below `reject`; other values the rules chose
    stay, among them those drawn from elsewhere (the registrant of "the Company", an earlier
    record)."""
    ents = {(e.start_char, e.end_char): e for e in names.ents}
    by_trigger: Dict[int, List[Tuple[Span, float]]] = defaultdict(list)
    for t_start, c_start, c_end, label, p in arguments:
        ent = ents.get((c_start, c_end))
        if ent is not None and ent.label_ == label:
            by_trigger[t_start].append((ent, p))
    for trig, rec in zip(triggers, records):
        options: Dict[str, List[Tuple[float, Union[str, dict]]]] = defaultdict(list)
        sent = names.sentence(trig.start)
        for ent, p in by_trigger.get(trig.start_char, []):
            if ent.label_ == "DATE" and (
                _announcement_date(names.text, ent, trig, sent)
                or (rec.get("today") is not None and normalize_date(ent.text) == rec["today"])
            ):  # the dateline of "today announced": the release's date, left to the "today" rule
                continue
            value = argument_value(names, ent, trig.label_)
            if value is not None:
                options[ROLES[ent.label_]].append((p, value))
        for field, scored in options.items():
            best: List[Tuple[float, Union[str, dict]]] = []  # each value once, at the score of its best mention
            for p, v in sorted(scored, key=lambda o: -o[0]):
                if not any(same_value(v, b) for _, b in best):
                    best.append((p, v))
            accepted = [v for p, v in best if p >= accept]
            rejected = [v for p, v in best if p < reject]
            if field == "parties":
                kept = [x for x in rec["parties"] if not any(same_value(x, r) for r in rejected)]
                rec["parties"] = unique(kept + accepted)
            elif accepted and not any(same_value(rec[field], a) for a in accepted):
                rec[field] = accepted[0]  # the rules' choice stays when the chooser accepts it too
            elif any(same_value(rec[field], r) for r in rejected):
                rec[field] = None


class EventAssembler:
    """Builds `doc._.events` from triggers and entities (see the module docstring)."""

    document_level = True  # reads the whole document (see extract.pipeline_stages)

    def __init__(self, nlp: Optional[Language], name: str = "event_assembler", *, spans_key: str = EVENTS_KEY,
                 chooser: str = "rules", accept: float = ACCEPT, reject: float = REJECT) -> None:
        if chooser not in CHOOSERS:
            raise ValueError(f"{name}: chooser must be one of {', '.join(CHOOSERS)}, not {chooser!r}")
        register()
        self.name = name
        self.spans_key = spans_key
        self.chooser = chooser
        self.accept = accept
        self.reject = reject

    def __call__(self, doc: Doc) -> Doc:
        names = NameResolver(doc)
        triggers, records = self.draft(doc, names)
        if self.chooser == "learned":
            if doc._.arguments is None:
                raise ValueError(
                    f"{self.name}: chooser = 'learned' reads the scores of an argument chooser "
                    "(sec_argument_chooser) placed before it; add one, or set chooser = 'rules'"
                )
            apply_choices(records, triggers, doc._.arguments, names, self.accept, self.reject)
        self._amended_not_amending(records, names)
        self._name_definite_mentions(records)
        self._share_within_events(records)
        dated_today = False
        signed_on = self._signing_days(records)
        for rec in records:  # "today announced ...": the release's date, when nothing better is known
            today = rec.pop("today")
            if rec["date"] is None and today is not None:
                dated_today = True
                rec["date"] = self._reported_before(signed_on.get(rec["type"], []), today) or today
        if dated_today:  # "Under the amendment, ...": the other mentions of an event dated "today"
            self._share_within_events(records)
        self._share_with_previous(records)
        if names.cover:
            self._share_report_date(records, self._report_date(names))
        self._fill_headings(records)
        self._link_events(records)
        for rec in records:
            for key in DRAFT_ONLY:
                del rec[key]
        doc._.events = records
        return doc

    def draft(self, doc: Doc, names: NameResolver) -> Tuple[List[Span], List[dict]]:
        """(triggers in order, one record each): the arguments the rules choose in and around each
        trigger's sentence, before the records of one event share them."""
        triggers = sorted(doc.spans.get(self.spans_key, []), key=lambda s: s.start_char)
        registrant = names.registrant()
        dateline_ent = self._dateline(names)
        dateline = normalize_date(dateline_ent.text) if dateline_ent is not None else None
        records: List[dict] = []
        known_parties: Dict[str, List[str]] = self._listed_parties(names)
        previous: Optional[dict] = None
        trigger_starts = [t.start for t in triggers]
        for trig in triggers:
            sent = names.sentence(trig.start)
            ents = [e for e in names.starting(sent.start_char, sent.end_char) if e.end <= sent.end]
            in_sent = [t for t in _starting_in(triggers, trigger_starts, sent)
                       if t.end <= sent.end]
            rec = {
                "type": trig.label_,
                "trigger": {"start": trig.start_char, "end": trig.end_char, "text": trig.text},
                "agreement": self._agreement(trig, ents, names),
                "parties": [],
                "date": self._date(doc, names.text, trig, in_sent, sent, ents),
                "amount": self._amount(names.text, trig, ents)
                or self._consideration(doc, names, trig, sent)
                or self._amount_after(names, trig, sent, triggers, trigger_starts),
                "heading": ("item" if _is_heading(names.text, trig)
                            else "headline" if _in_headline(names.text, trig, dateline_ent) else None),
                "today": dateline if TODAY.search(sent.text) else None,
                "same_time": bool(SAME_TIME.search(sent.text)),
                "earlier": _pluperfect(names.text, trig),
                "paragraph": names.paragraph_start(trig.start_char),
                "definite": _definite_mention(names.text, trig),
                "apart": _apart(names.text, trig, sent),
                "effective": _effective(names.text, trig, ents),
                "notice": trig.label_ == "AGREEMENT_TERMINATION" and bool(NOTICE.search(sent.text)),
                "body": None,
            }
            if rec["agreement"] is None:
                rec["agreement"] = self._unnamed_agreement(names, trig, sent, previous)
            parties = self._parties(sent, ents, names, registrant)
            known = known_parties.get(norm(rec["agreement"] or ""), [])
            if known and set(map(norm, parties)) <= set(map(norm, known)):
                parties = list(known)
            elif known:
                parties = unique(parties + known)
            elif not parties and not COMPANY_WORDS.search(sent.text):
                # "Harrow Freight leases ... The lease expires in 2013": the paragraph's organization;
                # not when the registrant is the party ("the Company", "we") but goes unnamed
                parties = self._paragraph_subject(names, trig) or ([registrant] if registrant else [])
            rec["parties"] = parties
            if rec["agreement"] and parties:
                known_parties[norm(rec["agreement"])] = parties
            records.append(rec)
            if not rec["heading"]:
                previous = rec
        return triggers, records

    @staticmethod
    def _agreement(trig: Span, ents: List[Span], names: NameResolver) -> Optional[str]:
        agreements = [e for e in ents if e.label_ == "AGREEMENT"]
        after = [e for e in agreements if e.start >= trig.end]
        before = [e for e in agreements if e.end <= trig.start]
        kind = OBJECT_KIND.match(names.text, trig.end_char)
        if after and kind and kind.end() <= after[0].start_char:
            # "signed consent agreements with the lenders under its Notes": the Consent Agreement
            named = named_for_kind(names, kind.group(1), "")
            if named:
                return named
        # "as amended by Amendment No. 1": the amending document; the amended agreement is before it
        made_by = bool(after and before and trig.label_ in MADE_BY_TRANSACTION
                       and AMENDED_BY.fullmatch(names.text[trig.end_char : after[0].start_char]))
        if after and not made_by:
            chosen = after[0]
        elif before:
            k = len(before) - 1  # "the Indenture governing the Notes ... was terminated": the Indenture
            while k > 0 and GOVERNED.fullmatch(names.text[before[k - 1].end_char : before[k].start_char]):
                k -= 1
            chosen = before[k]
        else:
            return None
        return agreement_value(names, chosen, trig.label_)

    @staticmethod
    def _unnamed_agreement(
        names: NameResolver, trig: Span, sent: Span, previous: Optional[dict]
    ) -> Optional[str]:
        """The agreement of a trigger whose sentence names none. A lowercase one after the
        trigger ("entered into two supply agreements", "a definitive agreement to
        acquire") is the one the next sentence names, else the document's capitalized
        agreement sharing its kind ("Agreement and Plan of Merger"), else unnamed (null).
        Without one, the previous record's when it is in the same paragraph or the sentence
        refers back ("The amendment also ...", "has extended the agreement"); else the
        capitalized agreement of the kind a bare noun names ("entry into lease agreement")."""
        generic = GENERIC_AGREEMENT.search(names.text, trig.end_char, sent.end_char)
        if generic is not None:
            return next_sentence_agreement(names, sent) or named_for_kind(
                names, generic.group(0), names.text[generic.end() : sent.end_char]
            )
        paragraph = names.paragraph_start(trig.start_char)
        refers_back = REFERS_BACK.match(sent.text) or DEFINITE_OBJECT.match(names.text, trig.end_char)
        if previous is not None and (previous["trigger"]["start"] >= paragraph or refers_back):
            return previous["agreement"]
        kind = OBJECT_KIND.match(names.text, trig.end_char)
        return named_for_kind(names, kind.group(1), "") if kind else None

    @staticmethod
    def _listed_parties(names: NameResolver) -> Dict[str, List[str]]:
        """Parties named right after an agreement ("Loan Agreement, dated ..., among A, B and C"),
        as exhibit indexes and defining sentences list them."""
        listed: Dict[str, List[str]] = {}
        ents = names.ents
        for i, ent in enumerate(ents):
            if ent.label_ != "AGREEMENT":
                continue
            end = names.sentence(ent.start).end
            following = list(islice(takewhile(lambda e: e.end <= end, islice(ents, i + 1, None)), 8))
            first_org = next((e for e in following if e.label_ != "DATE"), None)
            if first_org is None or first_org.label_ != "ORG":
                continue
            between = names.text[ent.end_char : first_org.start_char]
            if len(between) > 80 or not LIST_CUE.search(between):
                continue
            until = next((k for k, e in enumerate(following) if e.label_ == "AGREEMENT"), len(following))
            orgs = unique(names.org(e) for e in following[:until] if e.label_ == "ORG")
            if orgs:  # several listings of one name ("Letter Agreement ... between A and B", "... A and C"): all
                key = norm(names.agreement(ent))
                listed[key] = unique(listed.get(key, []) + orgs)
        return listed

    @staticmethod
    def _paragraph_subject(names: NameResolver, trig: Span) -> List[str]:
        """The last organization named before the trigger in its paragraph."""
        start = names.paragraph_start(trig.start_char)
        before = [e for e in names.starting(start, trig.start_char, "ORG") if e.end_char <= trig.start_char]
        before = [e for e in before if not WIRE_SERVICE.search(e.text) and not _relative(names.text, e)]
        return [names.org(before[-1])] if before else []

    @staticmethod
    def _parties(sent: Span, ents: List[Span], names: NameResolver, registrant: Optional[str]) -> List[str]:
        parties = [
            names.org(e)
            for e in ents
            if e.label_ == "ORG"
            and not WIRE_SERVICE.search(e.text)
            and not _relative(names.text, e)
            and not POSSESSIVE_NON_PARTY.match(names.text[e.end_char : e.end_char + 60])
        ]
        if registrant and COMPANY_WORDS.search(sent.text):
            parties.append(registrant)
        return unique(parties)

    @staticmethod
    def _date(doc: Doc, text: str, trig: Span, in_sent: List[Span], sent: Span, ents: List[Span]) -> Optional[str]:
        """The date of the trigger among the sentence's entities `ents` and triggers `in_sent`."""
        own: List[Tuple[int, Span]] = []
        opening = None
        for e in ents:
            if e.label_ != "DATE" or normalize_date(e.text) is None or _announcement_date(text, e, trig, sent):
                continue
            if e.start - sent.start <= 2 and _cued(doc, e):
                # "On May 2, 2022, ... announced the entry into ...": the announcement's date
                if not ANNOUNCEMENT.search(text[e.end_char : trig.start_char]):
                    opening = opening or e
                continue
            # a date follows the event it dates ("entered into in 2004, as amended"): the nearest
            # trigger before it, else the nearest after
            preceding = [t for t in in_sent if t.end <= e.start]
            nearest = preceding[-1] if preceding else min(in_sent, key=lambda t: t.start - e.end)
            follows_end = trig.label_ == "AGREEMENT_TERMINATION" and 0 <= e.start - trig.end <= 2
            if nearest == trig and (_cued(doc, e, trig) or follows_end):
                own.append((abs(e.start - trig.end), e))
        if not own and EVENT_SUBJECT.match(text[sent.start_char : trig.start_char]):
            # "The extension was signed on September 4, 2015": the date of the sentence's event
            own = [
                (abs(e.start - trig.end), e)
                for e in ents
                if e.label_ == "DATE" and normalize_date(e.text) and _cued(doc, e, trig)
            ]
        chosen = min(own, key=lambda x: x[0])[1] if own else opening
        return _date_value(text, chosen, ents) if chosen is not None else None

    @staticmethod
    def _dateline(names: NameResolver) -> Optional[Span]:
        """The DATE of a press release's dateline, which "today" in its sentences refers to."""
        text = names.text
        for e in names.ents:
            if e.label_ != "DATE":
                continue
            if (DATELINE_AFTER.match(text[e.end_char : e.end_char + 30])
                    or DATELINE_BEFORE.search(text[max(0, e.start_char - 30) : e.start_char])
                    or (DATELINE_DASH.match(text[e.end_char : e.end_char + 4]) and _place_before(text, e))):
                return e
        return None

    @staticmethod
    def _report_date(names: NameResolver) -> Optional[str]:
        """The cover page's "Date of Report (Date of earliest event reported)"."""
        cue = REPORT_DATE_CUE.search(names.text, 0, names.cover.start())
        if cue is None:
            return None
        near = (
            normalize_date(e.text) for e in names.ents if e.label_ == "DATE" and abs(e.start_char - cue.end()) <= 80
        )
        return next((value for value in near if value), None)

    @staticmethod
    def _amount(text: str, trig: Span, ents: List[Span]) -> Optional[dict]:
        """The sentence's MONEY nearest the trigger; of "from $100 million to $125 million"
        the new amount; per-share prices aside; for a termination, only a payment ("paying the
        landlord a termination fee of $240,000"), not the ended agreement's size."""
        all_money = [e for e in ents if e.label_ == "MONEY" and normalize_money(e.text)]
        money = [e for e in all_money if not _unit_price(text, e)]
        if trig.label_ == "AGREEMENT_TERMINATION":
            money = [e for e in money if _paid(text, e)]
        elif not money and trig.label_ == "AGREEMENT_AMENDMENT":
            money = all_money  # "amended the exercise price of the warrants to $5.92 per share"
        money = [e for e in money if not _replaced_amount(text, e, money)]
        if not money:
            return None
        return _money_value(min(money, key=lambda e: min(abs(trig.start - e.end), abs(e.start - trig.end))))

    @staticmethod
    def _consideration(doc: Doc, names: NameResolver, trig: Span, sent: Span) -> Optional[dict]:
        """An entry whose sentence refers back to "this acquisition" carries the price that one
        of the two sentences before states ("The purchase price ... was $6.1 million.")."""
        if trig.label_ != "AGREEMENT_ENTRY" or not ANAPHOR.search(sent.text) or _pluperfect(names.text, trig):
            return None
        start = sent.start
        for _ in range(2):
            start = names.sentence(start - 1).start if start > 0 else start
        prices = [
            e for e in names.starting(doc[start].idx, sent.start_char, "MONEY")
            if CONSIDERATION.search(names.sentence(e.start).text) and not _unit_price(names.text, e)
        ]
        return _money_value(prices[-1]) if prices else None

    @staticmethod
    def _amount_after(names: NameResolver, trig: Span, sent: Span,
                      triggers: Sequence[Span], trigger_starts: Sequence[int]) -> Optional[dict]:
        """A trigger whose sentence states no amount carries the first one of the next sentence
        when that sentence goes on about the same deal and states no other kind of event: it
        refers back to it ("Under the Agreement, the licensee will pay ...", "It provides for a
        base salary of ...", "this contract"; for a termination, "In connection with the
        termination, ...") and the money is paid or valued there (for a termination: paid)."""
        following = names.next_sentence(sent)
        if following is None:
            return None
        if any(t.label_ != trig.label_ for t in _starting_in(triggers, trigger_starts, following)):
            return None
        ended = trig.label_ == "AGREEMENT_TERMINATION"
        if not (TERMINATION_WORD.search(following.text) if ended
                else FOLLOW_ON.match(following.text) or THIS_AGREEMENT.search(following.text)):
            return None
        valued = not ended and VALUE_WORDS.search(following.text)
        for money in names.starting(following.start_char, following.end_char, "MONEY"):
            if _unit_price(names.text, money) or not normalize_money(money.text):
                continue
            if valued or _paid(names.text, money):
                return _money_value(money)
        return None

    @staticmethod
    def _amended_not_amending(records: List[dict], names: NameResolver) -> None:
        """An amendment or extension is of the agreement amended, not of the document amending
        it, also when it took its agreement from an earlier record or mention ("The Second
        Amendment ... - extends the maturity date"): "Second Amendment to X" gives X, and an
        amending document that does not say what it amends ("Amendment No. 2") gives the one
        agreement the document's other amendments and extensions name, when they name one."""
        amended = {norm(r["agreement"]): r["agreement"] for r in records
                   if r["type"] in MADE_BY_TRANSACTION and r["agreement"] and not AMENDING.search(r["agreement"])}
        for rec in records:
            if rec["type"] in MADE_BY_TRANSACTION and rec["agreement"] and AMENDING.search(rec["agreement"]):
                target = amended_by(names, rec["agreement"])
                if target is None and len(amended) == 1:
                    (target,) = amended.values()
                rec["agreement"] = target or rec["agreement"]

    @staticmethod
    def _name_definite_mentions(records: List[dict]) -> None:
        """An event noun naming no agreement but taken as known ("the termination", "this
        renewal") is of the one agreement that the document's records of its type name, when they
        name exactly one, and has its parties."""
        named: Dict[str, Dict[str, dict]] = defaultdict(dict)  # type -> agreement -> its first record
        for rec in records:
            if rec["agreement"]:
                named[rec["type"]].setdefault(rec["agreement"], rec)
        for rec in records:
            if rec["agreement"] is None and rec["definite"] and len(named[rec["type"]]) == 1:
                (first,) = named[rec["type"]].values()
                rec["agreement"], rec["parties"] = first["agreement"], list(first["parties"])

    @staticmethod
    def _share_within_events(records: List[dict]) -> None:
        """Triggers of one event (same type and agreement) carry the same date and amount; a
        termination by notice is dated when it takes effect, not when notice was given (the
        effective date another mention gives wins over the notice's date)."""
        groups: Dict[Tuple[str, Optional[str]], List[dict]] = {}
        for rec in records:
            if not rec["heading"] and not rec["apart"]:
                groups.setdefault((rec["type"], rec["agreement"]), []).append(rec)
        for (typ, agreement), recs in groups.items():
            if agreement is None:
                continue  # without a named agreement, triggers are not known to state one event
            effective = next((r["effective"] for r in recs if r["effective"]), None)
            for r in recs:
                if effective and r["notice"] and not r["effective"]:
                    r["date"] = effective
            # a termination's payment is stated with it, not with every mention of the agreement's end
            for field in ("date",) if typ == "AGREEMENT_TERMINATION" else ("date", "amount"):
                value = next((r[field] for r in recs if r[field] is not None), None)
                if value is None and field == "date" and typ == "AGREEMENT_EXTENSION":
                    amendments = groups.get(("AGREEMENT_AMENDMENT", agreement), [])
                    value = next((r["date"] for r in amendments if r["date"] is not None), None)
                for r in recs:
                    if r[field] is None:
                        r[field] = value

    @staticmethod
    def _signing_days(records: List[dict]) -> Dict[str, List[str]]:
        """Type -> the days (full dates) the filing's records, headings aside, give that type."""
        days: Dict[str, List[str]] = defaultdict(list)
        for r in records:
            if not r["heading"] and r["date"] and len(r["date"]) == 10:
                days[r["type"]].append(r["date"])
        return days

    @staticmethod
    def _reported_before(days: List[str], today: str) -> Optional[str]:
        """The date of the signing a release dated `today` announces when the filing has already
        dated one of its type (`days`) within the days before (an 8-K's "On October 14, 2018, ...
        entered into", its release of October 15: "today announced that it has signed")."""
        before = [d for d in days if d <= today and _days_apart(d, today) <= ANNOUNCED_WITHIN_DAYS]
        return max(before) if before else None

    @staticmethod
    def _share_with_previous(records: List[dict]) -> None:
        """A record without a date takes the date of the previous dated record when its sentence
        says it happened with it ("on the same date", "concurrently"), or when it is an amendment
        or extension in that record's paragraph and that record an entry, amendment or extension:
        the date of the transaction it belongs to ("... entered into the Fourth Amendment on July
        24, 2020. The Fourth Amendment extends the maturity ...")."""
        last = None
        for rec in records:
            if rec["heading"]:
                continue
            if rec["date"] is None and last is not None:
                continues = (rec["type"] in MADE_BY_TRANSACTION and last["type"] != "AGREEMENT_TERMINATION"
                             and last["paragraph"] == rec["paragraph"] and not rec["earlier"] and not rec["apart"])
                if rec["same_time"] or continues:
                    rec["date"] = last["date"]
            if rec["date"] is not None:
                last = rec

    @staticmethod
    def _share_report_date(records: List[dict], report_date: Optional[str]) -> None:
        """In a current report, an entry, amendment or extension whose text gives no date
        belongs to the transaction reported: it takes the first date the report's records have
        within a month of the cover page's date of the earliest event reported, else that date
        (unless it "had" happened before)."""
        dated = [r["date"] for r in records if r["date"] and not r["heading"] and r["type"] != "AGREEMENT_TERMINATION"]
        if report_date:  # a date far from the report's belongs to something else ("founded in 1968")
            dated = [d for d in dated if _days_apart(d, report_date) <= REPORT_WINDOW_DAYS]
        first = dated[0] if dated else report_date
        for rec in records:
            if rec["date"] is None and rec["type"] != "AGREEMENT_TERMINATION" and not (rec["earlier"] or rec["apart"]):
                rec["date"] = first

    @staticmethod
    def _fill_headings(records: List[dict]) -> None:
        """A heading takes the item body's first record of its own type, else the first; the
        body ends at the next heading that follows it. A report has each item once: a later
        heading of a type already seen quotes that item ("the information under 'Item 1.01
        Entry into ...' is incorporated") and takes the same body record. A release's headline
        ("Acme Extends Supply Agreement with Baxter") is read the same way, keeping the values it
        states itself where the body record has none."""
        reported: Dict[str, dict] = {}  # type -> the body record of the first heading of that type
        for i, rec in enumerate(records):
            if rec["heading"]:
                body = reported.get(rec["type"])
                if body is None:
                    rest: List[dict] = []
                    for r in records[i + 1 :]:
                        if r["heading"] and rest:
                            break
                        if not r["heading"]:
                            rest.append(r)
                    body = next((r for r in rest if r["type"] == rec["type"]), None)
                    if body is not None:  # not a body of another type (a list of items above the first)
                        reported[rec["type"]] = body
                    body = body or (rest[0] if rest else None)
                if body is not None:
                    rec["body"] = body
                    for field in ("agreement", "parties", "date", "amount"):  # a headline keeps what it says
                        if rec["heading"] == "item" or body[field]:
                            rec[field] = body[field]

    @staticmethod
    def _link_events(records: List[dict]) -> None:
        """`event` ids (`events.link_events`); a heading starts in the group of the body record
        it copies, when of its type."""
        index = {id(rec): i for i, rec in enumerate(records)}
        groups: Dict[int, List[int]] = {i: [i] for i in range(len(records))}
        for i, rec in enumerate(records):
            body = rec["body"]
            if body is not None and body["type"] == rec["type"]:
                groups[index[id(body)]].append(i)
                del groups[i]
        link_events(records, list(groups.values()), apart=[records[g[0]]["apart"] for g in groups.values()])


@Language.factory(
    "sec_event_assembler",
    default_config={"spans_key": EVENTS_KEY, "chooser": "rules", "accept": ACCEPT, "reject": REJECT},
    assigns=["doc._.events"],
    requires=["doc.ents", "doc.sents"],
)
def make_event_assembler(nlp: Language, name: str, spans_key: str, chooser: str, accept: float,
                         reject: float) -> EventAssembler:
    """Build the event assembler for triggers stored under `spans_key`; `chooser` is "rules" or
    "learned" (the scores of a `sec_argument_chooser` before it, decoded with `accept` and
    `reject`: see `apply_choices`)."""
    return EventAssembler(nlp, name, spans_key=spans_key, chooser=chooser, accept=accept, reject=reject)
