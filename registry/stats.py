"""Counts of what the registry holds (`dienstengraaf stats`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from registry.backend import AnyStore

QUERY = Path(__file__).parent / "queries" / "stats.rq"


def stats(store: AnyStore) -> dict[str, int]:
    """Products, processes, steps, FAQs, services, municipalities, offerings, channels, costs, triples."""
    solutions = store.query(QUERY.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    row = next(iter(solutions))
    counts = {name: int(row[name].value) for name in names}
    counts["triples"] = len(store)
    counts["graphs"] = sum(1 for _ in store.named_graphs())
    return counts


def as_text(counts: dict[str, int]) -> str:
    labels = {
        "products": "producten",
        "standard_processes": "standaardprocessen",
        "steps": "processtappen",
        "faqs": "veelgestelde vragen",
        "national_services": "landelijke voorzieningen",
        "municipalities": "gemeenten",
        "offerings": "gemeentelijk aanbod",
        "channels": "kanalen",
        "costs": "kostenposten",
        "triples": "triples",
        "graphs": "named graphs",
    }
    return "\n".join(f"{labels.get(k, k):>26}: {v}" for k, v in counts.items())
