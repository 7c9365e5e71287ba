"""Quick build (core.quick_build): Net vs nn.Sequential, checked against NumPy by hand."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from core.quick_build import (KEY_MAP, Net, QuickBuildConfig, compare, copy_weights,
                              net_to_sequential_state, parameter_formula,
                              sequential_to_net_state, sequential_net)

# The course's printout of print(net1); print(net2) for Net(1, 10, 1).
COURSE_NET = """Net(
  (hidden): Linear(in_features=1, out_features=10, bias=True)
  (predict): Linear(in_features=10, out_features=1, bias=True)
)"""
COURSE_SEQUENTIAL = """Sequential(
  (0): Linear(in_features=1, out_features=10, bias=True)
  (1): ReLU()
  (2): Linear(in_features=10, out_features=1, bias=True)
)"""


def numpy_forward(state: dict[str, torch.Tensor], x: np.ndarray) -> np.ndarray:
    """relu(x W1ᵀ + b1) W2ᵀ + b2 in float64 NumPy, from a Net state_dict."""
    w1, b1 = state["hidden.weight"].double().numpy(), state["hidden.bias"].double().numpy()
    w2, b2 = state["predict.weight"].double().numpy(), state["predict.bias"].double().numpy()
    return np.maximum(x @ w1.T + b1, 0.0) @ w2.T + b2


def test_the_printed_architectures_are_the_courses():
    report = compare(QuickBuildConfig())
    assert report.net_repr == COURSE_NET
    assert report.sequential_repr == COURSE_SEQUENTIAL


@pytest.mark.parametrize("shape", [(1, 10, 1), (2, 10, 2), (3, 7, 4), (1, 1, 1)])
def test_parameter_counts_follow_the_formula(shape):
    report = compare(QuickBuildConfig(n_feature=shape[0], n_hidden=shape[1], n_output=shape[2]))
    assert report.net_parameters == report.sequential_parameters == parameter_formula(*shape)
    assert parameter_formula(1, 10, 1) == 31  # 10 + 10 + 10 + 1, counted by hand


@pytest.mark.parametrize("cfg", [QuickBuildConfig(), QuickBuildConfig(n_feature=3, n_hidden=16,
                                                                      n_output=2, seed=9, samples=12)])
def test_outputs_differ_before_the_copy_and_are_identical_after(cfg):
    report = compare(cfg)
    assert report.inputs.shape == (cfg.samples, cfg.n_feature)
    assert report.net_out.shape == (cfg.samples, cfg.n_output)
    assert report.diff_before > 1e-3  # two independent random initialisations
    assert report.diff_after == 0.0 and report.identical
    # and both equal the formula computed by hand from net1's weights
    torch.manual_seed(cfg.seed)
    net1 = Net(cfg.n_feature, cfg.n_hidden, cfg.n_output)
    expected = numpy_forward(net1.state_dict(), report.inputs.double().numpy())
    np.testing.assert_allclose(report.net_out.numpy(), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(report.sequential_after.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_copy_works_both_ways_and_renames_every_key():
    torch.manual_seed(0)
    net, seq = Net(2, 5, 3), sequential_net(2, 5, 3)
    assert sorted(net.state_dict()) == sorted(KEY_MAP)
    assert sorted(seq.state_dict()) == sorted(KEY_MAP.values())
    round_trip = sequential_to_net_state(net_to_sequential_state(net.state_dict()))
    assert all(torch.equal(round_trip[k], v) for k, v in net.state_dict().items())

    copy_weights(seq, net)  # Sequential -> Net
    x = torch.randn(6, 2)
    with torch.no_grad():
        assert torch.equal(net(x), seq(x))
    for net_key, seq_key in KEY_MAP.items():
        assert torch.equal(net.state_dict()[net_key], seq.state_dict()[seq_key])


def test_copy_without_renaming_is_refused():
    """The reason for KEY_MAP: load_state_dict is strict about names."""
    net, seq = Net(1, 10, 1), sequential_net(1, 10, 1)
    with pytest.raises(RuntimeError, match="Missing key"):
        seq.load_state_dict(net.state_dict())


def test_a_copy_into_another_width_fails_loudly():
    with pytest.raises(RuntimeError, match="size mismatch"):
        copy_weights(Net(1, 10, 1), sequential_net(1, 20, 1))
