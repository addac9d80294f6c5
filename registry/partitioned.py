"""Full validation split over worker processes, with the same findings as one pySHACL run.

A focus node's findings depend only on the data graph, the shapes and the node itself: pySHACL
validates each focus node of a shape on its own, and which other nodes are validated in the same run
does not matter. So the focus nodes of every targeted shape are found once, dealt out round-robin
over the workers, and each worker validates its share on the whole data graph with the shapes'
targets replaced by `sh:targetNode` for its nodes (`registry.incremental.validate_nodes`), while
the parent evaluates the bulk SPARQL constraints (`registry.sparql_constraints`). The
workers are forked: they inherit the data graph instead of receiving a copy; only their findings
travel back. The union of the shares is the full validation.

Without `fork` (or with one worker, or fewer focus nodes than `min_nodes`) `validation_findings` is one
run, as `registry.validation.validate`.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from registry.incremental import Triple, focus_nodes, validate_nodes, without_targets
from registry.reach import read_shapes
from registry.sources import LoadedSources
from registry.sparql_constraints import bulk_constraints, suspect_results, without_bulk
from registry.validation import Finding, data_graph, focus_findings, shacl_findings

MIN_NODES = 20_000  # below this, forking costs more than it saves


def validation_findings(
    loaded: LoadedSources,
    upl: Graph | None = None,
    root: Path | None = None,
    workers: int | None = None,
    min_nodes: int | None = None,
    data: Graph | None = None,
) -> list[tuple[Node | None, Finding]]:
    """Every finding of a full validation with its focus node, equal to `registry.validation.validate`:
    in `workers` processes (`partitioned_findings`) where that pays off, otherwise in one run
    (`registry.validation.shacl_findings`). `data` is `data_graph(loaded, upl)` when the caller has it."""
    data = data_graph(loaded, upl) if data is None else data
    found = partitioned_findings(loaded, data, root, workers, min_nodes)
    return shacl_findings(loaded, upl, root, data) if found is None else found


def partitioned_findings(
    loaded: LoadedSources,
    data: Graph,
    root: Path | None = None,
    workers: int | None = None,
    min_nodes: int | None = None,
) -> list[tuple[Node | None, Finding]] | None:
    """Every finding of a full validation of `data` with its focus node, found in `workers` processes;
    None where that does not pay off (one worker, no `fork`, fewer focus nodes than `min_nodes`, default
    MIN_NODES, or shapes that `registry.reach` cannot read)."""
    workers = workers or os.cpu_count() or 1
    min_nodes = MIN_NODES if min_nodes is None else min_nodes
    shapes = loaded.shapes_graph()
    reach = read_shapes(shapes)
    if workers < 2 or reach.unsupported or "fork" not in multiprocessing.get_all_start_methods():
        return None
    nodes: dict[Node, list[Node]] = {}
    for shape, targets in reach.targets.items():
        for node in focus_nodes(data, targets):
            nodes.setdefault(node, []).append(shape)
    if len(nodes) < min_nodes:
        return None
    shares: list[set[Triple]] = [set() for _ in range(workers)]
    for index, node in enumerate(sorted(nodes, key=str)):
        shares[index % workers].update((shape, SH.targetNode, node) for shape in nodes[node])
    bulk = bulk_constraints(shapes)
    free = without_targets(without_bulk(shapes, bulk))
    context = multiprocessing.get_context("fork")
    running: list[tuple[BaseProcess, Connection]] = []
    for share in shares[1:]:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_work, args=(sender, data, free, share, loaded, root))
        worker.start()
        sender.close()
        running.append((worker, receiver))
    found = list(validate_nodes(data, free, shares[0], loaded, root))
    bulk_results = suspect_results(data, shapes, bulk, reach)
    found.extend(focus_findings(bulk_results, data, loaded.defining_files(), root))
    for process, receiver in running:
        answer = receiver.recv()
        process.join()
        if isinstance(answer, BaseException):
            raise answer
        found.extend(answer)
    return found


def _work(
    sender: Connection, data: Graph, free: Graph, share: set[Triple], loaded: LoadedSources, root: Path | None
) -> None:
    """A worker: validate one share and send its findings with their focus nodes (or the error) back."""
    try:
        found: list[tuple[Node | None, Finding]] | BaseException = list(validate_nodes(data, free, share, loaded, root))
    except Exception as error:  # handed to the parent, which raises it
        found = error
    sender.send(found)
    sender.close()
