"""Saving and restoring models as bytes, and loading a stranger's ``.pt`` file safely.

Two ways to save (the course's "save & restore" lesson):

* ``torch.save(model)`` pickles the whole object: the class to rebuild (by its import path)
  plus the weights. Loading it imports and calls whatever the pickle names.
* ``torch.save(model.state_dict())`` stores only named tensors. Loading it needs the
  architecture in code, then ``model.load_state_dict(...)``.

Why the whole-model pickle is unsafe from strangers: a pickle is a small program for Python's
unpickler, and that program may say "import os.system and call it with 'rm -rf ~'". Loading it
with ``torch.load(..., weights_only=False)`` runs that call before any check can happen.
``weights_only=True`` (the default since torch 2.6) uses a restricted unpickler that only
rebuilds tensors and plain containers and refuses every other import, so nothing in the file
runs. :func:`load_state_dict_upload` always loads that way, and :func:`unsafe_imports` reads a
refused pickle (without running it) to say what the file would have imported.
"""
from __future__ import annotations

import io
import pickletools
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

import torch
from torch import nn

# A state_dict for the playground's small nets is a few kB; the cap only protects memory.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Upload outcomes, in the order they are checked. The page translates each kind.
UPLOAD_KINDS = ("ok", "ok_course_names", "empty", "too_large", "unsafe_pickle", "whole_model", "not_torch",
                "not_state_dict", "wrong_keys", "wrong_shapes", "not_finite")


# ------------------------------------------------------------------------------ saving
def save_whole_model(model: nn.Module) -> bytes:
    """``torch.save(model)``: the pickled object, class path included."""
    buffer = io.BytesIO()
    torch.save(model, buffer)
    return buffer.getvalue()


def save_state_dict(model: nn.Module) -> bytes:
    """``torch.save(model.state_dict())``: only the named tensors."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()


def load_whole_model_trusted(raw: bytes) -> nn.Module:
    """Unpickle a whole model that THIS process just saved (the course's ``torch.load('net.pkl')``).

    ``weights_only=False`` lets the pickle import and call anything: never use this on bytes
    that came from outside.
    """
    return torch.load(io.BytesIO(raw), weights_only=False, map_location="cpu")


def default_load_refuses_whole_model(raw: bytes) -> bool:
    """True when plain ``torch.load`` (weights_only=True by default) refuses a whole-model file."""
    try:
        torch.load(io.BytesIO(raw), map_location="cpu")
    except Exception:  # UnpicklingError: "Unsupported global ..."
        return True
    return False


# ----------------------------------------------------------------- reading a pickle safely
def unsafe_imports(raw: bytes) -> list[str] | None:
    """Every ``module.name`` the file's pickle would import beyond tensors and plain containers,
    found without running any of it; None when the bytes hold no pickle that can be read.

    A zip file (``torch.save``'s format) is read by torch's own static reader,
    ``torch.serialization.get_unsafe_globals_in_checkpoint``, against torch's own allowlist.
    That reader takes no bare pickle (a legacy ``.pt``, ``pickle.dumps``): those are read here
    opcode by opcode (:func:`pickle_imports`).
    """
    if zipfile.is_zipfile(io.BytesIO(raw)):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                # a small compressed member must not unpack to GBs: sizes from the directory
                if any(m.file_size > MAX_UPLOAD_BYTES for m in archive.infolist()):
                    return None
            return sorted(torch.serialization.get_unsafe_globals_in_checkpoint(io.BytesIO(raw)))
        except Exception:  # a zip without torch's data.pkl, or a pickle torch cannot walk
            return None
    names = pickle_imports(raw)
    return None if names is None else [n for n in dict.fromkeys(names) if not _plain_data(n)]


def pickle_imports(raw: bytes, max_pickles: int = 5) -> list[str] | None:
    """Every ``module.name`` a bare pickle would import, read from its opcodes; nothing runs.

    ``pickletools.genops`` only decodes opcodes. Imports appear as GLOBAL / INST ("module
    name" in the argument) or as STACK_GLOBAL, which takes the last two strings pushed. A legacy
    (non-zip) ``.pt`` is several pickles in a row, so up to ``max_pickles`` are read.
    Returns None when the bytes hold no readable pickle at all.
    """
    found: list[str] = []
    any_read = False
    position = 0
    for _ in range(max_pickles):
        if position >= len(raw):
            break
        strings: list[str] = []
        try:
            for opcode, arg, pos in pickletools.genops(io.BytesIO(raw[position:])):
                if opcode.name in ("GLOBAL", "INST"):
                    found.append(str(arg).replace(" ", "."))
                elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
                    found.append(f"{strings[-2]}.{strings[-1]}")
                elif isinstance(arg, str):
                    strings.append(arg)
                if opcode.name == "STOP":
                    position += pos + 1
                    break
            else:
                break  # ran off the end without STOP
            any_read = True
        except Exception:  # not (or no longer) a pickle: stop reading
            break
    return found if any_read else None


def _plain_data(name: str) -> bool:
    """Imports any legacy state_dict needs: tensor rebuilders, storages, OrderedDict, set."""
    return (name.startswith(("torch._utils._rebuild", "torch._tensor._rebuild"))
            or (name.startswith("torch.") and name.endswith("Storage"))
            or name in ("collections.OrderedDict", "__builtin__.set", "builtins.set",
                        "_codecs.encode", "torch.Size", "torch.device"))


# ------------------------------------------------------------------------- upload checks
@dataclass(frozen=True)
class UploadResult:
    """What happened to an uploaded file. ``kind`` is one of UPLOAD_KINDS; ``ok`` only for "ok".

    ``details`` are the format fields of the kind's message (names, shapes), for the page's
    translated text; ``message`` is the English sentence used by the CLI and the tests.
    """

    kind: str
    details: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.kind in ("ok", "ok_course_names")

    @property
    def message(self) -> str:
        return MESSAGES[self.kind].format(**self.details)


MESSAGES = {
    "ok": "Loaded: every tensor fits the network ({count} tensors).",
    "ok_course_names": "Loaded the course's Net: its hidden.* tensors went into layer {first}, "
                       "predict.* into layer {last} of the nn.Sequential ({count} tensors).",
    "empty": "The file is empty.",
    "too_large": "The file is too large ({size} bytes; the limit is {limit} bytes).",
    "unsafe_pickle": "Refused: the file is a pickle that would import and run {names}. "
                     "It was opened with weights_only=True, so none of it was executed.",
    "whole_model": "Refused: this is a whole pickled model ({names}), not a state_dict. "
                   "Loading it would run the pickle's code; save model.state_dict() instead.",
    "not_torch": "This is not a PyTorch file ({reason}).",
    "not_state_dict": "This PyTorch file holds a {what}, not a state_dict (a dict of named "
                      "tensors).",
    "wrong_keys": "The tensor names do not fit this network. Missing: {missing}. "
                  "Unexpected: {unexpected}.",
    "wrong_shapes": "The shapes do not fit this network (file ≠ network): {mismatches}.",
    "not_finite": "The file's weights contain NaN or infinity ({names}).",
}


def _describe(obj: object) -> str:
    """What a file holds, in code words (the same in every language): ``torch.Tensor (3, 2)``."""
    if isinstance(obj, torch.Tensor):
        return f"torch.Tensor {tuple(obj.shape)}"
    if isinstance(obj, Mapping):  # e.g. a training checkpoint {"model_state_dict": ..., "epoch": 3}
        return "dict {" + _names([str(k) for k in obj]) + "}"
    return type(obj).__name__


def _names(items, limit: int = 4) -> str:
    items = list(items)
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def _explain_refusal(raw: bytes, error: Exception) -> UploadResult:
    """torch.load refused the bytes: say whether they were a payload, a whole model or junk."""
    imports = unsafe_imports(raw)
    unknown = imports or []
    # A pickled nn.Module imports torch.nn classes (and, for the course's Net, __main__.Net);
    # anything else (os.system, subprocess.Popen, builtins.eval, ...) is a payload.
    payload = [n for n in unknown if not n.startswith(("torch.nn.", "__main__."))]
    if payload:
        return UploadResult("unsafe_pickle", {"names": _names(payload)})
    if any(n.startswith("torch.nn.") for n in unknown):
        return UploadResult("whole_model", {"names": _names(unknown)})
    if unknown:  # only classes of some __main__ script: still code we will not import
        return UploadResult("unsafe_pickle", {"names": _names(unknown)})
    first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    reason = "no zip archive, no pickle" if imports is None else first_line[:120]
    return UploadResult("not_torch", {"reason": reason})


def check_state_dict(obj: object, model: nn.Module) -> UploadResult:
    """Whether a loaded object is a state_dict that fits ``model`` (names, shapes, finite)."""
    if not isinstance(obj, Mapping) or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        return UploadResult("not_state_dict", {"what": _describe(obj)})
    expected = model.state_dict()
    missing = [k for k in expected if k not in obj]
    unexpected = [str(k) for k in obj if k not in expected]
    if missing or unexpected:
        return UploadResult("wrong_keys", {"missing": _names(missing),
                                           "unexpected": _names(unexpected)})
    mismatches = [f"{k} {tuple(obj[k].shape)} ≠ {tuple(v.shape)}"
                  for k, v in expected.items() if obj[k].shape != v.shape]
    if mismatches:
        return UploadResult("wrong_shapes", {"mismatches": _names(mismatches, 2)})
    bad = [k for k, v in obj.items() if v.is_floating_point() and not torch.isfinite(v).all()]
    if bad:
        return UploadResult("not_finite", {"names": _names(bad)})
    return UploadResult("ok", {"count": str(len(expected))})


# The course's `class Net(nn.Module)` names its two layers self.hidden and self.predict.
COURSE_NET_KEYS = ("hidden.weight", "hidden.bias", "predict.weight", "predict.bias")


def from_course_names(obj: object, model: nn.Module) -> dict[str, torch.Tensor] | None:
    """The course's Net state_dict under ``model``'s own names, when ``model`` has exactly two
    Linear layers (the same network written as nn.Sequential); otherwise None.

    Net.hidden is the first Linear, Net.predict the last: the names differ, the tensors and
    the computation are the same (that is the lesson of the Quick build page).
    """
    if not isinstance(obj, Mapping) or set(obj) != set(COURSE_NET_KEYS):
        return None
    linear = [name for name, m in model.named_modules() if isinstance(m, nn.Linear)]
    if len(linear) != 2:
        return None
    first, last = linear
    return {f"{first}.weight": obj["hidden.weight"], f"{first}.bias": obj["hidden.bias"],
            f"{last}.weight": obj["predict.weight"], f"{last}.bias": obj["predict.bias"]}


def load_state_dict_upload(raw: bytes, model: nn.Module) -> UploadResult:
    """Load an uploaded ``.pt`` state_dict into ``model``, safely; never raises.

    ``model`` is changed only when the result is ok. Every load goes through
    ``torch.load(..., weights_only=True)``: a file that tries to import anything beyond tensors
    and plain containers is refused before any of it runs.
    """
    try:
        raw = bytes(raw or b"")
        if not raw:
            return UploadResult("empty")
        if len(raw) > MAX_UPLOAD_BYTES:
            return UploadResult("too_large", {"size": str(len(raw)), "limit": str(MAX_UPLOAD_BYTES)})
        try:
            with warnings.catch_warnings():  # e.g. "Detected pickle protocol 4": noise here
                warnings.simplefilter("ignore")
                obj = torch.load(io.BytesIO(raw), weights_only=True, map_location="cpu")
        except Exception as err:  # UnpicklingError, RuntimeError (bad zip), EOFError, KeyError...
            return _explain_refusal(raw, err)
        renamed = from_course_names(obj, model)
        if renamed is not None:
            obj = renamed
        verdict = check_state_dict(obj, model)
        if verdict.ok:
            model.load_state_dict(obj)  # names and shapes already checked: this cannot fail halfway
            if renamed is not None:
                first, last = (k.split(".")[0] for k in list(renamed)[::2])
                verdict = UploadResult("ok_course_names", {**verdict.details, "first": first,
                                                           "last": last})
        return verdict
    except Exception as err:  # the app must keep working whatever the file holds
        return UploadResult("not_torch", {"reason": f"{type(err).__name__}: {err}"[:160]})
