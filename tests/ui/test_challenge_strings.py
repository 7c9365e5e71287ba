"""Every built-in challenge and every verdict part has its words in both languages."""
import re
from pathlib import Path

import pytest

from core import challenges
from ui.i18n import catalog

PART_CODES = re.findall(r'Part\("(\w+)"', Path(challenges.__file__).read_text(encoding="utf-8"))


@pytest.mark.parametrize("challenge", challenges.CATALOG, ids=lambda c: c.id)
def test_builtin_challenges_have_title_and_text(challenge):
    assert challenge.title_key in catalog() and challenge.text_key in catalog()


def test_every_part_code_has_words():
    codes = set(PART_CODES) | {"goal_missed"}  # Part("goal_met" if reached else "goal_missed")
    assert codes == {"rule_broken", "diverged", "unfinished", "no_metric", "goal_met",
                     "goal_missed"}
    assert all(f"challenge.part.{code}" in catalog() for code in codes)
