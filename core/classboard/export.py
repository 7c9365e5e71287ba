"""The teacher's CSV: one row per entry, settings and metrics as columns.

A cell a spreadsheet would run as a formula (text starting with = + - @, or a tab/carriage
return) gets a leading apostrophe; plain numbers such as -0.5 stay numbers.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from core.classboard.store import Entry

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
FIXED = ["id", "created_at", "nickname", "page", "challenge", "passed", "hidden"]


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def entries_csv(entries: Iterable[Entry]) -> str:
    rows = []
    for e in entries:
        row = {"id": e.id, "created_at": e.created_at.isoformat(), "nickname": e.nickname,
               "page": e.page, "challenge": e.challenge, "passed": e.passed, "hidden": e.hidden}
        row.update({f"setting.{k}": v for k, v in e.settings.items()})
        row.update(_flat("metric", e.metrics))
        rows.append(row)
    extra = sorted({k for row in rows for k in row} - set(FIXED))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIXED + extra, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k)) for k in FIXED + extra})
    return out.getvalue()


def _flat(prefix: str, values: dict) -> dict[str, Any]:
    out = {}
    for k, v in values.items():
        if isinstance(v, dict):
            out.update(_flat(f"{prefix}.{k}", v))
        else:
            out[f"{prefix}.{k}"] = v
    return out
