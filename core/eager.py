"""Eager-only processes: keep torch.compile's machinery out of memory.

torch prepares its optimizers for ``torch.compile`` in two places:

* ``step`` of every built-in optimizer runs inside ``_use_grad_for_differentiable``, which
  imports ``torch._dynamo`` and calls ``torch._dynamo.graph_break()`` around the update (a
  no-op when nothing is being compiled) and runs it with gradients off unless the optimizer was
  made with ``differentiable=True``;
* ``zero_grad``, ``add_param_group``, ``state_dict`` and ``load_state_dict`` are marked "never
  compile this" with ``torch._disable_dynamo``, which imports ``torch._dynamo`` on first call.

Importing ``torch._dynamo`` brings sympy and triton with it: about 160 MB more memory in every
process that trains, and 1.8 s on its first run (measured on this project's machine; README,
"Memory"). The playground never compiles, so its server, training workers, Ray's workers and
the CLI each paid that for nothing. :func:`run_eager_only` makes those five methods do exactly
their eager work and nothing else:

* ``step``: the optimizer's own update under ``torch.set_grad_enabled(differentiable)``;
* the marked four: the marker keeps its compiled-out version of a function on the function, as
  the attribute ``__dynamo_disable``, and uses it from then on (torch/_compile.py). We put the
  function itself there, so every call goes straight through: what ``torch._dynamo.disable(fn)``
  amounts to when nothing is being compiled.

Call it only in a process that never calls ``torch.compile``. ``tests/core/test_eager.py``
trains every optimizer with and without it (same numbers) and checks that dynamo stays
unloaded, so a torch upgrade that changes either wrapper fails a test instead of silently
costing the memory again.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch._compile import _disable_dynamo
from torch.optim.optimizer import _use_grad_for_differentiable

# The two wrappers are recognised by their code, not by a name: (wrapper of a marked function,
# wrapper of a step).
_MARKER_CODE = _disable_dynamo(lambda: None).__code__
_STEP_CODE = _use_grad_for_differentiable(lambda self: None).__code__
_CACHE = "__dynamo_disable"  # the attribute the marker keeps its compiled-out version in


def _optimizer_classes() -> Iterator[type]:
    """torch.optim.Optimizer and every subclass of it loaded so far."""
    seen, todo = set(), [torch.optim.Optimizer]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo.extend(cls.__subclasses__())
            yield cls


def _eager_step(step: Callable[..., Any]) -> Callable[..., Any]:
    """``step`` with the gradient mode torch's wrapper sets, without its graph breaks."""
    @functools.wraps(step)
    def eager_step(self: torch.optim.Optimizer, *args: Any, **kwargs: Any) -> Any:
        with torch.set_grad_enabled(self.defaults["differentiable"]):
            return step(self, *args, **kwargs)
    return eager_step


def run_eager_only() -> int:
    """Let the optimizers' steps and compile-out markers run without importing dynamo.

    Returns how many methods it changed: 0 when called again (idempotent and cheap, so every
    process entry point calls it).
    """
    changed = 0
    for cls in _optimizer_classes():
        for name, value in list(vars(cls).items()):
            code = getattr(value, "__code__", None)
            if code is _STEP_CODE:
                setattr(cls, name, _eager_step(value.__wrapped__))
                changed += 1
            elif code is _MARKER_CODE and getattr(value.__wrapped__, _CACHE, None) is None:
                setattr(value.__wrapped__, _CACHE, value.__wrapped__)
                changed += 1
    return changed
