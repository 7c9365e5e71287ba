"""The board's rankings: one leaderboard per challenge, and the figure each page is judged by.

A challenge ranks by its goal metric in its goal's direction (``accuracy >= 0.9``: higher is
better); runs without a challenge rank by their page's headline figure. Passed runs come first.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core import challenges
from core.classboard.store import Entry
from core.runs import figure_at

# A page's headline figure and whether higher is better, for runs without a challenge.
HEADLINE = {"accuracy": True, "test_loss": False, "final_loss": False}


@dataclass(frozen=True)
class Ranked:
    rank: int
    entry: Entry
    value: float | None  # the figure it is ranked by (None: missing, or a diverged run)


@dataclass(frozen=True)
class Leaderboard:
    challenge: str | None  # a built-in id, a teacher's text, or None: runs without a challenge
    metric: str
    higher_is_better: bool
    rows: tuple[Ranked, ...]


def headline(entries: Sequence[Entry]) -> tuple[str, bool]:
    """The first headline figure every entry has (else the one most have)."""
    for name, higher in HEADLINE.items():
        if entries and all(figure_at(e.metrics, name) is not None for e in entries):
            return name, higher
    counts = {n: sum(figure_at(e.metrics, n) is not None for e in entries) for n in HEADLINE}
    name = max(HEADLINE, key=lambda n: counts[n])
    return name, HEADLINE[name]


def _goal(entry: Entry) -> tuple[str, bool] | None:
    try:
        found = (challenges.builtin(entry.challenge) if entry.challenge in challenges.ids()
                 else challenges.parse(entry.page, entry.challenge or ""))
    except challenges.ChallengeError:
        return None
    return found.goal.metric, found.goal.op in (">=", ">")


def leaderboards(entries: Sequence[Entry]) -> list[Leaderboard]:
    """One leaderboard per challenge met on the board (in order of first appearance), then
    one for the runs without a challenge."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.challenge, []).append(entry)
    out = []
    for challenge in sorted(groups, key=lambda c: c is None):
        group = groups[challenge]
        goal = _goal(group[0]) if challenge is not None else None
        metric, higher = goal or headline(group)
        out.append(Leaderboard(challenge, metric, higher, _rank(group, metric, higher)))
    return out


def _rank(group: list[Entry], metric: str, higher: bool) -> tuple[Ranked, ...]:
    def order(entry: Entry):
        value = figure_at(entry.metrics, metric)
        missing = value is None
        return (entry.passed is False, missing, 0.0 if missing else (-value if higher else value),
                entry.id)

    ranked = sorted(group, key=order)
    return tuple(Ranked(i + 1, e, figure_at(e.metrics, metric)) for i, e in enumerate(ranked))
