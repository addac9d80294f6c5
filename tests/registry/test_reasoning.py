"""OWL reasoning with owlready2/HermiT: inconsistencies are found and explained; inferred triples
(superclasses, inverse and super-property values) are produced for the inferred graph."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef

from registry.namespaces import CPSV, CV, DG
from registry.reasoning import Background, property_entailments, reason, reasoner_input

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PRODUCT = URIRef("https://dienstengraaf.nl/id/product/paspoort")
PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "dienstengraaf.ttl")


@pytest.fixture(scope="module")
def catalog() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology" / "vocabularies").glob("*.ttl")):
        graph.parse(path)
    for path in sorted((ROOT / "catalog").rglob("*.ttl")):
        graph.parse(path)
    return graph


@pytest.mark.parametrize("fixture", ["inconsistent.ttl", "inconsistent-functional.ttl"])
def test_inconsistent_fixture_is_found_and_explained(ontology: Graph, fixture: str) -> None:
    data = Graph().parse(FIXTURES / fixture)
    result = reason(ontology, data)
    assert not result.consistent
    assert result.causes, "an inconsistency comes with a likely cause"
    assert any("test/" in cause for cause in result.causes)


def test_the_catalog_is_consistent_and_gets_inferred_triples(ontology: Graph, catalog: Graph) -> None:
    result = reason(ontology, catalog)
    assert result.consistent, result.causes
    inferred = result.inferred
    assert (PRODUCT, RDF.type, CPSV.PublicService) in inferred  # superclass from HermiT
    step = URIRef("https://dienstengraaf.nl/id/stap/paspoort-1")
    assert (step, DG.stepOf, URIRef("https://dienstengraaf.nl/id/proces/paspoort")) in inferred  # inverse
    upl = URIRef("http://standaarden.overheid.nl/owms/terms/paspoort")
    assert (PRODUCT, CV.isClassifiedBy, upl) in inferred  # super-property
    assert not set(inferred) & set(catalog), "only new triples go to the inferred graph"


def test_reasoner_input_leaves_out_what_hermit_cannot_read(ontology: Graph) -> None:
    data = Graph()
    data.add((PRODUCT, RDF.type, DG.Product))
    data.add((PRODUCT, URIRef("http://purl.org/dc/terms/modified"), Literal("2026-01-01", datatype=XSD.date)))
    data.add((PRODUCT, DG.sensitive, Literal(True)))
    graph = reasoner_input(ontology, data)
    assert (PRODUCT, DG.sensitive, Literal(True)) in graph
    assert not [o for o in graph.objects(PRODUCT, None) if isinstance(o, Literal) and o.datatype == XSD.date]


def test_property_entailments_query_on_a_small_graph() -> None:
    graph = Graph().parse(
        data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix ex: <http://example.org/> .
        ex:has owl:inverseOf ex:of . ex:sub rdfs:subPropertyOf ex:mid . ex:mid rdfs:subPropertyOf ex:top .
        ex:a ex:has ex:b . ex:c ex:sub ex:d .
    """,
        format="turtle",
    )
    ex = "http://example.org/"
    inferred = {tuple(str(t) for t in triple) for triple in property_entailments(graph)}
    assert inferred == {
        (ex + "b", ex + "of", ex + "a"),
        (ex + "c", ex + "mid", ex + "d"),
        (ex + "c", ex + "top", ex + "d"),
    }


def _descendants(pid: int) -> list[int]:
    """Living descendants of `pid`, from /proc (zombies left out)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue
        if state != "Z":
            children.setdefault(int(parent), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _java(pids: list[int]) -> list[int]:
    return [p for p in pids if b"java" in (Path("/proc") / str(p) / "cmdline").read_bytes()]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux only: /proc and prctl")
def test_cancelled_reasoner_stops_java_and_leaves_no_files(ontology: Graph, catalog: Graph) -> None:
    """Regression test: cancel() killed only the Python process; HermiT's Java process ran on, and the
    input files (ours and owlready2's own) stayed in the temporary folder. A build with violations
    cancels the reasoner.

    Java is paused (SIGSTOP) so that it cannot finish by itself before the check; this test process is
    its "subreaper" meanwhile, so that Java, orphaned by the cancel, stays in a process group with a
    parent here and the kernel does not end it for us (SIGHUP to stopped members of orphaned groups)."""
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    background = Background(ontology, catalog)
    java: list[int] = []
    try:
        assert background._process is not None and background._process.pid is not None
        workdir = background._workdir
        assert workdir is not None
        deadline = time.monotonic() + 60
        while not java and time.monotonic() < deadline:
            java = _java(_descendants(background._process.pid))
            time.sleep(0.05)
        assert java, "HermiT's Java process did not start"
        for pid in java:
            os.kill(pid, signal.SIGSTOP)
        assert len(list(workdir.iterdir())) >= 2, "owlready2 writes its own input file into the work folder"
        background.cancel()
        deadline = time.monotonic() + 5
        while [p for p in java if _state(p) != "Z"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p for p in java if _state(p) != "Z"] == []
        assert not workdir.exists()
    finally:
        background.cancel()
        for pid in java:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)  # ours to reap, as its subreaper
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def _state(pid: int) -> str:
    """A process's state letter; "Z" also when it is gone."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
