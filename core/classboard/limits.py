"""Per-client rate limits: how many joins and submissions one browser session may make.

In memory, per server process: with several replicas behind a load balancer each keeps its own
count, which still stops a flood from one session (a session talks to one replica).
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from core.classboard.engine import ClassBoardError


class RateLimited(ClassBoardError):
    pass


class RateLimiter:
    """At most ``limit`` events per ``window_s`` seconds for each client (a sliding window)."""

    def __init__(self, limit: int, window_s: float, what: str,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.limit, self.window_s, self.what = limit, window_s, what
        self._clock = clock
        self._max_clients = max_clients
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # every session's script is a thread of one process

    def check(self, client: str) -> None:
        """Count one event for ``client``, or raise RateLimited saying when to try again."""
        now = self._clock()
        with self._lock:
            events = self._events.setdefault(client, deque())
            while events and events[0] <= now - self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                wait = events[0] + self.window_s - now
                raise RateLimited(f"too many {self.what} from this session: "
                                  f"try again in {max(1, round(wait))} s")
            events.append(now)
            if len(self._events) > self._max_clients:  # forget clients that went quiet
                self._events = {c: e for c, e in self._events.items()
                                if e and e[-1] > now - self.window_s}
