"""Strings of the Basics and Devices pages: every key a page builds at run time exists in both
languages, with the same placeholders (a page scanner cannot see keys made with f-strings)."""
import re
import string
from pathlib import Path

import pytest

from core import autograd_lab, tensor_lab
from ui.strings import activations, autograd, devices, tensors

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["tensors", "autograd", "activations", "devices"]
STRINGS = {**tensors.STRINGS, **autograd.STRINGS, **activations.STRINGS, **devices.STRINGS}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == {"en", "zh"} and entry["en"].strip() and entry["zh"].strip()
    assert placeholders(entry["en"]) == placeholders(entry["zh"])


def test_keys_built_at_run_time_exist():
    kinds = {kind for _, kind in tensor_lab.ERROR_PATTERNS} | {"bad_argument", "other"}
    needed = [f"tensors.err.{k}" for k in kinds] + [f"tensors.op.{op}" for op in tensor_lab.SHAPE_OPS]
    needed += [f"autograd.dynamic.branch.{b}" for b in ("sum", "neg_sum")]
    assert [k for k in needed if k not in STRINGS] == []


def test_every_literal_key_in_the_pages_exists():
    from ui.i18n import catalog

    for page in PAGES:
        source = (ROOT / "pages" / f"{page}.py").read_text(encoding="utf-8")
        keys = set(re.findall(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*)["']""", source))
        assert keys, page
        assert [k for k in keys if k not in catalog()] == [], page


def test_dynamic_branch_names_match_the_lab():
    assert autograd_lab.dynamic_graph([1.0]).branch == "sum"
    assert autograd_lab.dynamic_graph([-1.0]).branch == "neg_sum"
