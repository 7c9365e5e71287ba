"""Config declarations feed the CLI, the URL and the controls: parsing and ranges."""
import pytest

from core.config import (ConfigError, changed_fields, from_strings, parse_value, spec_of, specs,
                         to_strings, validate, value_text)
from core.registry import get_task, task_names
from core.tasks.classification import ClassificationConfig
from core.tasks.regression import RegressionConfig


def test_course_defaults():
    r, c = RegressionConfig(), ClassificationConfig()
    assert (r.hidden, r.lr, r.steps, r.points, r.noise, r.optimizer) == ((10,), 0.2, 200, 100, 0.2, "SGD")
    assert (c.hidden, c.lr, c.steps, c.points, c.dataset) == ((10,), 0.02, 100, 200, "blobs")


def test_round_trip_through_text():
    cfg = ClassificationConfig(lr=0.1, features=("x1", "x2", "sin(x1)"), dataset="spiral")
    again, problems = from_strings(ClassificationConfig, to_strings(cfg))
    assert again == cfg and problems == []
    assert changed_fields(cfg) == {"lr": "0.1", "dataset": "spiral", "features": "x1,x2,sin(x1)"}


@pytest.mark.parametrize("values, fragment", [
    ({"lr": "100"}, "above the maximum"),
    ({"lr": "abc"}, "cannot read"),
    ({"lr": "nan"}, "not a finite number"),
    ({"activation": "swish"}, "not one of"),
    ({"hidden": "0"}, "below the minimum"),
    ({"features": "x1,x1"}, "once"),
    ({"nope": "1"}, "unknown setting"),
])
def test_bad_values_are_refused_strictly(values, fragment):
    with pytest.raises(ConfigError, match=fragment):
        from_strings(ClassificationConfig, values, strict=True)


def test_lenient_parsing_keeps_defaults_and_reports():
    cfg, problems = from_strings(RegressionConfig, {"lr": "9999", "hidden": "20", "lang": "zh"},
                                 strict=False)
    assert cfg.lr == RegressionConfig().lr and cfg.hidden == (20,)
    assert len(problems) == 1 and "lr" in problems[0]


def test_every_task_config_is_valid_at_its_defaults():
    for name in task_names():
        cls = get_task(name).config
        validate(cls())
        assert specs(cls), name


@pytest.mark.parametrize("name, value", [("hidden", (8, 4, 2)), ("lr", 0.004), ("steps", 7),
                                         ("activation", "tanh"), ("hidden", (3,))])
def test_value_text_reads_back(name, value):
    """value_text is what the CLI, links and challenges write; parse_value must read it back."""
    assert parse_value(spec_of(ClassificationConfig, name), value_text(value)) == value


def test_value_text_of_a_boolean():
    assert (value_text(True), value_text(False)) == ("true", "false")


@pytest.mark.parametrize("name", task_names())
def test_specs_are_read_once_per_class_and_equal_a_fresh_reading(name):
    cls = get_task(name).config
    assert specs(cls) is specs(cls)
    assert specs(cls) == specs.__wrapped__(cls)
