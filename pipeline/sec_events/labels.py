"""The label set of ../shared/LABELS.md: entity labels, event-trigger labels, the spans key."""

ENTITY_LABELS = ("ORG", "TICKER", "MONEY", "DATE", "PERSON", "AGREEMENT")
EVENT_LABELS = (
    "AGREEMENT_ENTRY",
    "AGREEMENT_AMENDMENT",
    "AGREEMENT_EXTENSION",
    "AGREEMENT_TERMINATION",
)
ALL_LABELS = ENTITY_LABELS + EVENT_LABELS
EVENTS_KEY = "events"
