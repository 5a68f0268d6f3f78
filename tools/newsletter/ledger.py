"""The ledger of sent newsletters: a JSON file committed to the repository, so a week is never
sent twice by accident, whoever sends it and from which machine."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path


class LedgerError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class SentWeek:
    slug: str
    sent_at: str  # ISO 8601, UTC, from the real clock (this is a record of an event)
    message_id: str
    recipient: str
    forced: bool = False
    # "sending": claimed by a CI run (`run`) that had not confirmed delivery yet (tools/newsletter/once.py)
    status: str = "sent"
    run: str = ""


def read_ledger(path: Path) -> list[SentWeek]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return sorted(SentWeek(**entry) for entry in data["sent"])
    except (ValueError, KeyError, TypeError) as error:
        raise LedgerError(f"{path}: cannot read the ledger of sent newsletters ({error}); "
                          "fix the JSON (git diff / git checkout the file)") from None


def sends_of(entries: list[SentWeek], slug: str) -> list[SentWeek]:
    return [entry for entry in entries if entry.slug == slug]


def ledger_text(entries: list[SentWeek]) -> str:
    """Stable JSON (sorted entries and keys) so the file diffs cleanly in git."""
    data = {"sent": [asdict(entry) for entry in sorted(entries)]}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_ledger(path: Path, entries: list[SentWeek]) -> None:
    """Write atomically: a crash mid-write never leaves a half-written ledger."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(ledger_text(entries))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
