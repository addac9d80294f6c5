"""Python's cyclic garbage collector around bulk work: loading and checking a national registry
creates millions of long-lived objects, and each full collection would walk all of them again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic collection inside (reference counting still frees what it can)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Objects alive on entry are skipped by the collections inside; afterwards they are ordinary
    objects again, so a long-running process can still free them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
