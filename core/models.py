"""Networks built from settings. The MLP is an ``nn.Sequential`` so that printing it, copying
its weights and writing it out as code all stay simple."""
from __future__ import annotations

from collections.abc import Sequence

from torch import nn

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "gelu")

# name -> (module factory, the same module as source code for generated scripts)
_ACTIVATION_MODULES = {
    "relu": (nn.ReLU, "nn.ReLU()"),
    "tanh": (nn.Tanh, "nn.Tanh()"),
    "sigmoid": (nn.Sigmoid, "nn.Sigmoid()"),
    "leaky_relu": (nn.LeakyReLU, "nn.LeakyReLU(0.01)"),
    "gelu": (nn.GELU, "nn.GELU()"),
}


def mlp_layers(n_in: int, hidden: Sequence[int], n_out: int, activation: str,
               dropout: float) -> list[tuple[str, tuple]]:
    """The layer plan as (kind, args): [("linear", (2, 10)), ("act", ("relu",)), ...].

    ``hidden`` holds one width per hidden layer: (10,) is the course's Net(2 → 10 → 2),
    (8, 4, 2) three hidden layers as TensorFlow Playground draws them.
    """
    plan: list[tuple[str, tuple]] = []
    width = n_in
    for units in hidden:
        plan.append(("linear", (width, units)))
        plan.append(("act", (activation,)))
        if dropout > 0:
            plan.append(("dropout", (dropout,)))
        width = units
    plan.append(("linear", (width, n_out)))
    return plan


def build_mlp(n_in: int, hidden: Sequence[int], n_out: int, activation: str = "relu",
              dropout: float = 0.0) -> nn.Sequential:
    """Linear → activation (→ Dropout) once per hidden width, then a Linear output."""
    modules: list[nn.Module] = []
    for kind, args in mlp_layers(n_in, hidden, n_out, activation, dropout):
        if kind == "linear":
            modules.append(nn.Linear(*args))
        elif kind == "act":
            factory = _ACTIVATION_MODULES[args[0]][0]
            modules.append(factory(0.01) if args[0] == "leaky_relu" else factory())
        else:
            modules.append(nn.Dropout(args[0]))
    return nn.Sequential(*modules)


def mlp_source(n_in: int, hidden: Sequence[int], n_out: int, activation: str = "relu",
               dropout: float = 0.0, indent: str = "    ") -> str:
    """``build_mlp`` written out as an ``nn.Sequential(...)`` literal for a generated script."""
    lines = ["nn.Sequential("]
    for kind, args in mlp_layers(n_in, hidden, n_out, activation, dropout):
        if kind == "linear":
            lines.append(f"{indent}nn.Linear({args[0]}, {args[1]}),")
        elif kind == "act":
            lines.append(f"{indent}{_ACTIVATION_MODULES[args[0]][1]},")
        else:
            lines.append(f"{indent}nn.Dropout({args[0]}),")
    lines.append(")")
    return "\n".join(lines)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
