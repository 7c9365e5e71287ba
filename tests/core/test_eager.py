"""core.eager: optimizers run without torch._dynamo, with exactly the same numbers.

Each case runs in a fresh interpreter: ``run_eager_only`` changes torch's classes for the whole
process, and whether dynamo was imported is a property of the process.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Trains a small net with each optimizer the course uses, with a step hook, a zero_grad, a
# state_dict round trip and a second parameter group; watches the gradient mode of every torch
# call inside a step; prints the final weights and what was imported.
SCRIPT = r"""
import json, sys
import torch
if sys.argv[1] == "eager":
    from core.eager import run_eager_only
    assert run_eager_only() > 0 and run_eager_only() == 0
from core.optim import OPTIMIZERS, make_optimizer

class GradModeInStep(torch.overrides.TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        modes.add((getattr(func, "__name__", str(func)), torch.is_grad_enabled()))
        return func(*args, **(kwargs or {}))

out, hooked, modes = {}, [], set()
for name in OPTIMIZERS:
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    first, second = list(net[0].parameters()), list(net[2].parameters())
    optimizer = make_optimizer(name, first, lr=0.05)
    optimizer.add_param_group({"params": second})
    optimizer.register_step_post_hook(lambda *_: hooked.append(1))
    for step in range(20):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(net(x), y)
        loss.backward()
        with GradModeInStep():
            optimizer.step()
        if step == 9:
            optimizer.load_state_dict(optimizer.state_dict())
    out[name] = [p.tolist() for p in net.parameters()]
print(json.dumps({"weights": out, "hooks": len(hooked), "grad_mode": torch.is_grad_enabled(),
                  "grad_mode_in_step": sorted(modes),
                  "dynamo": "torch._dynamo" in sys.modules, "sympy": "sympy" in sys.modules}))
"""


def _run(mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"OMP_NUM_THREADS": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def plain() -> dict:
    return _run("plain")


@pytest.fixture(scope="module")
def eager() -> dict:
    return _run("eager")


def test_torch_as_shipped_imports_dynamo(plain):
    """The reason for core.eager: without it, training loads dynamo (and sympy) into the process.
    If a torch upgrade stops doing so, core.eager can go."""
    assert plain["dynamo"] and plain["sympy"]


def test_eager_only_keeps_dynamo_out(eager):
    assert not eager["dynamo"] and not eager["sympy"]


def test_eager_only_gives_exactly_the_same_weights(plain, eager):
    assert set(eager["weights"]) == {"SGD", "Momentum", "RMSprop", "Adam", "Adagrad"}
    assert eager["weights"] == plain["weights"]  # bit for bit, not to a tolerance


def test_eager_only_keeps_hooks_and_grad_mode(plain, eager):
    assert eager["hooks"] == plain["hooks"] == 5 * 20
    # the same torch calls inside a step, each with the same gradient mode (the update's own
    # arithmetic with gradients off)
    assert eager["grad_mode_in_step"] == plain["grad_mode_in_step"]
    assert ["add_", False] in eager["grad_mode_in_step"]
    assert eager["grad_mode"] and plain["grad_mode"]  # a step leaves the caller's mode alone


def test_a_playground_training_process_never_imports_dynamo():
    """What the workers, Ray's workers and the CLI run: a whole training of the classification
    lesson, through the CLI's entry point."""
    script = ("import sys; from core.__main__ import main; "
              "code = main(['train', 'classification', '--steps', '30', '--json']); "
              "print('dynamo' if 'torch._dynamo' in sys.modules else 'eager', code)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"OMP_NUM_THREADS": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "eager 0"
