import re

from sec_events.labels import ENTITY_LABELS, EVENT_LABELS

from .conftest import SHARED, requires


@requires(SHARED / "LABELS.md", "LABELS.md")
def test_labels_match_contract():
    text = (SHARED / "LABELS.md").read_text(encoding="utf-8")
    tables = re.findall(r"^\| ([A-Z_]+) \|", text, flags=re.M)
    assert set(tables) == set(ENTITY_LABELS) | set(EVENT_LABELS)
    assert len(tables) == len(ENTITY_LABELS) + len(EVENT_LABELS)
