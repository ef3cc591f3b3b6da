"""The real-filings dev set (../shared/real-filings): texts, gold spans and gold records.

Each `gold/<id>.json` carries the sha256 of its text; a text that changed is refused,
since offsets into it would no longer mean anything. The set is read for scoring only.
"""

import hashlib
import json
from pathlib import Path
from typing import List

from .evaluate import GoldDoc


class ChangedTextError(ValueError):
    """A text whose sha256 differs from the one its gold file was made for."""


def load_real_filings(folder: Path) -> List[GoldDoc]:
    """Gold documents of the folder, in file-name order; records where `records/` has them."""
    folder = Path(folder)
    docs = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / f"{gold['id']}.txt").read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["sha256"]:
            raise ChangedTextError(f"{folder / gold['id']}.txt changed since its gold was made (sha256 differs)")
        records_path = folder / "records" / f"{gold['id']}.json"
        # no records file: the document is left out of record scoring, as the reference scorer does
        records = json.loads(records_path.read_text(encoding="utf-8"))["records"] if records_path.exists() else None
        docs.append(
            GoldDoc(
                gold["id"],
                text,
                [tuple(x) for x in gold["ents"]],
                [tuple(x) for x in gold["events"]],
                records,
            )
        )
    return docs
