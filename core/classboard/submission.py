"""A submission's settings and metrics, checked before anything is stored.

Settings go through the page's own config parser (the one behind CLI flags and URLs), so an
unknown or out-of-range setting is refused exactly as ``python -m core train`` refuses it, and
what is stored is the full config as text: the board can redraw any run from it.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from core import challenges
from core.classboard.engine import ClassBoardError
from core.config import ConfigError, from_strings, to_strings, value_text
from core.registry import get_task, task_names

METRICS_MAX_KEYS = 40
METRICS_MAX_CHARS = 4000
_KEY_MAX = 40
_TEXT_MAX = 60


class BadSubmission(ClassBoardError):
    pass


def check_page(page: str) -> str:
    if page not in task_names():
        raise BadSubmission(f"unknown page {str(page)[:40]!r} (choose from: "
                            f"{', '.join(task_names())})")
    return page


def parse_settings(page: str, settings: Mapping[str, Any]) -> dict[str, str]:
    """All of the page's settings as text; refuses unknown, unreadable or out-of-range ones."""
    task = get_task(check_page(page))
    if not isinstance(settings, Mapping):
        raise BadSubmission("settings must be a JSON object of name: value")
    as_text = {str(k): _setting_text(k, v) for k, v in settings.items()}
    try:
        cfg, _ = from_strings(task.config, as_text, strict=True)
    except (ConfigError, TypeError) as err:  # TypeError: a config's own cross-field check
        raise BadSubmission(f"settings: {err}") from None
    return to_strings(cfg)


def _setting_text(name: Any, value: Any) -> str:
    # JSON gives dicts and None too: those are no setting's value.
    if not isinstance(value, (bool, int, float, str, list, tuple)):
        raise BadSubmission(f"settings: {str(name)[:40]!r} has a value of the wrong kind")
    return value_text(value)


def check_metrics(metrics: Any) -> dict[str, Any]:
    """A flat (or one level nested) JSON object of numbers, booleans and short words.

    NaN and infinities (a diverged run) become null, as in ``train --json``.
    """
    if not isinstance(metrics, Mapping):
        raise BadSubmission("metrics must be a JSON object of name: number")
    clean = _check_object(metrics, depth=0)
    if len(json.dumps(clean)) > METRICS_MAX_CHARS:
        raise BadSubmission(f"metrics are longer than {METRICS_MAX_CHARS} characters")
    return clean


def _check_object(obj: Mapping, depth: int) -> dict[str, Any]:
    if len(obj) > METRICS_MAX_KEYS:
        raise BadSubmission(f"metrics have more than {METRICS_MAX_KEYS} entries")
    out = {}
    for key, value in obj.items():
        if not isinstance(key, str) or not key.isprintable() or not 0 < len(key) <= _KEY_MAX:
            raise BadSubmission(f"metrics: a name has 1 to {_KEY_MAX} printable characters")
        if isinstance(value, Mapping) and depth == 0:
            out[key] = _check_object(value, depth + 1)
        elif value is None or isinstance(value, (bool, int)):
            out[key] = value
        elif isinstance(value, float):
            out[key] = value if math.isfinite(value) else None
        elif isinstance(value, str) and len(value) <= _TEXT_MAX and value.isprintable():
            out[key] = value
        else:
            raise BadSubmission(f"metrics: {key!r} is not a number, true/false or a short word")
    return out


def judge(page: str, challenge: str | None, settings: Mapping[str, str],
          metrics: Mapping[str, Any]) -> tuple[str | None, bool | None]:
    """(the challenge as stored, passed) for a run; (None, None) without a challenge.

    ``challenge``: a built-in id (``spiral_small``) or a teacher's text for this page
    (``accuracy >= 0.9; hidden <= 8``), stored as its canonical text.
    """
    if challenge is None or not str(challenge).strip():
        return None, None
    try:
        if str(challenge) in challenges.ids():
            found = challenges.builtin(str(challenge))
            if found.page != page:
                raise BadSubmission(f"challenge {found.id!r} belongs to the {found.page} page")
        else:
            found = challenges.parse(page, str(challenge))
    except challenges.ChallengeError as err:
        raise BadSubmission(f"challenge: {err}") from None
    verdict = challenges.check(found, settings, metrics)
    return found.id or found.text, verdict.passed


def metrics_of(figures: Mapping[str, Any]) -> dict[str, Any]:
    """What a finished run submits: its figures (``core.measure``) without the page name, and
    ``diverged`` as true/false instead of the divergence's message."""
    metrics = {k: v for k, v in figures.items() if k not in ("page", "diverged")}
    metrics["diverged"] = figures.get("diverged") is not None
    return metrics
