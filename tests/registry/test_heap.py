"""The garbage-collector helpers leave the collector as they found it, also after an error."""

from __future__ import annotations

import gc

import pytest

from registry import heap


def test_no_collection_inside_and_the_collector_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), heap.no_collection():
        assert not gc.isenabled()
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_frozen_objects_become_collectable_again() -> None:
    before = gc.get_freeze_count()
    with heap.frozen():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0
