"""The findings of the last full validation of the embedded store, saved beside it, so that the first
write after a start validates incrementally instead of everything again.

`dienstengraaf build` saves what it validated, and every applied write saves the state it checked.
The file holds the findings per focus node, the store version they are about (the name of its
folder in `store.d/`: a published version is never changed, a change makes a new one), a digest of
the shapes files and the versions of the software that found them. It is used only for that store
version, those shapes and that software; otherwise (another build or write, edited shapes, an update,
an unreadable file) the write validates everything, as without it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from rdflib.term import Node

from registry.settings import Settings
from registry.sources import discover
from registry.validation import Finding

FORMAT = 2
SOFTWARE = f"dienstengraaf {metadata.version('dienstengraaf')}, pySHACL {metadata.version('pyshacl')}"
_LOG = logging.getLogger(__name__)

Results = Mapping[Node | None, list[Finding]]


def location(settings: Settings) -> Path:
    """The file beside the store's link (`var/store` -> `var/store.validation.pickle`)."""
    return settings.store.with_name(settings.store.name + ".validation.pickle")


def shapes_digest(settings: Settings) -> str:
    """The content of the shapes files, which the findings also depend on."""
    total = hashlib.sha256()
    for path, kind in sorted(discover(settings)):
        if kind == "shapes":
            total.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def save(settings: Settings, version: str, results: Results) -> None:
    """Save the findings of a store version (written aside, then renamed into place)."""
    target = location(settings)
    payload = {
        "format": FORMAT,
        "version": version,
        "shapes": shapes_digest(settings),
        "software": SOFTWARE,
        "results": dict(results),
    }
    temporary = target.with_name(f".{target.name}-{os.getpid()}")
    try:
        with temporary.open("wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError as error:  # the next start validates everything; nothing else depends on the file
        _LOG.warning("Validatiestatus niet bewaard in %s: %s", target, error)
        temporary.unlink(missing_ok=True)


def load(settings: Settings, version: str) -> Results | None:
    """The saved findings when they are about this store version and the current shapes, else None."""
    source = location(settings)
    if not source.is_file():
        return None
    try:
        with source.open("rb") as handle:
            payload = pickle.load(handle)
    except Exception as error:  # a damaged or foreign file is not used, whatever is wrong with it
        _LOG.warning("Validatiestatus in %s niet leesbaar (%s); alles wordt opnieuw gevalideerd.", source, error)
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT or payload.get("version") != version:
        return None
    if payload.get("shapes") != shapes_digest(settings) or payload.get("software") != SOFTWARE:
        return None
    results = payload.get("results")
    return results if isinstance(results, dict) else None


def forget(settings: Settings) -> None:
    """Remove the saved findings (the next write validates everything)."""
    location(settings).unlink(missing_ok=True)
