"""Challenges: a page, rules on its settings, and a target on a metric of the finished run.

A challenge is written in one small language, the same for the built-in catalog, a teacher's
own challenge on a page, a shared link and the CLI::

    accuracy >= 0.9; dataset = spiral; hidden <= 8

The first clause is the **goal**: a metric of the page's result (:data:`METRICS`), an operator
(``>=``, ``<=``, ``>``, ``<``) and a number or another metric of the same run
(``final_loss.Adagrad < final_loss.SGD``). Every other clause is a **rule** on one setting:
``=`` fixes it (the page shows it as fixed text), ``<=``, ``>=``, ``<``, ``>`` bound a number.
Values are parsed and range-checked by the page's own config declaration
(:func:`core.config.parse_value`), so a challenge can only name settings that exist, with values
a run could have.

:func:`check` compares a finished run with a challenge and says whether it passed, how far the
goal metric is from its bound, and why in :class:`Part` s (a code and values) that a page turns
into words in either language and the CLI prints as JSON.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.config import (
    ConfigError,
    ParamSpec,
    from_strings,
    parse_value,
    specs,
    to_strings,
    value_text,
)
from core.registry import get_task, task_names
from core.runs import figure_at

GOAL_OPS = (">=", "<=", ">", "<")
RULE_OPS = ("=",) + GOAL_OPS
MAX_TEXT = 400  # characters of a challenge's text (a link carries it)
MAX_RULES = 12
MAX_TITLE = 80  # a teacher's own title, shown as plain text
# Accuracies are float32 (36/40 reads 0.8999999761581421): a non-strict bound allows this much.
TOLERANCE = 1e-6

# The metrics a goal may name, per page: each task declares its own (Task.metrics).
# tests/core/test_challenges.py checks them against real runs.
METRICS: dict[str, tuple[str, ...]] = {name: get_task(name).metrics for name in task_names()
                                       if get_task(name).metrics}

_CLAUSE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(<=|>=|<|>|=)\s*(\S(?:.*\S)?)\s*$")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class ChallengeError(ValueError):
    """A challenge that cannot be used (bad text, unknown page, metric or setting)."""


@dataclass(frozen=True)
class Goal:
    metric: str  # a name from METRICS[page]
    op: str  # one of GOAL_OPS
    bound: float | str  # a number, or another metric of the same run

    @property
    def text(self) -> str:
        bound = self.bound if isinstance(self.bound, str) else _number_text(self.bound)
        return f"{self.metric} {self.op} {bound}"


@dataclass(frozen=True)
class Rule:
    setting: str  # a field of the page's config
    op: str  # one of RULE_OPS; "=" fixes the setting
    value: Any  # typed like the field (a tuple for tuple fields)

    def holds(self, actual: Any) -> bool:
        if self.op != "=" and isinstance(actual, tuple):  # widths per layer: every layer
            return all(_compare(a, self.op, self.value[0], tolerant=False) for a in actual)
        return _compare(actual, self.op, self.value, tolerant=False)

    @property
    def value_text(self) -> str:
        if isinstance(self.value, tuple):
            return ",".join(str(v) for v in self.value)
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return _number_text(self.value) if isinstance(self.value, float) else str(self.value)

    @property
    def text(self) -> str:
        return f"{self.setting} {self.op} {self.value_text}"


@dataclass(frozen=True)
class Challenge:
    """One exercise. Built-ins have an ``id`` (their words are the strings
    ``challenge.<id>.title`` / ``challenge.<id>.text``); a teacher's own has a plain ``title``."""

    page: str
    goal: Goal
    rules: tuple[Rule, ...] = ()
    start: tuple[tuple[str, Any], ...] = ()  # settings it opens with, free to change
    id: str = ""
    title: str = ""

    @property
    def text(self) -> str:
        """The canonical text: ``parse(page, challenge.text) == challenge`` minus id/title/start."""
        return "; ".join([self.goal.text] + [r.text for r in self.rules])

    @property
    def fixed(self) -> dict[str, Any]:
        """Settings the challenge fixes (its ``=`` rules), typed."""
        return {r.setting: r.value for r in self.rules if r.op == "="}

    @property
    def title_key(self) -> str:
        return f"challenge.{self.id}.title"

    @property
    def text_key(self) -> str:
        return f"challenge.{self.id}.text"

    def config(self, overrides: Mapping[str, str] | None = None) -> Any:
        """The settings a run of this challenge starts from: the page's defaults, then
        ``start``, then the fixed settings, then ``overrides`` (text, e.g. CLI flags; strict)."""
        cls = get_task(self.page).config
        values = {**dict(self.start), **self.fixed}
        cfg = dataclasses.replace(cls(), **values)
        given = {**to_strings(cfg), **dict(overrides or {})}
        return from_strings(cls, given, strict=True)[0]


@dataclass(frozen=True)
class Part:
    """One reason in a verdict: a code (a page looks up ``challenge.part.<code>``) and values."""

    code: str  # goal_met, goal_missed, rule_broken, diverged, unfinished, no_metric
    values: tuple[tuple[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **dict(self.values)}


@dataclass(frozen=True)
class Verdict:
    passed: bool
    value: float | None  # the goal metric of the run (None when missing or not finite)
    bound: float | None  # the number it was compared with (another metric's value, resolved)
    gap: float | None  # how far the value is from the bound in the wrong direction; 0 = reached
    parts: tuple[Part, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "value": self.value, "bound": self.bound, "gap": self.gap,
                "parts": [p.as_dict() for p in self.parts]}


# ------------------------------------------------------------------------------- parsing
def parse(page: str, text: str, *, title: str = "", start: Mapping[str, Any] | None = None,
          id: str = "") -> Challenge:
    """Read a challenge's text for ``page``; anything unusable raises ChallengeError."""
    if page not in METRICS:
        raise ChallengeError(f"page {page!r} has no challenges (pages: {', '.join(METRICS)})")
    if not isinstance(text, str) or not text.strip():
        raise ChallengeError("a challenge needs a goal, e.g. 'accuracy >= 0.9'")
    if len(text) > MAX_TEXT:
        raise ChallengeError(f"a challenge is at most {MAX_TEXT} characters")
    title = _clean_title(title)
    clauses = [c for c in text.split(";") if c.strip()]
    if len(clauses) > MAX_RULES + 1:
        raise ChallengeError(f"a challenge has at most {MAX_RULES} rules")
    goal = _parse_goal(page, clauses[0])
    fields = {s.name: s for s in specs(get_task(page).config)}
    rules: list[Rule] = []
    for clause in clauses[1:]:
        rule = _parse_rule(fields, clause)
        if any(r.setting == rule.setting and (r.op == rule.op or "=" in (r.op, rule.op))
               for r in rules):
            raise ChallengeError(f"{rule.setting}: a setting is either fixed or bounded, once")
        rules.append(rule)
    starting = tuple(sorted((start or {}).items()))
    for name, _ in starting:
        if name not in fields:
            raise ChallengeError(f"unknown setting {name!r}")
    return Challenge(page, goal, tuple(rules), starting, id, title)


def _parse_goal(page: str, clause: str) -> Goal:
    match = _CLAUSE.match(clause)
    if match is None or match.group(2) == "=":
        raise ChallengeError(f"the goal must read 'metric >= number' (or <=, >, <), "
                             f"not {clause.strip()[:40]!r}")
    metric, op, bound_text = match.groups()
    known = METRICS[page]
    if metric not in known:
        raise ChallengeError(f"unknown metric {metric!r} for {page} (choose from: {', '.join(known)})")
    if bound_text in known:
        if bound_text == metric:
            raise ChallengeError("the goal compares a metric with itself")
        return Goal(metric, op, bound_text)
    try:
        bound = float(bound_text)
    except ValueError:
        raise ChallengeError(f"the goal's bound {bound_text[:40]!r} is neither a number nor a "
                             f"metric of {page}") from None
    if not math.isfinite(bound):
        raise ChallengeError("the goal's bound must be a finite number")
    return Goal(metric, op, bound)


def _parse_rule(fields: Mapping[str, ParamSpec], clause: str) -> Rule:
    match = _CLAUSE.match(clause)
    if match is None:
        raise ChallengeError(f"a rule must read 'setting = value' (or <=, >=, <, >), "
                             f"not {clause.strip()[:40]!r}")
    name, op, value_text = match.groups()
    spec = fields.get(name.replace("-", "_"))
    if spec is None:
        raise ChallengeError(f"unknown setting {name!r}")
    numbers = spec.kind in (int, float) or (spec.kind is tuple and spec.item in (int, float)
                                            and spec.choices is None)
    if op != "=" and not numbers:
        raise ChallengeError(f"{spec.name}: only a number can be bounded; use '='")
    try:
        value = parse_value(spec, value_text)
    except ConfigError as err:
        raise ChallengeError(str(err)) from None
    if op != "=" and spec.kind is tuple and len(value) != 1:  # "hidden <= 8": each layer
        raise ChallengeError(f"{spec.name}: bound it by one number (it holds for every layer)")
    return Rule(spec.name, op, value)


def _clean_title(title: str) -> str:
    """A teacher's title: one line of printable text, at most MAX_TITLE characters."""
    title = " ".join(str(title or "").split())
    if len(title) > MAX_TITLE:
        raise ChallengeError(f"a title is at most {MAX_TITLE} characters")
    if any(not ch.isprintable() for ch in title):
        raise ChallengeError("a title may hold only printable characters")
    return title


# ------------------------------------------------------------------------------- checking
def check(challenge: Challenge, settings: Any, metrics: Mapping[str, Any]) -> Verdict:
    """Did the run with ``settings`` (a config, or its text form as in a link) and ``metrics``
    (the task's result, as ``python -m core train --json`` prints it) pass ``challenge``?

    Every broken rule is a reason; a diverged or unfinished run does not pass; otherwise the
    goal decides. ``gap`` is how far the goal metric is from its bound (0 once reached).
    """
    cfg = _as_config(challenge.page, settings)
    parts: list[Part] = []
    for rule in challenge.rules:
        actual = getattr(cfg, rule.setting)
        if not rule.holds(actual):
            parts.append(Part("rule_broken", (("setting", rule.setting), ("op", rule.op),
                                              ("value", rule.value_text),
                                              ("actual", Rule(rule.setting, "=", actual).value_text))))
    if metrics.get("diverged"):
        parts.append(Part("diverged"))
    planned = getattr(cfg, "steps", None)
    done = metrics.get("steps")
    if isinstance(planned, int) and isinstance(done, int) and done < planned and not metrics.get("diverged"):
        parts.append(Part("unfinished", (("steps", done), ("planned", planned))))

    goal = challenge.goal
    value = figure_at(metrics, goal.metric)
    bound = figure_at(metrics, goal.bound) if isinstance(goal.bound, str) else goal.bound
    if value is None or bound is None:
        missing = goal.metric if value is None else goal.bound
        if not any(p.code == "diverged" for p in parts):
            parts.append(Part("no_metric", (("metric", missing),)))
        return Verdict(False, value, bound, None, tuple(parts))
    reached = _compare(value, goal.op, bound, tolerant=True)
    gap = 0.0 if reached else abs(value - bound)
    facts = (("metric", goal.metric), ("op", goal.op), ("value", value), ("bound", bound),
             ("gap", gap))
    parts.append(Part("goal_met" if reached else "goal_missed", facts))
    passed = reached and all(p.code == "goal_met" for p in parts)
    return Verdict(passed, value, bound, gap, tuple(parts))


def _as_config(page: str, settings: Any) -> Any:
    cls = get_task(page).config
    if isinstance(settings, cls):
        return settings
    if not isinstance(settings, Mapping):
        raise ChallengeError(f"settings for {page} must be its config or a mapping")
    text = {k: value_text(v) for k, v in settings.items()}
    try:
        return from_strings(cls, text, strict=True)[0]
    except (ConfigError, TypeError) as err:
        raise ChallengeError(str(err)) from None


def _compare(value: Any, op: str, bound: Any, *, tolerant: bool) -> bool:
    if op == "=":
        return value == bound
    slack = TOLERANCE * max(1.0, abs(bound)) if tolerant else 0.0
    return {">=": value >= bound - slack, "<=": value <= bound + slack,
            ">": value > bound, "<": value < bound}[op]


def _number_text(value: float) -> str:
    return f"{value:.10g}"


# ------------------------------------------------------------------------------- catalog
def _builtin(id: str, page: str, text: str, **start: Any) -> Challenge:
    assert _ID.match(id), id
    return parse(page, text, start=start, id=id)


# Each was run in tests/core/test_challenges.py with settings that pass and settings that fail.
CATALOG: tuple[Challenge, ...] = (
    # The default spiral needs more than a few units: depth, tanh, Adam and steps get there.
    _builtin("spiral_small", "classification",
             "accuracy >= 0.9; dataset = spiral; classes = 2; points = 200; noise = 0.5; "
             "test_fraction = 0.2; seed = 0; hidden <= 8", hidden=(8,)),
    # At the course's settings SGD diverges from lr 1.2 on and stops fitting above ~0.9.
    _builtin("regression_max_lr", "regression",
             "final_loss <= 0.1; optimizer = SGD; steps = 200; hidden = 10; "
             "batch_size = 0; seed = 0; lr >= 0.9"),
    # At lr 0.3 plain SGD ends lower; Adagrad's shrinking steps win at smaller rates.
    _builtin("adagrad_beats_sgd", "optimizers",
             "final_loss.Adagrad < final_loss.SGD; optimizers = SGD,Adagrad; points = 1000; "
             "hidden = 20; seed = 0", lr=0.3),
    # Seed 1 is a draw of 20 points where p = 0.5 does not help; another p does.
    _builtin("dropout_helps", "dropout",
             "test_loss.dropout < test_loss.overfit; hidden = 300; points = 20; noise = 0.3; "
             "lr = 0.01; steps = 500; seed = 1", dropout=0.5),
)


def builtin(id: str) -> Challenge:
    for challenge in CATALOG:
        if challenge.id == id:
            return challenge
    raise ChallengeError(f"unknown challenge {id!r} (choose from: {', '.join(ids())})")


def ids() -> list[str]:
    return [c.id for c in CATALOG]


def for_page(page: str) -> list[Challenge]:
    return [c for c in CATALOG if c.page == page]


# ------------------------------------------------------------------------------- links
LINK_KEY = "challenge"  # ?challenge=spiral_small, or ?challenge=<text>&challenge_title=...
TITLE_KEY = "challenge_title"


def to_link(challenge: Challenge) -> dict[str, str]:
    """Query parameters that open ``challenge`` on its page."""
    if challenge.id:
        return {LINK_KEY: challenge.id}
    out = {LINK_KEY: challenge.text}
    if challenge.title:
        out[TITLE_KEY] = challenge.title
    return out


def from_link(page: str, params: Mapping[str, str]) -> Challenge | None:
    """The challenge a link carries for ``page`` (None when it carries none).

    Strict: a built-in of another page, an unknown id, bad text or a bad title raise
    ChallengeError; the page shows the message and opens without a challenge.
    """
    text = params.get(LINK_KEY)
    if text is None:
        if params.get(TITLE_KEY):
            raise ChallengeError("a challenge title without a challenge")
        return None
    if _ID.match(text) and not _CLAUSE.match(text):
        found = builtin(text)
        if found.page != page:
            raise ChallengeError(f"challenge {text!r} belongs to the {found.page} page")
        return found
    return parse(page, text, title=params.get(TITLE_KEY, ""))
