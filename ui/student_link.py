"""Student links: a teacher fixes some settings of a page and lets students change the others.

A student link is the page's usual link (its settings as query parameters) plus two more:

* ``show=lr,steps``: the settings students may change (drawn as controls); every other setting
  of the page is locked at the link's value and drawn as fixed text;
* ``lock=<tag>``: a seal, HMAC-SHA256 with this server's secret over the page, the ``show`` list
  and every locked value. Its presence makes the link a student link.

A hand-edited link cannot unlock anything: changing a locked value, the ``show`` list or the
seal breaks the seal, and the page then refuses the link's settings (every setting locked at its
default, with a notice) instead of trusting any of them. The secret is ``PLAYGROUND_LINK_SECRET``
when set (several replicas behind a load balancer must share it), else a random one kept in the
data folder, so links keep working across restarts.

Pure Python (no Streamlit): the page reads query parameters and asks :func:`read` what to lock.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.config import ConfigError, from_strings, specs, to_strings

SHOW_KEY = "show"
LOCK_KEY = "lock"
SECRET_ENV = "PLAYGROUND_LINK_SECRET"
SECRET_FILE = "link_secret"
TAG_CHARS = 32  # 128 bits of the HMAC, as hex


@dataclass(frozen=True)
class StudentView:
    """What a page opened from a link shows: ``locked`` settings as fixed text (name -> text),
    the others as controls; ``problem`` says why the link's settings were refused, if they were."""

    locked: dict[str, str]
    problem: str | None = None

    def is_locked(self, name: str) -> bool:
        return name in self.locked


def secret(data_folder: Path) -> bytes:
    """This server's signing key: the environment's, else one made once and kept on disk."""
    given = os.environ.get(SECRET_ENV)
    if given:
        return given.encode()
    path = Path(data_folder) / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: of two servers starting at once, one writes and both then read the same key
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key)
    except FileExistsError:
        pass
    return bytes.fromhex(path.read_text().strip())


def _seal(key: bytes, page: str, show: tuple[str, ...], locked: Mapping[str, str]) -> str:
    message = "\n".join([page, ",".join(sorted(show))]
                        + [f"{name}={locked[name]}" for name in sorted(locked)])
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:TAG_CHARS]


def make(key: bytes, page: str, cfg, show: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The query parameters of a student link: the settings that differ from the defaults,
    ``show`` (names students may change) and the seal over everything else."""
    values = to_strings(cfg)
    unknown = [n for n in show if n not in values]
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}")
    show = tuple(n for n in values if n in set(show))  # the config's order, no repeats
    default = to_strings(type(cfg)())
    params = {k: v for k, v in values.items() if default[k] != v}
    params[SHOW_KEY] = ",".join(show)
    params[LOCK_KEY] = _seal(key, page, show, {k: v for k, v in values.items() if k not in show})
    return params


def read(key: bytes, page: str, cls: type, params: Mapping[str, str]) -> StudentView | None:
    """What to lock for a page opened with ``params`` (None: not a student link).

    Settings the link carries are read as the page always reads them (``from_strings``, bad
    values fall back to defaults); the seal is checked over what was read. Anything that does
    not match (a locked value, ``show`` or the seal edited) refuses the link: every setting is
    locked at its default, so no edit can unlock a setting.
    """
    if LOCK_KEY not in params:
        if SHOW_KEY in params:
            return _refused(cls, "show= without lock=")
        return None
    names = [s.name for s in specs(cls)]
    show = tuple(n.strip() for n in str(params.get(SHOW_KEY, "")).split(",") if n.strip())
    if any(n not in names for n in show) or len(set(show)) != len(show):
        return _refused(cls, "show= names an unknown setting")
    cfg, problems = from_strings(cls, {k: v for k, v in params.items() if k in names},
                                 strict=False)
    if problems:
        return _refused(cls, "; ".join(problems))
    values = to_strings(cfg)
    locked = {k: v for k, v in values.items() if k not in show}
    tag = str(params.get(LOCK_KEY, ""))
    if not hmac.compare_digest(tag.encode(), _seal(key, page, show, locked).encode()):
        return _refused(cls, "the seal does not match")
    return StudentView(locked)


def _refused(cls: type, why: str) -> StudentView:
    return StudentView(to_strings(cls()), problem=why)
