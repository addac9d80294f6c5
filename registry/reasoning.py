"""OWL reasoning with owlready2 and HermiT (Java): consistency, and inferred triples in their own graph.

owlready2 reads N-Triples, not Turtle, so the input is prepared with rdflib. HermiT only sees what
matters to OWL reasoning: the ontology's axioms, class assertions, object property assertions and
datatype property assertions whose datatype is in the OWL 2 datatype map. Texts (annotation
properties) and literals such as xsd:date or xsd:duration, which HermiT rejects, are left out.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import owlready2
import pyoxigraph as ox
from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from registry.store import in_memory
from registry.terms import to_graph

QUERIES = Path(__file__).parent / "queries"
_BUILTIN = {str(OWL.Thing), str(OWL.NamedIndividual)}

OWL2_DATATYPES = {
    XSD.boolean,
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.string,
    XSD.dateTime,
    XSD.anyURI,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
}


@dataclass
class ReasoningResult:
    """Whether the graph is consistent, what HermiT inferred, and likely causes of an inconsistency."""

    consistent: bool
    inferred: Graph = field(default_factory=Graph)
    causes: list[str] = field(default_factory=list)
    message: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The ontology's classes, object properties and datatype properties: what HermiT is given of the data."""

    classes: frozenset[Node]
    object_properties: frozenset[Node]
    datatype_properties: frozenset[Node]

    @classmethod
    def of(cls, ontology: Graph) -> Vocabulary:
        return cls(
            frozenset(ontology.subjects(RDF.type, OWL.Class)),
            frozenset(ontology.subjects(RDF.type, OWL.ObjectProperty)),
            frozenset(ontology.subjects(RDF.type, OWL.DatatypeProperty)),
        )

    def admits(self, s: Node, p: Node, o: Node) -> bool:
        """Whether a data triple goes to HermiT (see the module docstring)."""
        if not isinstance(s, URIRef):
            return False
        return (
            (p == RDF.type and o in self.classes)
            or (p in self.object_properties and isinstance(o, URIRef))
            or (p in self.datatype_properties and isinstance(o, Literal) and o.datatype in OWL2_DATATYPES)
        )


def reasoner_input(ontology: Graph, data: Graph) -> Graph:
    """The part of the graph HermiT reasons over (see the module docstring)."""
    graph = Graph()
    for s, p, o in ontology:
        if not isinstance(o, Literal) or o.language or o.datatype in (None, *OWL2_DATATYPES):
            graph.add((s, p, o))
    vocabulary = Vocabulary.of(ontology)
    # Looked up per class and property (the graph's indexes), not by reading every triple.
    candidates: list[tuple[Node, Node, Node]] = [
        (s, RDF.type, cls) for cls in vocabulary.classes for s in data.subjects(RDF.type, cls)
    ]
    for p in vocabulary.object_properties | vocabulary.datatype_properties:
        candidates += ((s, p, o) for s, o in data.subject_objects(p))
    individuals: set[Node] = set()
    for s, p, o in candidates:
        if vocabulary.admits(s, p, o):
            graph.add((s, p, o))
            individuals.add(s)
            if p != RDF.type and isinstance(o, URIRef):
                individuals.add(o)
    for individual in individuals - vocabulary.classes:
        graph.add((individual, RDF.type, OWL.NamedIndividual))
    return graph


def reason(ontology: Graph, data: Graph, workdir: Path | None = None) -> ReasoningResult:
    """Run HermiT. On success return the inferred triples; on inconsistency name likely causes.
    HermiT's input file goes in `workdir` (the caller removes it) or in a temporary folder."""
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="dienstengraaf-reason-") as tmp:
            return reason(ontology, data, Path(tmp))
    graph = reasoner_input(ontology, data)
    path = workdir / "input.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as error:
        return ReasoningResult(False, causes=explain(graph), message=str(error) or "inconsistent")
    inferred = _class_entailments(world, graph)
    world.close()
    inferred += property_entailments(graph)
    return ReasoningResult(True, inferred)


class Background:
    """`reason` in a forked process, so the caller can validate meanwhile (where `fork` exists;
    elsewhere it runs when the result is asked for). Only the outcome travels back.

    The process leads its own process group, so that `cancel` stops HermiT's Java process with it;
    HermiT's input lies in a folder of the caller's, removed when the result is in or on `cancel`."""

    def __init__(self, ontology: Graph, data: Graph):
        self._args = (ontology, data)
        self._process: multiprocessing.process.BaseProcess | None = None
        self._workdir: Path | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._workdir = Path(tempfile.mkdtemp(prefix="dienstengraaf-reason-"))
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_reason_and_send,
                args=(sender, ontology, data, self._workdir),
                name="dienstengraaf-reason",
                daemon=True,  # stopped, not waited for, should the caller exit without result() or cancel()
            )
            self._process.start()
            sender.close()

    def result(self) -> ReasoningResult:
        if self._process is None:
            return reason(*self._args)
        try:
            answer = self._receiver.recv()
            self._process.join()
        finally:
            self._remove_workdir()
        if isinstance(answer, BaseException):
            raise answer
        consistent, triples, causes, message = answer
        inferred = Graph()
        if triples:
            inferred.parse(data=triples, format="nt")
        return ReasoningResult(consistent, inferred, causes, message)

    def cancel(self) -> None:
        """Stop the reasoner and HermiT's Java process, and remove its input."""
        if self._process is not None and self._process.pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)  # its group: the process and Java
            self._process.kill()  # in case it had not made its own group yet
            self._process.join()
        self._remove_workdir()

    def _remove_workdir(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None


def _reason_and_send(sender: Connection, ontology: Graph, data: Graph, workdir: Path) -> None:
    os.setpgid(0, 0)  # its own process group, which HermiT's Java process joins
    tempfile.tempdir = str(workdir)  # owlready2's own temporary files too (this process only: forked)
    try:
        result = reason(ontology, data, workdir)
        sender.send((result.consistent, result.inferred.serialize(format="nt"), result.causes, result.message))
    except Exception as error:  # handed to the parent, which raises it
        sender.send(error)
    sender.close()


def _class_entailments(world: owlready2.World, asserted: Graph) -> Graph:
    """Every class each individual belongs to after HermiT's classification and realisation,
    including superclasses (owlready2 itself keeps only the most specific ones)."""
    inferred = Graph()
    for individual in world.individuals():
        subject = URIRef(individual.iri)
        for cls in individual.INDIRECT_is_a:
            iri = getattr(cls, "iri", None)
            if iri and iri not in _BUILTIN and (subject, RDF.type, URIRef(iri)) not in asserted:
                inferred.add((subject, RDF.type, URIRef(iri)))
    return inferred


def property_entailments(graph: Graph) -> Graph:
    """Inverse and super-property values (see queries/property-entailments.rq)."""
    query = (QUERIES / "property-entailments.rq").read_text(encoding="utf-8")
    store = in_memory({URIRef("urn:dienstengraaf:reason"): graph})
    triples = store.query(query, use_default_graph_as_union=True)
    assert isinstance(triples, ox.QueryTriples)
    return to_graph(triples)


def explain(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency, found with plain queries (HermiT gives no explanation)."""
    causes = []
    for row in graph.query((QUERIES / "explain-disjoint.rq").read_text(encoding="utf-8")):
        causes.append(f"{row[0]} is zowel {row[1]} als {row[2]}, maar die klassen sluiten elkaar uit.")  # type: ignore[index]
    for row in graph.query((QUERIES / "explain-functional.rq").read_text(encoding="utf-8")):
        causes.append(f"{row[0]} heeft meer dan één waarde voor {row[1]}, dat maar één waarde mag hebben.")  # type: ignore[index]
    return sorted(set(causes))
