"""The write workload of benchmarks/national.py: one local fee changed through `registry.writes`
(copy, validate, reason, swap) on the national store, checked incrementally against a write that
reasons over everything, measured in the same run."""

from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.workloads import ratio
from registry import saved_validation
from registry.settings import Settings
from registry.writes import forget_known_content, prepare_writes, staged_write

HAS_VALUE = ox.NamedNode("http://data.europa.eu/m8g/hasValue")
COSTS = Path(__file__).parent / "fee-values.rq"


def section_writes(report: Any, national: Settings, repeat: int = 3) -> None:
    """The first write after a start, the next ones, and the same write reasoning over everything."""
    store = ox.Store.read_only(str(national.store.resolve()))
    rows = list(store.query(COSTS.read_text(encoding="utf-8")))
    del store
    costs = [(r["g"], r["cost"], r["value"]) for r in rows[:: max(1, len(rows) // (repeat + 4))]][: repeat + 4]
    forget_known_content()  # as after a start of the server: the build's saved findings are used
    first = _write(national, *costs[0])
    incremental = statistics.median([_write(national, *cost) for cost in costs[1 : repeat + 1]])
    full = _write(national.model_copy(update={"incremental_reasoning": False}), *costs[repeat + 1])
    forget_known_content()  # as after a start of a server that prepares writes (api.main)
    begin = time.perf_counter()
    assert prepare_writes(national)
    preparing = time.perf_counter() - begin
    prepared = _write(national, *costs[repeat + 2])
    forget_known_content()
    saved_validation.forget(national)  # as after a start without saved findings
    unsaved = _write(national, *costs[repeat + 3])
    forget_known_content()
    gc.collect()
    report.add(
        "Writes at national size (one local fee changed, `registry/writes.py`)",
        ["write", "seconds", "ratio to reasoning over everything"],
        [
            ["reasoning over everything (HermiT on all data)", f"{full:.1f}", "1.00x"],
            [f"incremental checks (median of {repeat})", f"{incremental:.1f}", ratio(incremental, full)],
            ["the first write after a start (continues from the saved findings)", f"{first:.1f}", ratio(first, full)],
            ["the first write after a start without saved findings", f"{unsaved:.1f}", ratio(unsaved, full)],
            ["preparing writes at a server start (in the background)", f"{preparing:.1f}", ratio(preparing, full)],
            ["the first write after a start, prepared", f"{prepared:.1f}", ratio(prepared, full)],
        ],
        "Each write copies the store, applies the change, validates it, reasons over it and swaps the copy "
        "in. The first write of a process reads the findings that the build (or the last write) saved beside "
        "the store (`registry/saved_validation.py`) and continues from them; without them it validates "
        "everything once (in one process per core) to have the state that later writes validate against. A "
        "server that takes writes does that reading in the background when it starts (`prepare_writes`).",
    )


def _write(settings: Settings, graph: ox.NamedNode, cost: ox.NamedNode, value: ox.Literal) -> float:
    new = ox.Literal(f"{float(value.value) + 0.5:.2f}", datatype=value.datatype)

    def change(store: ox.Store) -> None:
        store.remove(ox.Quad(cost, HAS_VALUE, value, graph))
        store.add(ox.Quad(cost, HAS_VALUE, new, graph))

    begin = time.perf_counter()
    outcome = staged_write(settings, change)
    elapsed = time.perf_counter() - begin
    assert outcome.applied, outcome.as_dict()
    return elapsed
