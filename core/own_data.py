"""Your own points for the classification and regression pages: a CSV file, or points drawn.

Reading a file is three steps, each refusing bad input with an :class:`OwnDataError` that says
what is wrong and what to do:

1. :func:`sniff` looks at the raw bytes: size, binary or text, encoding (UTF-8 with or without
   BOM), delimiter (comma, semicolon or tab) and whether the first line holds column names;
2. pandas reads the table with exactly those settings (:meth:`CsvFormat.read_csv_arguments`),
   every cell as text, so that a generated script can repeat the very same call;
3. :func:`read_classification` / :func:`read_regression` choose the columns and check the
   values (numbers, no empty/NaN/inf cells, 2 to 8 classes, not all points at one place).

The result, :class:`OwnData`, keeps only the chosen columns (still text). The tasks turn it into
tensors with :func:`classification_points` / :func:`regression_points`, the same functions a
"show the code" script embeds, so the page, the CLI and the script train on identical numbers.
:func:`to_csv` writes points back out, with formula-like text escaped for spreadsheets.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import torch

if TYPE_CHECKING:
    import pandas as pd
# pandas (with pyarrow, about 80 MB) is imported by the functions that read or make a table, not
# here: the classification and regression lessons import this module, and a training worker
# that trains on a built-in dataset never needs it.

MAX_BYTES = 5 * 1024 * 1024  # 5 MB: far more than a 2-D teaching example needs
MAX_ROWS = 10_000  # the page draws every point; a full-batch step stays well under 10 ms
MIN_POINTS = 4
MIN_CLASSES, MAX_CLASSES = 2, 8  # the boundary picture has 8 distinct class colours
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (an .xlsx workbook is one)",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office file",
}

# English messages; pages translate by code (ui/strings: "own.error.<code>").
MESSAGES = {
    "empty": "the file is empty",
    "too_big": "the file is {size_mb} MB; the limit is {limit_mb} MB",
    "binary": "this is {what}, not a CSV text file",
    "utf16": "the file is UTF-16 text; save it as 'CSV UTF-8'",
    "encoding": "line {line} is not UTF-8 text (byte {byte}); the file mixes encodings or is not "
                "UTF-8: save it as 'CSV UTF-8'",
    "unreadable": "pandas cannot read the table: {detail}",
    "too_many_rows": "the file has {rows} rows; the limit is {limit} (take a sample, e.g. "
                     "pandas' DataFrame.sample({limit}))",
    "too_few_points": "only {points} points; at least {minimum} are needed",
    "too_few_columns": "found {found} column(s), {needed} are needed ({what}); separate columns "
                       "with a comma, semicolon or tab",
    "no_column": "no column named {name!r} (columns: {columns})",
    "same_column": "column {name!r} is chosen twice",
    "wrong_count": "choose {needed} feature column(s), got {got}",
    "not_numeric": "column {column!r}, data row {row}: {value!r} is not a number",
    "missing": "column {column!r}, data row {row} is empty or NaN",
    "truncated": "the last line looks cut off: column {column!r} of data row {row} is missing",
    "not_finite": "column {column!r}, data row {row}: {value} is not a finite number",
    "one_class": "every point has the label {label!r}: classification needs {minimum} to "
                 "{maximum} classes",
    "too_many_classes": "the label column {column!r} has {found} different values; "
                        "classification takes {minimum} to {maximum} classes (a numeric target "
                        "belongs on the regression page)",
    "identical": "all {points} points are at the same place: nothing to separate or fit",
    "constant_x": "every point has the same x ({value}): a curve cannot be fitted",
}


class OwnDataError(ValueError):
    """Points that cannot be used. ``code`` and ``params`` let a page say it in its language."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(MESSAGES[code].format(**params))


@dataclass(frozen=True)
class CsvFormat:
    """How to read a file: what :func:`sniff` found, handed to ``pandas.read_csv`` as is."""

    delimiter: str = ","
    encoding: str = "utf-8"  # "utf-8-sig" when the file starts with a byte order mark
    names: tuple[str, ...] | None = None  # None: the first line holds the column names

    def read_csv_arguments(self) -> dict:
        """Every cell as text (numbers are converted later, with the row of any bad cell)."""
        arguments = {"sep": self.delimiter, "encoding": self.encoding, "dtype": str}
        if self.names is not None:
            arguments.update(header=None, names=list(self.names))
        return arguments


CANONICAL = CsvFormat()  # what to_csv writes


@dataclass(frozen=True, eq=False)
class OwnData:
    """The points a user brought, as the chosen columns of their table (cells as text).

    A config carries it through the worker process; equality and hashing go by content, so two
    configs with the same points compare equal.
    """

    task: str  # "classification" or "regression"
    table: pd.DataFrame  # features (2 or 1) then the label / y column, cells as text
    features: tuple[str, ...]
    target: str
    classes: tuple[str, ...] = ()  # class names in index order; () for regression
    standardize: bool = False
    source: str = "points.csv"  # the file a generated script reads
    fmt: CsvFormat = CANONICAL
    notices: tuple[str, ...] = ()  # e.g. "no_header" (ui/strings: "own.notice.<key>")
    digest: str = field(init=False, default="")

    def __post_init__(self) -> None:
        content = to_csv(self) + repr((self.task, self.classes, self.standardize,
                                       self.source, self.fmt)).encode()
        object.__setattr__(self, "digest", hashlib.sha256(content).hexdigest())

    def __eq__(self, other) -> bool:
        return isinstance(other, OwnData) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __len__(self) -> int:
        return len(self.table)

    def points(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The tensors the task trains on (see classification_points / regression_points)."""
        if self.task == "classification":
            return classification_points(self.table, self.features, self.target, self.classes,
                                         self.standardize)
        return regression_points(self.table, self.features[0], self.target, self.standardize)

    def scaling(self) -> dict[str, tuple[float, float]]:
        """Column -> (mean, standard deviation) used by the standardization ({} when off)."""
        if not self.standardize:
            return {}
        columns = list(self.features) + ([self.target] if self.task == "regression" else [])
        values = torch.tensor(self.table[columns].astype("float64").to_numpy())
        return {c: (float(m), float(s)) for c, m, s in zip(columns, values.mean(0), values.std(0), strict=True)}

    def describe(self) -> dict:
        """What was read, for the CLI's JSON and the page's summary."""
        out = {"file": self.source, "points": len(self), "columns": [*self.features, self.target],
               "standardized": self.standardize}
        if self.task == "classification":
            out.update(classes=len(self.classes), class_names=list(self.classes))
        return out

    def exported(self, source: str) -> OwnData:
        """The same points described as the file :func:`to_csv` writes (escaped names)."""
        names = {c: escape_cell(c) for c in self.table.columns}
        table = self.table.rename(columns=names)
        if self.task == "classification":
            table[names[self.target]] = table[names[self.target]].map(escape_cell)
        return replace(self, table=table, features=tuple(names[c] for c in self.features),
                       target=names[self.target], classes=tuple(map(escape_cell, self.classes)),
                       source=source, fmt=CANONICAL, notices=())


# ----------------------------------------------------------------- points as tensors (embedded)
def standardized(values: torch.Tensor) -> torch.Tensor:
    """Each column to mean 0 and standard deviation 1 (a constant column is only centred)."""
    std = values.std(0)
    return (values - values.mean(0)) / torch.where(std > 0, std, torch.ones_like(std))


def classification_points(table, x_columns, label_column, classes, standardize):
    """Two feature columns -> x (N, 2) float32; the label column -> y (N,) class indices."""
    x = torch.tensor(table[list(x_columns)].astype("float64").to_numpy())  # (N, 2)
    if standardize:
        x = standardized(x)
    index = {name: i for i, name in enumerate(classes)}
    y = torch.tensor([index[label] for label in table[label_column]], dtype=torch.int64)
    return x.float(), y


def regression_points(table, x_column, y_column, standardize):
    """The x and y columns -> x (N, 1), y (N, 1) float32, as the built-in regression data."""
    xy = torch.tensor(table[[x_column, y_column]].astype("float64").to_numpy())  # (N, 2)
    if standardize:
        xy = standardized(xy)
    xy = xy.float()
    return xy[:, :1], xy[:, 1:]


# ------------------------------------------------------------------------------- reading a file
def sniff(raw: bytes) -> CsvFormat:
    """Size, binary or text, encoding, delimiter and header of a would-be CSV file."""
    if len(raw) > MAX_BYTES:
        raise OwnDataError("too_big", size_mb=f"{len(raw) / 2**20:.1f}",
                           limit_mb=f"{MAX_BYTES / 2**20:g}")
    for signature, what in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise OwnDataError("binary", what=what)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise OwnDataError("utf16")
    if b"\x00" in raw[:8192]:
        raise OwnDataError("binary", what="a binary file")
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise OwnDataError("encoding", line=raw[:err.start].count(b"\n") + 1,
                           byte=f"0x{raw[err.start]:02X}") from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise OwnDataError("empty")
    delimiter = _delimiter(lines[:50])
    rows = list(csv.reader(lines[:2], delimiter=delimiter))
    if _is_header(rows):
        return CsvFormat(delimiter, encoding)
    return CsvFormat(delimiter, encoding, tuple(f"column {i + 1}" for i in range(len(rows[0]))))


def _delimiter(lines: list[str]) -> str:
    """The candidate found in every line (the last may be cut off), the most often; else ','."""
    whole = lines[:-1] if len(lines) > 1 else lines
    counts = {d: min(line.count(d) for line in whole) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _is_header(rows: list[list[str]]) -> bool:
    """Column names: the first line has no number at all, or text where the next has numbers."""
    first = [cell.strip() for cell in rows[0]]
    if not any(_is_number(cell) for cell in first):
        return True
    if len(rows) < 2:
        return False
    pairs = zip(first, rows[1], strict=False)  # rows may be ragged
    return any(not _is_number(a) and _is_number(b.strip()) for a, b in pairs)


def read_table(raw: bytes) -> tuple[pd.DataFrame, CsvFormat]:
    """The whole table as pandas reads it (cells as text), and how it was read."""
    import pandas as pd

    if not raw.strip():
        raise OwnDataError("empty")
    fmt = sniff(raw)
    try:
        table = pd.read_csv(io.BytesIO(raw), **fmt.read_csv_arguments())
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise OwnDataError("unreadable", detail=str(err).strip().splitlines()[-1]) from None
    if len(table) > MAX_ROWS:
        raise OwnDataError("too_many_rows", rows=len(table), limit=MAX_ROWS)
    if fmt.names is None:  # stray spaces around names are invisible in a spreadsheet
        table.columns = [str(c).strip() for c in table.columns]
    return table, fmt


def _pick(table: pd.DataFrame, given: Sequence[str] | None, count: int,
          default: list[str]) -> tuple[str, ...]:
    chosen = list(given) if given else default[:count]
    if len(chosen) != count:
        raise OwnDataError("wrong_count", needed=count, got=len(chosen))
    for name in chosen:
        if name not in table.columns:
            raise OwnDataError("no_column", name=name, columns=", ".join(map(str, table.columns)))
    return tuple(chosen)


def _numeric_column(table: pd.DataFrame, column: str, truncated: bool) -> np.ndarray:
    """A column of numbers, or an error naming the first bad cell."""
    import pandas as pd

    cells = table[column]
    values = pd.to_numeric(cells.str.strip(), errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(values)  # empty, NaN or not a number
    if bad.any():
        row = int(np.argmax(bad))
        cell = cells.iloc[row]
        if pd.isna(cell) or not str(cell).strip() or str(cell).strip().lower() == "nan":
            code = "truncated" if truncated and row == len(cells) - 1 else "missing"
            raise OwnDataError(code, column=column, row=row + 1)
        raise OwnDataError("not_numeric", column=column, row=row + 1, value=str(cell))
    infinite = ~np.isfinite(values)
    if infinite.any():
        row = int(np.argmax(infinite))
        raise OwnDataError("not_finite", column=column, row=row + 1, value=cells.iloc[row])
    return values


def _labels(table: pd.DataFrame, column: str, truncated: bool) -> tuple[pd.Series, tuple]:
    """Labels as stripped text and the class names in order (by value when all are numbers)."""
    cells = table[column]
    missing = cells.isna() | (cells.astype(str).str.strip() == "")
    if missing.any():
        row = int(np.argmax(missing.to_numpy())) + 1
        raise OwnDataError("truncated" if truncated and row == len(cells) else "missing",
                           column=column, row=row)
    labels = cells.astype(str).str.strip()
    names = labels.unique().tolist()
    if len(names) < MIN_CLASSES:
        raise OwnDataError("one_class", label=names[0], minimum=MIN_CLASSES, maximum=MAX_CLASSES)
    if len(names) > MAX_CLASSES:
        raise OwnDataError("too_many_classes", column=column, found=len(names),
                           minimum=MIN_CLASSES, maximum=MAX_CLASSES)
    if all(_is_number(n) for n in names):
        names.sort(key=float)
    else:
        names.sort()
    return labels, tuple(names)


def _truncated(raw: bytes) -> bool:
    return not raw.rstrip(b" ").endswith((b"\n", b"\r"))


def read_classification(raw: bytes, source: str = "points.csv",
                        x_columns: Sequence[str] | None = None, label_column: str | None = None,
                        standardize: bool = False) -> OwnData:
    """Two numeric feature columns and a label column (numbers or text, 2 to 8 classes).

    Default columns: the label is the last column (or the one named), the features are the
    first two others.
    """
    table, fmt = read_table(raw)
    if table.shape[1] < 3:
        raise OwnDataError("too_few_columns", found=table.shape[1], needed=3,
                           what="two features and a label")
    label = _pick(table, [label_column] if label_column else None, 1,
                  [str(table.columns[-1])])[0]
    others = [str(c) for c in table.columns if c != label]
    features = _pick(table, x_columns, 2, others)
    if len({*features, label}) < 3:
        raise OwnDataError("same_column", name=label if label in features else features[0])
    return _classification(table, features, label, raw, source, fmt, standardize)


def _classification(table, features, label, raw, source, fmt, standardize) -> OwnData:
    if len(table) < MIN_POINTS:
        raise OwnDataError("too_few_points", points=len(table), minimum=MIN_POINTS)
    truncated = _truncated(raw)
    x = np.stack([_numeric_column(table, c, truncated) for c in features], 1)
    labels, classes = _labels(table, label, truncated)
    if (x == x[0]).all():
        raise OwnDataError("identical", points=len(x))
    used = table[list(features)].assign(**{label: labels})
    return OwnData("classification", used, tuple(features), label, classes, standardize,
                   source, fmt, () if fmt.names is None else ("no_header",))


def read_regression(raw: bytes, source: str = "points.csv", x_column: str | None = None,
                    y_column: str | None = None, standardize: bool = False) -> OwnData:
    """Two numeric columns x and y (default: the first two columns)."""
    table, fmt = read_table(raw)
    if table.shape[1] < 2:
        raise OwnDataError("too_few_columns", found=table.shape[1], needed=2, what="x and y")
    columns = [str(c) for c in table.columns]
    x = _pick(table, [x_column] if x_column else None, 1,
              [c for c in columns if c != y_column])[0]
    y = _pick(table, [y_column] if y_column else None, 1, [c for c in columns if c != x])[0]
    if x == y:
        raise OwnDataError("same_column", name=x)
    if len(table) < MIN_POINTS:
        raise OwnDataError("too_few_points", points=len(table), minimum=MIN_POINTS)
    truncated = _truncated(raw)
    xs = _numeric_column(table, x, truncated)
    _numeric_column(table, y, truncated)
    if (xs == xs[0]).all():
        raise OwnDataError("constant_x", value=f"{xs[0]:g}")
    return OwnData("regression", table[[x, y]], (x,), y, (), standardize, source, fmt,
                   () if fmt.names is None else ("no_header",))


# ------------------------------------------------------------------ points drawn or built in
def classification_from_points(x: np.ndarray, y: np.ndarray, n_classes: int,
                               source: str = "points.csv") -> OwnData:
    """Points made on the page (drawn, or a built-in dataset to edit): x (N, 2), y (N,) ints.

    Classes are named 0 .. n_classes-1 whether or not each has points yet.
    """
    import pandas as pd

    x = np.asarray(x, dtype=np.float64).reshape(-1, 2)
    labels = [str(int(c)) for c in np.asarray(y).ravel()]
    table = pd.DataFrame({"x1": _texts(x[:, 0]), "x2": _texts(x[:, 1]), "label": labels})
    if len(table) < MIN_POINTS:
        raise OwnDataError("too_few_points", points=len(table), minimum=MIN_POINTS)
    if len(set(labels)) < MIN_CLASSES:
        raise OwnDataError("one_class", label=labels[0], minimum=MIN_CLASSES, maximum=MAX_CLASSES)
    if (x == x[0]).all():
        raise OwnDataError("identical", points=len(x))
    return OwnData("classification", table, ("x1", "x2"), "label",
                   tuple(str(c) for c in range(n_classes)), source=source)


def regression_from_points(x: np.ndarray, y: np.ndarray, source: str = "points.csv") -> OwnData:
    """Points made on the page: x (N,), y (N,)."""
    import pandas as pd

    x, y = (np.asarray(v, dtype=np.float64).ravel() for v in (x, y))
    if len(x) < MIN_POINTS:
        raise OwnDataError("too_few_points", points=len(x), minimum=MIN_POINTS)
    if (x == x[0]).all():
        raise OwnDataError("constant_x", value=f"{x[0]:g}")
    return OwnData("regression", pd.DataFrame({"x": _texts(x), "y": _texts(y)}), ("x",), "y",
                   source=source)


def _texts(values: np.ndarray) -> list[str]:
    """Shortest text that reads back as the same float64 (and so the same float32)."""
    return [repr(float(v)) for v in values]


# ------------------------------------------------------------------------- "show the code"
def script_data(own: OwnData) -> tuple[list, str]:
    """The data part of a generated script: functions to embed, and lines that read the file
    with pandas exactly as here and make ``x, y`` from it."""
    arguments = "".join(f", {key}={'str' if value is str else repr(value)}"
                        for key, value in own.fmt.read_csv_arguments().items())
    lines = (f"DATA_FILE = {own.source!r}  # your points: keep the file next to this script\n"
             f"table = pd.read_csv(DATA_FILE{arguments})  # every cell as text\n")
    if own.task == "classification":
        lines += (f"CLASSES = {list(own.classes)!r}  # class names, in index order\n"
                  f"x, y = classification_points(table, {list(own.features)!r}, {own.target!r}, "
                  f"CLASSES, standardize={own.standardize})\n")
        return [standardized, classification_points], lines
    lines += (f"x, y = regression_points(table, {own.features[0]!r}, {own.target!r}, "
              f"standardize={own.standardize})\n")
    return [standardized, regression_points], lines


# ------------------------------------------------------------------------------------ writing
def escape_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    text = str(text)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def to_csv(own: OwnData) -> bytes:
    """The points as a UTF-8 CSV file (comma, header row, \\n), formula-like text escaped."""
    table = own.table.rename(columns=escape_cell)
    label = escape_cell(own.target)
    if own.task == "classification":
        table[label] = table[label].map(escape_cell)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")
