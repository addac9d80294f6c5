"""Conversation state between questions: only which product, service and municipality were last
discussed (nothing personal), kept in memory for a limited time."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass


@dataclass
class Session:
    product: str | None = None
    service: str | None = None
    municipality: str | None = None
    touched: float = 0.0


class SessionStore:
    """In-memory sessions that expire after `ttl` seconds; at most `limit` are kept."""

    def __init__(self, ttl: float = 1800, limit: int = 10_000):
        self.ttl, self.limit = ttl, limit
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, key: str | None, keep_key: bool = False) -> tuple[str, Session]:
        """The session for `key`, or a new one (with a new random key, or with `key` itself when
        `keep_key` is set, as for a chat channel that names its own conversations)."""
        now = time.monotonic()
        with self._lock:
            if key and key in self._sessions and now - self._sessions[key].touched < self.ttl:
                session = self._sessions[key]
            else:
                key = key if (keep_key and key) else secrets.token_urlsafe(12)
                session = self._sessions[key] = Session()
            session.touched = now
            if len(self._sessions) > self.limit:
                for old in sorted(self._sessions, key=lambda k: self._sessions[k].touched)[
                    : len(self._sessions) - self.limit
                ]:
                    del self._sessions[old]
            return key, session
