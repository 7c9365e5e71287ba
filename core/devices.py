"""Which devices this machine really has, picking one by name, and waiting for its work to finish."""
from __future__ import annotations

import functools

import torch

from core.config import ConfigError


@functools.lru_cache(maxsize=1)
def available_devices() -> tuple[str, ...]:
    """cpu always; cuda:N and mps only when a tensor can really be made there."""
    found = ["cpu"]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            if _usable(f"cuda:{i}"):
                found.append(f"cuda:{i}")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available() and _usable("mps"):
        found.append("mps")
    return tuple(found)


def _usable(name: str) -> bool:
    try:
        torch.ones(1, device=name).add_(1).cpu()
        return True
    except Exception:  # a driver that is there but broken: do not offer the device
        return False


def resolve_device(name: str) -> torch.device:
    """The torch.device for a name from :func:`available_devices`, or a clear ConfigError."""
    if name not in available_devices():
        have = ", ".join(available_devices())
        raise ConfigError(f"device {name!r} is not available on this machine (have: {have})")
    return torch.device(name)


def synchronize(device: torch.device) -> None:
    """Wait for queued GPU work, so that a clock read after it measures the work."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()
