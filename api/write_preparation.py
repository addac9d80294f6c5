"""A server that takes writes prepares the next one in the background: at its start, and again when
another process built a new store version (`registry.writes.prepare_writes`), so that the write is
validated incrementally at once instead of first reading the store and its saved findings."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from registry.settings import Settings
from registry.store import version_kind
from registry.writes import prepare_writes, published_version

_LOG = logging.getLogger("dienstengraaf.writes")  # shown by `dienstengraaf serve`


def start_preparing_writes(settings: Settings, stop: threading.Event) -> threading.Thread | None:
    """When this server takes writes to the embedded store, prepare the first one in the background
    (`registry.writes.prepare_writes`), and again whenever another process built a new store version,
    until `stop` is set; a write that comes meanwhile waits for it. None when not needed."""
    if not (settings.write_tokens and settings.prepare_writes) or settings.remote:
        return None
    thread = threading.Thread(target=_prepare_and_watch, args=(settings, stop), name="prepare-writes", daemon=True)
    thread.start()
    return thread


def _prepare_and_watch(settings: Settings, stop: threading.Event) -> None:
    seen = _current_version(settings)
    _prepare(settings, "Schrijven voorbereid")
    interval = settings.store_watch_seconds
    while interval > 0 and not stop.wait(interval):
        current = _current_version(settings)
        if current != seen and version_kind(current) == "build" and current != published_version(settings):
            _prepare(settings, "Nieuwe build gezien; schrijven opnieuw voorbereid")
        seen = current


def _current_version(settings: Settings) -> str:
    return Path(os.path.realpath(settings.store)).name  # the link's own name while there is no store


def _prepare(settings: Settings, what: str) -> None:
    started = time.perf_counter()
    try:
        ready = prepare_writes(settings)
    except Exception:  # the next write then validates more; serving goes on
        _LOG.exception("Voorbereiden van schrijven mislukt")
        return
    if ready:
        outcome = "de volgende wijziging wordt meteen incrementeel gevalideerd"
    elif not settings.store.exists():
        outcome = "er is nog geen store; de eerste wijziging valideert alles"
    else:
        outcome = "geen bewaarde bevindingen bij deze store; de volgende wijziging valideert alles"
    _LOG.info("%s in %.1f s: %s.", what, time.perf_counter() - started, outcome)
