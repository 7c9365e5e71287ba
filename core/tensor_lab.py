"""Tensors & NumPy: memory sharing, the same math in both libraries, a shape lab, dtypes.

Everything here returns plain Python data (lists, tuples, small dataclasses) so that a page can
print it and a test can compare it with NumPy.  The page explains; this module measures.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

# ----------------------------------------------------------------------------------------------
# 1. from_numpy / .numpy() share memory; copies do not
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharingCase:
    """One way of going between NumPy and torch, then editing one side in place."""

    key: str  # stable id: the page looks up its explanation with it
    code: str  # the lines that were run, as the user would type them
    edited: str  # "numpy" or "torch": which side the edit was written to
    numpy_after: list[float]
    torch_after: list[float]
    shares_memory: bool  # measured: both sides use the same buffer
    other_changed: bool  # measured: the side that was NOT edited shows the new value


def _as_list(t: torch.Tensor) -> list[float]:
    return [float(v) for v in t.detach().to("cpu").reshape(-1).tolist()]


def _shares(a: np.ndarray, t: torch.Tensor) -> bool:
    # A tensor on another device (or of another dtype) lives in another buffer by construction.
    if t.device.type != "cpu":
        return False
    return bool(np.shares_memory(a, t.detach().numpy()))


def sharing_cases(values: Sequence[float], index: int, new_value: float, device: str = "cpu") -> list[SharingCase]:
    """Build a float64 array from ``values`` five different ways, set element ``index`` to
    ``new_value`` on one side, and report what the other side sees.

    ``device`` is used by the last case (``.to(device)``): on "cpu" it is a no-op that returns the
    very same tensor (so memory is still shared); on a GPU it is a copy.
    """
    if not values:
        raise ValueError("need at least one value")
    if not -len(values) <= index < len(values):
        raise ValueError(f"index {index} is outside 0..{len(values) - 1}")
    cases: list[SharingCase] = []

    def record(key: str, code: str, edited: str, a: np.ndarray, t: torch.Tensor, before_other: list[float]) -> None:
        other_now = _as_list(t) if edited == "numpy" else [float(v) for v in a.reshape(-1)]
        cases.append(
            SharingCase(
                key=key,
                code=code,
                edited=edited,
                numpy_after=[float(v) for v in a.reshape(-1)],
                torch_after=_as_list(t),
                shares_memory=_shares(a, t),
                other_changed=other_now != before_other,
            )
        )

    edit = f"[{index}] = {new_value!r}"

    def edit_the_array(key: str, code: str, tensor_of: Callable[[np.ndarray], torch.Tensor]) -> None:
        """Make a tensor from a fresh array with ``code``, then change the array only."""
        a = np.array(values, dtype=np.float64)
        t = tensor_of(a)
        before = _as_list(t)
        a[index] = new_value
        record(key, f"{code}\na{edit}", "numpy", a, t, before)

    # torch.from_numpy: the tensor is a view of the array's buffer.
    edit_the_array("from_numpy", "t = torch.from_numpy(a)", torch.from_numpy)

    # .numpy(): the array is a view of the tensor's buffer (CPU tensors only). This case
    # changes the tensor, so it is written out.
    t = torch.tensor(values, dtype=torch.float64)
    a = t.numpy()
    before = [float(v) for v in a]
    t[index] = new_value
    record("numpy", f"a = t.numpy()\nt{edit}", "torch", a, t, before)

    # torch.tensor(a) always copies.
    edit_the_array("tensor_copy", "t = torch.tensor(a)", torch.tensor)

    # .clone() copies the shared tensor into a buffer of its own.
    edit_the_array("clone", "t = torch.from_numpy(a).clone()", lambda a: torch.from_numpy(a).clone())

    # Changing the dtype needs new memory: float64 -> float32 is a copy.
    edit_the_array("dtype_copy", "t = torch.from_numpy(a).to(torch.float32)",
                   lambda a: torch.from_numpy(a).to(torch.float32))

    # .to(device): the same tensor when nothing changes (cpu), a copy on another device.
    edit_the_array("to_device", f"t = torch.from_numpy(a).to({device!r})",
                   lambda a: torch.from_numpy(a).to(device))
    return cases


# ----------------------------------------------------------------------------------------------
# 2. The same math in NumPy and torch
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MathRow:
    name: str
    numpy_code: str
    torch_code: str
    numpy_value: Any  # float or nested list
    torch_value: Any
    max_abs_diff: float  # NumPy works in float64, the course's FloatTensor in float32


def math_rows(data: Sequence[float], matrix: Sequence[Sequence[float]]) -> list[MathRow]:
    """The course's comparisons: abs, sin, mean on ``data``; mm/matmul vs ``*`` on ``matrix``."""
    d_np = np.asarray(data, dtype=np.float64)
    d_t = torch.tensor(data, dtype=torch.float32)  # torch.FloatTensor(data) in the course
    m_np = np.asarray(matrix, dtype=np.float64)
    m_t = torch.tensor(matrix, dtype=torch.float32)
    if m_np.ndim != 2 or m_np.shape[0] != m_np.shape[1]:
        raise ValueError("the matrix must be square so that m @ m exists")

    pairs = [
        ("abs", "np.abs(data)", "torch.abs(tensor)", np.abs(d_np), torch.abs(d_t)),
        ("sin", "np.sin(data)", "torch.sin(tensor)", np.sin(d_np), torch.sin(d_t)),
        ("mean", "np.mean(data)", "torch.mean(tensor)", np.mean(d_np), torch.mean(d_t)),
        ("matmul", "np.matmul(m, m)", "torch.mm(t, t)", np.matmul(m_np, m_np), torch.mm(m_t, m_t)),
        ("matmul_op", "m @ m", "t @ t  # torch.matmul", m_np @ m_np, m_t @ m_t),
        ("elementwise", "m * m", "t * t  # torch.mul", m_np * m_np, m_t * m_t),
    ]
    rows = []
    for name, np_code, t_code, np_val, t_val in pairs:
        t_np = t_val.numpy().astype(np.float64)
        rows.append(
            MathRow(
                name=name,
                numpy_code=np_code,
                torch_code=t_code,
                numpy_value=np.asarray(np_val).tolist(),
                torch_value=t_val.tolist(),
                max_abs_diff=float(np.max(np.abs(t_np - np_val))),
            )
        )
    return rows


# ----------------------------------------------------------------------------------------------
# 3. The shape lab
# ----------------------------------------------------------------------------------------------

# Each operation takes one text argument; its meaning and a working default are listed here.
SHAPE_OPS: dict[str, str] = {
    "view": "-1, 2",  # new shape; -1 is inferred
    "reshape": "-1, 2",
    "squeeze": "",  # "" = every size-1 dim, or a dim
    "unsqueeze": "0",  # where the new size-1 dim goes
    "expand": "2, -1, -1",  # new sizes; -1 keeps a size; only size-1 dims can grow
    "repeat": "1, 2",  # copies along each dim
    "transpose": "0, 1",  # the two dims to swap
    "permute": "1, 0",  # the new order of all dims
    "cat": "0",  # torch.cat((x, x), dim)
    "stack": "0",  # torch.stack((x, x), dim)
    "index": "0, 1:3",  # x[...]: ints, slices a:b:c, ... and None
    "masked_select": "4",  # x.masked_select(x > threshold)
    "take": "0, -1",  # flat indices
    "contiguous": "",  # copy into row-major order
}


@dataclass(frozen=True)
class ShapeResult:
    op: str
    code: str  # the line that was run
    input_shape: tuple[int, ...]
    input_strides: tuple[int, ...]
    input_contiguous: bool
    ok: bool
    shape: tuple[int, ...] = ()
    strides: tuple[int, ...] = ()
    values: Any = None  # nested list
    text: str = ""  # how torch prints the result
    contiguous: bool = False
    shares_storage: bool = False  # a view of x (same memory) rather than a copy
    error: str = ""  # the real error message
    error_kind: str = ""  # stable key for the explanation (see ERROR_PATTERNS)


def make_input(shape: Sequence[int], transposed: bool = False) -> torch.Tensor:
    """``torch.arange(n).reshape(shape)``; with ``transposed`` the same shape, built as the
    transpose of a contiguous tensor, so that its strides are not row-major (the classic case
    where ``view`` fails and ``reshape``/``contiguous`` are needed)."""
    shape = tuple(int(s) for s in shape)
    if not shape or any(s < 0 for s in shape):
        raise ValueError("a shape needs at least one non-negative size")
    n = math.prod(shape)
    if n > 10_000:
        raise ValueError("keep the shape lab under 10,000 elements")
    if transposed:
        if len(shape) < 2:
            raise ValueError("a transposed input needs at least two dims")
        base = torch.arange(n).reshape(*shape[:-2], shape[-1], shape[-2])
        return base.transpose(-1, -2)
    return torch.arange(n).reshape(shape)


def input_code(shape: Sequence[int], transposed: bool = False) -> str:
    shape = tuple(int(s) for s in shape)
    n = math.prod(shape)
    if transposed:
        swapped = (*shape[:-2], shape[-1], shape[-2])
        return f"x = torch.arange({n}).reshape{swapped}.transpose(-1, -2)"
    return f"x = torch.arange({n}).reshape{shape}"


def parse_ints(text: str) -> tuple[int, ...]:
    """"2, -1, 3" -> (2, -1, 3); also accepts brackets and spaces."""
    cleaned = text.strip().strip("()[]")
    if not cleaned:
        return ()
    try:
        return tuple(int(p) for p in re.split(r"[,\s]+", cleaned) if p)
    except ValueError:
        raise ValueError(f"expected whole numbers separated by commas, got {text!r}") from None


def parse_floats(text: str) -> list[float]:
    """"1, 2.5, -3" -> [1.0, 2.5, -3.0] (finite numbers only)."""
    parts = [p for p in re.split(r"[,\s]+", text.strip().strip("()[]")) if p]
    if not parts:
        raise ValueError("type at least one number")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"expected numbers separated by commas, got {text!r}") from None
    if not all(math.isfinite(v) for v in values):
        raise ValueError("numbers must be finite")
    return values


def parse_matrix(text: str) -> list[list[float]]:
    """"1, 2; 3, 4" -> [[1.0, 2.0], [3.0, 4.0]]: rows separated by semicolons."""
    rows = [parse_floats(r) for r in text.split(";") if r.strip()]
    if not rows or len({len(r) for r in rows}) != 1:
        raise ValueError("every row needs the same number of entries (rows are separated by ';')")
    return rows


def parse_index(text: str) -> tuple[Any, ...]:
    """Basic indexing written as in Python: "0, 1:3", "..., -1", ":, None, ::2"."""
    items: list[Any] = []
    for raw in text.split(","):
        part = raw.strip()
        if part == "":
            raise ValueError(f"empty item in index {text!r}")
        if part == "...":
            items.append(Ellipsis)
        elif part == "None":
            items.append(None)
        elif ":" in part:
            bits = part.split(":")
            if len(bits) > 3:
                raise ValueError(f"a slice has at most two colons: {part!r}")
            try:
                nums = [int(b) if b.strip() else None for b in bits]
            except ValueError:
                raise ValueError(f"cannot read slice {part!r}") from None
            items.append(slice(*nums))
        else:
            try:
                items.append(int(part))
            except ValueError:
                raise ValueError(f"cannot read index item {part!r}") from None
    return tuple(items)


def _index_text(idx: tuple[Any, ...]) -> str:
    def one(i: Any) -> str:
        if i is Ellipsis:
            return "..."
        if isinstance(i, slice):
            s = ("" if i.start is None else str(i.start)) + ":" + ("" if i.stop is None else str(i.stop))
            return s + (f":{i.step}" if i.step is not None else "")
        return repr(i)

    return ", ".join(one(i) for i in idx)


def _single_int(args: tuple[int, ...], what: str) -> int:
    if len(args) != 1:
        raise ValueError(f"{what} takes one whole number")
    return args[0]


def apply_op(x: torch.Tensor, op: str, arg: str) -> tuple[torch.Tensor, str]:
    """Run one shape-lab operation on ``x``; return the result and the code line.

    Parse problems raise ValueError (our message); torch's own problems raise whatever torch
    raises (usually RuntimeError or IndexError) and are left alone for :func:`shape_lab`.
    """
    if op in ("view", "reshape", "expand", "repeat", "permute"):
        args = parse_ints(arg)
        if not args:
            raise ValueError(f"{op} needs at least one size")
        code = f"y = x.{op}({', '.join(map(str, args))})"
        return getattr(x, op)(*args), code
    if op == "squeeze":
        if not arg.strip():
            return x.squeeze(), "y = x.squeeze()"
        dim = _single_int(parse_ints(arg), "squeeze")
        return x.squeeze(dim), f"y = x.squeeze({dim})"
    if op == "unsqueeze":
        dim = _single_int(parse_ints(arg), "unsqueeze")
        return x.unsqueeze(dim), f"y = x.unsqueeze({dim})"
    if op == "transpose":
        args = parse_ints(arg)
        if len(args) != 2:
            raise ValueError("transpose takes two dims")
        return x.transpose(*args), f"y = x.transpose({args[0]}, {args[1]})"
    if op in ("cat", "stack"):
        dim = _single_int(parse_ints(arg or "0"), op)
        return getattr(torch, op)((x, x), dim=dim), f"y = torch.{op}((x, x), dim={dim})"
    if op == "index":
        idx = parse_index(arg)
        return x[idx], f"y = x[{_index_text(idx)}]"
    if op == "masked_select":
        try:
            threshold = float(arg)
        except ValueError:
            raise ValueError(f"masked_select needs a number (the threshold), got {arg!r}") from None
        return x.masked_select(x > threshold), f"y = x.masked_select(x > {threshold:g})"
    if op == "take":
        idx = parse_ints(arg)
        return torch.take(x, torch.tensor(idx, dtype=torch.long)), f"y = torch.take(x, torch.tensor({list(idx)}))"
    if op == "contiguous":
        return x.contiguous(), "y = x.contiguous()"
    raise ValueError(f"unknown operation {op!r}; choose one of {', '.join(SHAPE_OPS)}")


# Real torch messages -> a stable key the page turns into an explanation (both languages).
ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"view size is not compatible with input tensor's size and stride", "view_stride"),
    (r"only one dimension can be inferred", "infer_twice"),
    (r"shape '.*' is invalid for input of size", "numel_mismatch"),
    (r"[Dd]imension out of range", "dim_out_of_range"),
    (r"expanded size of the tensor .* must match the existing size", "expand_mismatch"),
    (r"the number of sizes provided .* must be greater or equal to the number of dimensions", "expand_too_few"),
    (r"[Nn]umber of dimensions of repeat dims can not be smaller", "repeat_too_few"),
    (r"number of dims don't match in permute|number of dimensions in the tensor input does not match", "permute_dims"),
    (r"repeated dim in permute|duplicate dims are not allowed|appears multiple times", "permute_dims"),
    (r"too many indices for tensor", "too_many_indices"),
    (r"out of (bounds|range)", "index_out_of_range"),
    (r"invalid shape dimension|negative dimension", "negative_size"),
)


def classify_error(message: str) -> str:
    for pattern, kind in ERROR_PATTERNS:
        if re.search(pattern, message):
            return kind
    return "other"


def _values(t: torch.Tensor, limit: int = 400) -> Any:
    # Large results are shown flat and truncated; the shape says the rest.
    if t.numel() > limit:
        return t.reshape(-1)[:limit].tolist()
    return t.tolist()


def shape_lab(shape: Sequence[int], op: str, arg: str, transposed: bool = False) -> ShapeResult:
    """Run ``op`` on ``make_input(shape, transposed)``; never raises for a bad operation: the
    real message and its kind come back in the result instead."""
    x = make_input(shape, transposed)
    base = dict(
        op=op,
        input_shape=tuple(x.shape),
        input_strides=tuple(x.stride()),
        input_contiguous=x.is_contiguous(),
    )
    try:
        y, code = apply_op(x, op, arg)
    except ValueError as err:  # our own argument parser
        return ShapeResult(code="", ok=False, error=str(err), error_kind="bad_argument", **base)
    except (RuntimeError, IndexError, TypeError) as err:  # torch refusing the operation
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return ShapeResult(code="", ok=False, error=message, error_kind=classify_error(message), **base)
    return ShapeResult(
        code=code,
        ok=True,
        shape=tuple(y.shape),
        strides=tuple(y.stride()),
        values=_values(y),
        text=str(y),
        contiguous=y.is_contiguous(),
        # same storage = a view: writing into y writes into x
        shares_storage=y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
        **base,
    )


# ----------------------------------------------------------------------------------------------
# 4. dtypes, type promotion and .to()
# ----------------------------------------------------------------------------------------------

# uint8/int8/int16 are left out on purpose: converting an out-of-range float to them is
# undefined behaviour in C++, so the "values" would depend on the machine.
DTYPES: dict[str, torch.dtype] = {
    "float64": torch.float64,
    "float32": torch.float32,
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
}


@dataclass(frozen=True)
class DtypeRow:
    name: str
    bytes_per_element: int
    is_floating_point: bool
    values: list[Any]  # the input after .to(dtype)
    max_round_trip_error: float  # max |x.to(dtype).double() - x|
    resolution: float  # finfo.eps for floats (gap after 1.0); 1 for integers; nan for bool
    max_value: float


def dtype_rows(values: Sequence[float]) -> list[DtypeRow]:
    """``torch.tensor(values, dtype=float64).to(d)`` for each dtype in :data:`DTYPES`."""
    if any(abs(v) > 1e6 or not math.isfinite(v) for v in values):
        raise ValueError("keep values finite and within ±1e6 (int32 must hold them)")
    x = torch.tensor(list(values), dtype=torch.float64)
    rows = []
    for name, dt in DTYPES.items():
        y = x.to(dt)
        back = y.to(torch.float64)
        if dt.is_floating_point:
            info = torch.finfo(dt)
            resolution, max_value = float(info.eps), float(info.max)
        elif dt == torch.bool:
            resolution, max_value = float("nan"), 1.0
        else:
            resolution, max_value = 1.0, float(torch.iinfo(dt).max)
        err = (back - x).abs()
        rows.append(
            DtypeRow(
                name=name,
                bytes_per_element=y.element_size(),
                is_floating_point=dt.is_floating_point,
                values=y.tolist(),
                max_round_trip_error=float(err.max()) if len(values) else 0.0,
                resolution=resolution,
                max_value=max_value,
            )
        )
    return rows


@dataclass(frozen=True)
class PromotionRow:
    code: str
    result_dtype: str


def promotion_rows() -> list[PromotionRow]:
    """What dtype an operation between two dtypes gives, measured by doing it."""
    i64 = torch.tensor([1, 2])
    i32 = torch.tensor([1, 2], dtype=torch.int32)
    f32 = torch.tensor([1.0, 2.0])
    f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)
    f16 = torch.tensor([1.0, 2.0], dtype=torch.float16)
    b = torch.tensor([True, False])
    cases = [
        ("int64 + float32", i64 + f32),
        ("int32 + int64", i32 + i64),
        ("float32 + float64", f32 + f64),
        ("float16 + float32", f16 + f32),
        ("bool + int64", b + i64),
        ("int64 / int64", i64 / i64),
        ("int64 // int64", i64 // i64),
        ("int64 * 2.5  (a Python float)", i64 * 2.5),
        ("float16 * 2.5  (a Python float)", f16 * 2.5),
    ]
    return [PromotionRow(code, str(r.dtype).replace("torch.", "")) for code, r in cases]


@dataclass(frozen=True)
class ToDemo:
    device: str
    same_object: bool  # x.to(device) is x: nothing to do, so no copy
    result_device: str
    result_dtype: str
    both_device: str  # x.to(device, torch.float64) changes both at once
    both_dtype: str
    shares_memory: bool  # the .to(device) result uses x's memory


def to_demo(device: str = "cpu") -> ToDemo:
    x = torch.arange(4, dtype=torch.float32)
    y = x.to(device)
    z = x.to(device, torch.float64)
    return ToDemo(
        device=device,
        same_object=y is x,
        result_device=str(y.device),
        result_dtype=str(y.dtype).replace("torch.", ""),
        both_device=str(z.device),
        both_dtype=str(z.dtype).replace("torch.", ""),
        shares_memory=y.device == x.device and y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(),
    )
