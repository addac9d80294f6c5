"""Finding and parsing the registry's Turtle files, each into its own named graph."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from registry.namespaces import GRAPH
from registry.settings import Settings
from registry.terms import to_rdflib

KINDS = ("ontology", "vocabulary", "catalog", "example", "extra", "upl", "shapes")


@dataclass(frozen=True)
class LoadProblem:
    """A file that could not be read: where and why."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class LoadError(Exception):
    """One or more files could not be parsed; nothing was loaded."""

    def __init__(self, problems: Sequence[LoadProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Source:
    """One parsed file and the named graph it is stored in."""

    path: Path
    kind: str
    graph_iri: URIRef
    graph: Graph = field(compare=False, repr=False)


@dataclass
class LoadedSources:
    """All parsed files of a registry (data graphs and shapes), in a stable order."""

    sources: list[Source]
    replaced: dict[Path, Path] = field(default_factory=dict)

    def data(self) -> list[Source]:
        """The sources that make up the data graph (everything but the shapes)."""
        return [s for s in self.sources if s.kind != "shapes"]

    def shapes(self) -> list[Source]:
        return [s for s in self.sources if s.kind == "shapes"]

    def union(self, kinds: Iterable[str] | None = None, into: Graph | None = None) -> Graph:
        """One rdflib graph (`into`, default a new one) with the triples of the chosen kinds (default:
        all data sources)."""
        wanted = set(kinds) if kinds is not None else set(KINDS) - {"shapes"}
        union = Graph() if into is None else into
        for source in self.sources:
            if source.kind in wanted:
                union += source.graph
        return union

    def shapes_graph(self) -> Graph:
        return self.union(["shapes"])

    def defining_files(self) -> dict[Node, list[Path]]:
        """Which files state something about each subject (files with an rdf:type first)."""
        typed: dict[Node, list[Path]] = {}
        mentioned: dict[Node, list[Path]] = {}
        for source in self.data():
            for subject in set(source.graph.subjects()):
                target = typed if (subject, _RDF_TYPE, None) in source.graph else mentioned
                target.setdefault(subject, []).append(source.path)
        for subject, paths in mentioned.items():
            typed.setdefault(subject, []).extend(p for p in paths if p not in typed[subject])
        return typed

    def files_defining(self, node: Node) -> list[Path]:
        """The files that state something about one subject, ordered as in `defining_files`."""
        typed = [s.path for s in self.data() if (node, _RDF_TYPE, None) in s.graph]
        return typed + [s.path for s in self.data() if s.path not in typed and (node, None, None) in s.graph]


_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def graph_iri(path: Path, kind: str, settings: Settings) -> URIRef:
    """The named-graph IRI of a file: stable across machines, based on its place in the checkout."""
    bases = {
        "ontology": ("ontology", settings.ontology),
        "vocabulary": ("ontology", settings.ontology),
        "catalog": ("catalog", settings.catalog),
        "example": ("catalog", settings.catalog),
        "shapes": ("shapes", settings.shapes),
    }
    if kind in bases:
        prefix, base = bases[kind]
        try:
            return URIRef(f"{GRAPH}{prefix}/{path.resolve().relative_to(base).as_posix()}")
        except ValueError:
            pass
    return URIRef(f"{GRAPH}extra/{path.name}")


def discover(settings: Settings) -> list[tuple[Path, str]]:
    """Every Turtle file of the registry with its kind, in a stable order."""
    found: list[tuple[Path, str]] = []
    for path in sorted(settings.ontology.rglob("*.ttl")):
        kind = "vocabulary" if "vocabularies" in path.relative_to(settings.ontology).parts else "ontology"
        found.append((path, kind))
    for path in sorted(settings.catalog.rglob("*.ttl")):
        is_example = "examples" in path.relative_to(settings.catalog).parts
        if is_example and not settings.include_examples:
            continue
        found.append((path, "example" if is_example else "catalog"))
    found.extend((path, "shapes") for path in sorted(settings.shapes.glob("*.shapes.ttl")))
    return found


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file; a syntax error becomes a LoadError naming the file and line.

    Oxigraph's parser does the parsing: its error positions are exact (rdflib's can be lines off).
    """
    graph = Graph()
    try:
        triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        graph.addN((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph) for t in triples)
    except SyntaxError as error:
        message = (error.msg or str(error)).split(": ", 1)[-1]
        raise LoadError([LoadProblem(path, error.lineno, message)]) from error
    except (OSError, ValueError) as error:
        raise LoadError([LoadProblem(path, None, str(error))]) from error
    return graph


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files given on the command line: directories become the Turtle files they contain."""
    result: list[Path] = []
    for path in paths:
        result.extend(sorted(path.rglob("*.ttl")) if path.is_dir() else [path])
    return result


def load_sources(settings: Settings, extra: Sequence[Path] = ()) -> LoadedSources:
    """Parse the registry's files plus extra ones. An extra file with the same name as exactly one
    catalog file replaces it (a proposed change); other extra files are added. All syntax errors are
    collected before failing."""
    files = discover(settings)
    replaced: dict[Path, Path] = {}
    extras: list[tuple[Path, str]] = []
    for path in expand(extra):
        resolved = path.resolve()
        same_file = [p for p, _ in files if p.resolve() == resolved]
        if same_file:
            continue
        namesakes = [(p, k) for p, k in files if p.name == path.name and k in ("catalog", "example")]
        if len(namesakes) == 1:
            old, kind = namesakes[0]
            files = [(p, k) for p, k in files if p != old]
            replaced[old] = path
            extras.append((path, kind))
        else:
            extras.append((path, "extra"))
    problems: list[LoadProblem] = []
    sources: list[Source] = []
    for path, kind in files + extras:
        try:
            graph = parse_turtle(path)
        except LoadError as error:
            problems.extend(error.problems)
            continue
        original = next((old for old, new in replaced.items() if new == path), None)
        iri_path = original if original is not None else path
        sources.append(Source(path, kind, graph_iri(iri_path, kind, settings), graph))
    if problems:
        raise LoadError(problems)
    return LoadedSources(sources, replaced)
