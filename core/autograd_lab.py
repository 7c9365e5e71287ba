"""Autograd: the course's ``mean(v*v)`` example, the graph autograd records, and the two-layer
net trained three ways (NumPy by hand, torch autograd, nn.Module + optim).

Functions return plain data (lists, floats, DOT text) so that a page can show them and a test
can check them against hand-computed values.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from collections.abc import Callable, Sequence

import numpy as np
import torch

Matrix = Sequence[Sequence[float]]

# ----------------------------------------------------------------------------------------------
# 1. The course's example and two more expressions, with their recorded graphs
# ----------------------------------------------------------------------------------------------


def _course(v: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return torch.mean(v * v)


def _shifted(v: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    # the official tutorial's y = x + 2; z = y * y * 3; out = z.mean()
    y = v + 2
    z = y * y * 3
    return z.mean()


def _layer(v: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    # a tiny layer: v (2x2) @ w (2x1), squashed by a sigmoid, summed to a scalar
    return torch.sigmoid(v @ w).sum()


@dataclass(frozen=True)
class Expression:
    code: str  # the Python line
    latex: str  # the formula, for st.latex
    fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    uses_w: bool


EXPRESSIONS: dict[str, Expression] = {
    "mean(v*v)": Expression("out = torch.mean(v * v)", r"out = \frac{1}{n}\sum_{ij} v_{ij}^2", _course, False),
    "mean(3*(v+2)**2)": Expression(
        "y = v + 2; z = y * y * 3; out = z.mean()", r"out = \frac{1}{n}\sum_{ij} 3\,(v_{ij}+2)^2", _shifted, False
    ),
    "sum(sigmoid(v @ w))": Expression(
        "out = torch.sigmoid(v @ w).sum()", r"out = \sum_i \sigma\Big(\sum_j v_{ij} w_j\Big)", _layer, True
    ),
}
W_DEFAULT = ((1.0,), (-1.0,))  # the second leaf of "sum(sigmoid(v @ w))", shape (2, 1)


@dataclass(frozen=True)
class GradResult:
    expression: str
    out: float
    v_grad: list[list[float]]
    w_grad: list[list[float]] | None
    dot: str  # the grad_fn graph, Graphviz DOT text
    nodes: list[str]  # node labels of the graph, output first


def grad_fn_dot(out: torch.Tensor, names: dict[int, str], rankdir: str = "LR") -> tuple[str, list[str]]:
    """Walk ``out.grad_fn`` and its ``next_functions`` and describe the graph in DOT.

    Leaves (tensors created by the user with requires_grad=True) appear as ``AccumulateGrad``
    nodes; ``names`` maps ``id(leaf_tensor)`` to the name shown for it. Edges point the way the
    data flowed in the forward pass (leaf -> ... -> out); backward walks them in reverse.
    """
    ids: dict[int, str] = {}
    labels: list[str] = []
    node_lines: list[str] = []
    edges: list[str] = []

    def node_id(fn: object) -> str:
        key = id(fn)
        if key not in ids:
            ids[key] = f"n{len(ids)}"
            variable = getattr(fn, "variable", None)
            if variable is not None:  # AccumulateGrad: the gradient lands in this leaf's .grad
                name = names.get(id(variable), "leaf")
                label = f"{name} {tuple(variable.shape)}\\nAccumulateGrad"
                style = ', style="filled", fillcolor="#dbeafe"'
            else:
                label = type(fn).__name__
                style = ""
            labels.append(label.replace("\\n", " "))
            node_lines.append(f'  {ids[key]} [label="{label}"{style}];')
        return ids[key]

    lines = ["digraph grad_fn {", f"  rankdir={rankdir};", '  node [shape=box, fontname="Helvetica"];']
    value = out.detach().reshape(-1)[0].item() if out.numel() == 1 else None
    out_label = f"out = {value:.6g}" if value is not None else f"out {tuple(out.shape)}"
    labels.append(out_label)
    lines.append(f'  out [label="{out_label}", shape=ellipse, style="filled", fillcolor="#fde68a"];')
    if out.grad_fn is not None:
        edges.append(f"  {node_id(out.grad_fn)} -> out;")
        stack = [out.grad_fn]
        seen: set[int] = set()
        while stack:  # breadth-first, children in the order autograd lists them
            fn = stack.pop(0)
            if id(fn) in seen:
                continue
            seen.add(id(fn))
            for child, _ in fn.next_functions:
                if child is None:  # an input that needs no gradient (a constant)
                    continue
                edges.append(f"  {node_id(child)} -> {node_id(fn)};")
                stack.append(child)
    lines.extend(node_lines)
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines), labels


def gradients(expression: str, v: Matrix, w: Matrix = W_DEFAULT) -> GradResult:
    """Evaluate one of :data:`EXPRESSIONS` on a leaf ``v`` (and ``w``), call ``backward()``."""
    expr = EXPRESSIONS[expression]
    vt = torch.tensor(v, dtype=torch.float32, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float32, requires_grad=True)
    out = expr.fn(vt, wt)
    dot, nodes = grad_fn_dot(out, {id(vt): "v", id(wt): "w"})
    out.backward()
    return GradResult(
        expression=expression,
        out=float(out.item()),
        v_grad=vt.grad.tolist(),
        w_grad=wt.grad.tolist() if expr.uses_w else None,
        dot=dot,
        nodes=nodes,
    )


# ----------------------------------------------------------------------------------------------
# 2. backward(gradient), no_grad / detach, accumulation
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VectorBackward:
    y: list[list[float]]  # y = v * v, not a scalar
    gradient: list[list[float]]
    v_grad: list[list[float]]  # = 2 * v * gradient (a vector-Jacobian product)
    error_without_gradient: str  # what y.backward() says when y is not a scalar


def vector_backward(v: Matrix, gradient: Matrix) -> VectorBackward:
    """``y = v * v`` is a matrix; ``y.backward(gradient)`` computes d(sum(gradient * y))/dv.

    With gradient = 1/n everywhere this is exactly what ``mean`` does, so v.grad = v / 2 again.
    """
    vt = torch.tensor(v, dtype=torch.float32, requires_grad=True)
    g = torch.tensor(gradient, dtype=torch.float32)
    y = vt * vt
    try:
        y.backward()  # fails: which combination of y's entries should be differentiated?
        message = ""
    except RuntimeError as err:
        message = str(err).strip().splitlines()[0]
    vt.grad = None
    y = vt * vt
    y.backward(g)
    return VectorBackward(y=y.tolist(), gradient=g.tolist(), v_grad=vt.grad.tolist(), error_without_gradient=message)


@dataclass(frozen=True)
class TrackingRow:
    code: str
    requires_grad: bool
    grad_fn: str  # "None" when nothing is recorded
    shares_memory_with_v: bool


def tracking_rows(v: Matrix) -> list[TrackingRow]:
    """What autograd records for the same ``v * v`` normally, under no_grad, and after detach."""
    vt = torch.tensor(v, dtype=torch.float32, requires_grad=True)

    def row(code: str, t: torch.Tensor) -> TrackingRow:
        return TrackingRow(
            code=code,
            requires_grad=t.requires_grad,
            grad_fn=type(t.grad_fn).__name__ if t.grad_fn is not None else "None",
            shares_memory_with_v=t.untyped_storage().data_ptr() == vt.untyped_storage().data_ptr(),
        )

    rows = [row("v", vt), row("y = v * v", vt * vt)]
    with torch.no_grad():
        rows.append(row("with torch.no_grad(): y = v * v", vt * vt))
    d = vt.detach()
    rows.append(row("d = v.detach()", d))
    rows.append(row("y = d * d", d * d))
    return rows


def accumulation(v: Matrix, calls: int, zero_grad: bool = False) -> list[list[list[float]]]:
    """``v.grad`` after each of ``calls`` backward passes of ``mean(v*v)``.

    Without zeroing, autograd *adds* into ``.grad``: after k calls v.grad = k * v / 2. That is
    why training loops call ``optimizer.zero_grad()`` every step.
    """
    vt = torch.tensor(v, dtype=torch.float32, requires_grad=True)
    history = []
    for _ in range(calls):
        if zero_grad and vt.grad is not None:
            vt.grad.zero_()
        torch.mean(vt * vt).backward()
        history.append(vt.grad.tolist())
    return history


# ----------------------------------------------------------------------------------------------
# 3. Dynamic graph: Python control flow decides the graph on every run
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DynamicResult:
    doublings: int  # how many times the loop body ran (depends on x)
    branch: str  # which side of the `if` ran (depends on x)
    out: float
    x_grad: list[float]  # = sign * 2**doublings for every entry
    dot: str
    nodes: list[str]


DYNAMIC_CODE = """y = x * 2
while y.norm() < limit:   # how many times depends on the data
    y = y * 2
if y.sum() > 0:           # which branch depends on the data
    out = y.sum()
else:
    out = (-y).sum()
out.backward()"""


def dynamic_graph(x: Sequence[float], limit: float = 1000.0) -> DynamicResult:
    """The official tutorial's doubling loop plus a data-dependent ``if``.

    A static graph (TensorFlow 1) is built once, before any data exists, so a loop count or a
    branch that depends on the values needs special graph operators (tf.while_loop, tf.cond).
    PyTorch records the operations as they run: each input gets the graph its values call for.
    """
    if not any(x):
        raise ValueError("x must not be all zeros: doubling zero never reaches the limit")
    xt = torch.tensor(list(x), dtype=torch.float32, requires_grad=True)
    y = xt * 2
    doublings = 1
    while y.norm() < limit:
        y = y * 2
        doublings += 1
    if y.sum() > 0:
        branch = "sum"
        out = y.sum()
    else:
        branch = "neg_sum"
        out = (-y).sum()
    dot, nodes = grad_fn_dot(out, {id(xt): "x"}, rankdir="TB")  # a long chain: top to bottom
    out.backward()
    return DynamicResult(doublings, branch, float(out.item()), xt.grad.tolist(), dot, nodes)


# ----------------------------------------------------------------------------------------------
# 4. A two-layer net trained three ways from the same initial weights
# ----------------------------------------------------------------------------------------------
# x: (N, D_in), y: (N, D_out), w1: (D_in, H), w2: (H, D_out); prediction = relu(x @ w1) @ w2;
# loss = sum of squared errors; plain gradient descent. float64 everywhere, so that the three
# curves differ only by the order in which floating-point sums are done.


def make_problem(seed: int, n: int = 64, d_in: int = 1000, h: int = 100, d_out: int = 10) -> dict[str, np.ndarray]:
    """Random data and initial weights, all standard normal, from one NumPy generator."""
    rng = np.random.default_rng(seed)
    return {
        "x": rng.standard_normal((n, d_in)),
        "y": rng.standard_normal((n, d_out)),
        "w1": rng.standard_normal((d_in, h)),
        "w2": rng.standard_normal((h, d_out)),
    }


def train_numpy(p: dict[str, np.ndarray], steps: int, lr: float) -> list[float]:
    """Forward and backward written by hand: every gradient is a line of chain rule."""
    x, y = p["x"], p["y"]
    w1, w2 = p["w1"].copy(), p["w2"].copy()
    losses = []
    for _ in range(steps):
        h = x.dot(w1)  # (N, H)
        h_relu = np.maximum(h, 0)
        y_pred = h_relu.dot(w2)  # (N, D_out)
        losses.append(float(np.square(y_pred - y).sum()))

        grad_y_pred = 2.0 * (y_pred - y)  # d loss / d y_pred
        grad_w2 = h_relu.T.dot(grad_y_pred)  # (H, D_out)
        grad_h_relu = grad_y_pred.dot(w2.T)  # (N, H)
        grad_h = grad_h_relu.copy()
        grad_h[h < 0] = 0  # relu passes the gradient only where it was active
        grad_w1 = x.T.dot(grad_h)  # (D_in, H)

        w1 -= lr * grad_w1
        w2 -= lr * grad_w2
    return losses


def train_autograd(p: dict[str, np.ndarray], steps: int, lr: float) -> list[float]:
    """The same forward pass on tensors; autograd writes the backward pass."""
    x, y = torch.from_numpy(p["x"]), torch.from_numpy(p["y"])
    w1 = torch.tensor(p["w1"], requires_grad=True)  # a copy: p stays untouched
    w2 = torch.tensor(p["w2"], requires_grad=True)
    losses = []
    for _ in range(steps):
        y_pred = x.mm(w1).clamp(min=0).mm(w2)
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():  # the update itself must not become part of the graph
            w1 -= lr * w1.grad
            w2 -= lr * w2.grad
            w1.grad.zero_()  # gradients accumulate otherwise
            w2.grad.zero_()
    return losses


def train_module(p: dict[str, np.ndarray], steps: int, lr: float) -> list[float]:
    """nn.Sequential holds the weights, nn.MSELoss the loss, optim.SGD the update."""
    x, y = torch.from_numpy(p["x"]), torch.from_numpy(p["y"])
    d_in, h = p["w1"].shape
    d_out = p["w2"].shape[1]
    model = torch.nn.Sequential(
        torch.nn.Linear(d_in, h, bias=False),  # no bias: the hand-written version has none
        torch.nn.ReLU(),
        torch.nn.Linear(h, d_out, bias=False),
    ).double()
    with torch.no_grad():  # nn.Linear stores its weight as (out, in) and computes x @ W.T
        model[0].weight.copy_(torch.from_numpy(p["w1"]).T)
        model[2].weight.copy_(torch.from_numpy(p["w2"]).T)
    loss_fn = torch.nn.MSELoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(x), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@dataclass(frozen=True)
class ThreeWays:
    losses: dict[str, list[float]]  # "numpy", "autograd", "module" -> loss per step
    max_abs_diff: float  # largest |difference| between any two curves at any step
    max_rel_diff: float  # the same, divided by the loss at that step
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each way


def train_three_ways(
    steps: int = 500, lr: float = 1e-6, seed: int = 0, n: int = 64, d_in: int = 1000, h: int = 100, d_out: int = 10
) -> ThreeWays:
    """The course's net (N=64, D_in=1000, H=100, D_out=10, lr 1e-6, 500 steps) three ways."""
    if steps < 1:
        raise ValueError("steps must be at least 1")
    p = make_problem(seed, n, d_in, h, d_out)
    losses: dict[str, list[float]] = {}
    seconds: dict[str, float] = {}
    for name, fn in (("numpy", train_numpy), ("autograd", train_autograd), ("module", train_module)):
        start = time.perf_counter()
        losses[name] = fn(p, steps, lr)
        seconds[name] = time.perf_counter() - start
    curves = np.array(list(losses.values()))  # (3, steps)
    spread = curves.max(axis=0) - curves.min(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(spread == 0, 0.0, spread / np.abs(curves).max(axis=0))
    return ThreeWays(losses, float(spread.max()), float(rel.max()), seconds)
