"""The findings of the last full validation of the embedded store, saved beside it, so that the first
write after a start validates incrementally instead of everything again.

`dienstengraaf build` saves what it validated, and every applied write saves the state it checked.
The file holds the findings per focus node and a digest of what they are about: every data graph's
N-Triples dump (`registry.store_validation.data_dumps`) and the content of the shapes files. It is
used only when the digest equals that of the store being changed; otherwise (another build, edited
shapes, an unreadable file) the write validates everything, as without it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Mapping
from pathlib import Path

from rdflib.term import Node

from registry.settings import Settings
from registry.sources import discover
from registry.validation import Finding

FORMAT = 1
_LOG = logging.getLogger(__name__)

Results = Mapping[Node | None, list[Finding]]


def location(settings: Settings) -> Path:
    """The file beside the store's link (`var/store` -> `var/store.validation.pickle`)."""
    return settings.store.with_name(settings.store.name + ".validation.pickle")


def digest(dumps: Mapping[str, bytes], settings: Settings) -> str:
    """What a set of findings is about: the data graphs (name and content) and the shapes files."""
    total = hashlib.sha256()
    for name in sorted(dumps):
        total.update(name.encode() + b"\0" + hashlib.sha256(dumps[name]).digest())
    for path, kind in sorted(discover(settings)):
        if kind == "shapes":
            total.update(b"shapes\0" + hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def save(settings: Settings, dumps: Mapping[str, bytes], results: Results) -> None:
    """Save the findings of the store content in `dumps` (written aside, then renamed into place)."""
    target = location(settings)
    payload = {"format": FORMAT, "digest": digest(dumps, settings), "results": dict(results)}
    temporary = target.with_name(f".{target.name}-{os.getpid()}")
    try:
        with temporary.open("wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError as error:  # the next start validates everything; nothing else depends on the file
        _LOG.warning("Validatiestatus niet bewaard in %s: %s", target, error)
        temporary.unlink(missing_ok=True)


def load(settings: Settings, dumps: Mapping[str, bytes]) -> Results | None:
    """The saved findings when they are about exactly this store content and these shapes, else None."""
    source = location(settings)
    if not source.is_file():
        return None
    try:
        with source.open("rb") as handle:
            payload = pickle.load(handle)
    except Exception as error:  # a damaged or foreign file is not used, whatever is wrong with it
        _LOG.warning("Validatiestatus in %s niet leesbaar (%s); alles wordt opnieuw gevalideerd.", source, error)
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return None
    if payload.get("digest") != digest(dumps, settings):
        return None
    results = payload.get("results")
    return results if isinstance(results, dict) else None


def forget(settings: Settings) -> None:
    """Remove the saved findings (the next write validates everything)."""
    location(settings).unlink(missing_ok=True)
