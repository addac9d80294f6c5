"""What a SHACL shape can read from a focus node, and which focus nodes a changed triple can affect.

Every shape with a target is read as *units*: conjunctive triple patterns rooted at the focus node
`?this`. A property shape gives the patterns of its path; a constraint adds what it reads beyond the
values (`sh:class` their `rdf:type`, `sh:node`/`sh:qualifiedValueShape`/`sh:not`/`sh:and`/`sh:or`/
`sh:xone`/nested `sh:property` the units of the nested shape at each value, `sh:lessThan` and its kin a
second property of the focus node, `sh:closed` every property). A SHACL-SPARQL constraint gives one unit
per conjunctive part of its query: each UNION branch with what surrounds it, OPTIONAL, MINUS and
(NOT) EXISTS parts joined to the pattern they belong to. FILTER expressions and BINDs are dropped,
which can only add solutions. The target declarations are units too (`?this rdf:type ?c`, ...).

Why that is enough: a focus node's result is a function of the solutions of its units (values, types,
query rows). When no solution in the old graph uses a removed triple and no solution in the new graph
uses an added one, every solution in one graph is a solution in the other, so the result is the same.
`Reach.affected` therefore binds each changed triple to every pattern it matches and solves the rest of
the unit for `?this`, in the old graph for removed triples and in the new one for added triples. Once
`?this` is known, patterns that share nothing known are dropped (more solutions, never fewer); a
search that needs more than `Reach.budget` lookups gives up and marks every target of the shape.

Not analysed, and then treated conservatively: a shape whose query or path this module cannot read
(property paths with `*`, `+` or `?`, sub-selects, GRAPH, SERVICE, `$PATH`, recursive shapes,
`sh:qualifiedValueShapesDisjoint true`, unknown `sh:` parameters) is *opaque*: every change
re-validates all its targets. SHACL-AF rules and custom targets, custom constraint components and
implicit class targets make the whole shapes graph unsupported, and a change to `rdfs:subClassOf`
(which moves targets and `sh:class` results anywhere) needs a full validation; callers check
`Reach.unsupported` and `Reach.needs_full`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, Path, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import translateGroupGraphPattern
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

THIS = Variable("this")
Pattern = tuple[Node, Node, Node]
Binding = dict[Variable, Node]

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that look at the value nodes only (or are not constraints at all).
VALUE_ONLY = {
    SH[name]
    for name in (
        *("minCount", "maxCount", "datatype", "nodeKind", "pattern", "flags", "languageIn", "uniqueLang", "in"),
        *("hasValue", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength"),
        *("qualifiedMinCount", "qualifiedMaxCount", "message", "severity", "name", "description", "order", "group"),
        *("defaultValue", "deactivated", "path", "ignoredProperties"),
        *("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"),
    )
}
NESTED = (SH.node, SH.qualifiedValueShape, SH["not"], SH.property)
LISTS = (SH["and"], SH["or"], SH.xone)
SECOND_PROPERTY = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)
# Whole-graph features this analysis does not follow.
UNSUPPORTED = (SH.rule, SH.target, SH.parameter, SH.shapesGraph)
PASS_THROUGH = {"SelectQuery", "Distinct", "Reduced", "Slice", "OrderBy", "ToMultiSet", "Group", "AggregateJoin"}


class Unsupported(Exception):
    """A shape, path or query this analysis cannot read."""


class _GiveUp(Exception):
    """A search grew beyond its budget: treat every target of the shape as affected."""


@dataclass(frozen=True)
class Unit:
    """Conjunctive triple patterns of one targeted shape, rooted at `?this`."""

    shape: Node
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Targets:
    """The target declarations of one shape."""

    classes: frozenset[Node] = frozenset()
    nodes: frozenset[Node] = frozenset()
    subjects_of: frozenset[Node] = frozenset()
    objects_of: frozenset[Node] = frozenset()


@dataclass
class Affected:
    """Focus nodes whose result may change, and shapes all of whose targets may change."""

    nodes: set[Node] = field(default_factory=set)
    every_target_of: set[Node] = field(default_factory=set)


@dataclass
class Reach:
    """The units of every targeted shape, indexed by predicate."""

    targets: dict[Node, Targets]
    units: list[Unit]
    opaque: dict[Node, str]
    unsupported: str | None = None
    budget: int = 200_000
    _by_predicate: dict[Node, list[tuple[Unit, int]]] = field(default_factory=dict, repr=False)
    _any_predicate: list[tuple[Unit, int]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for unit in self.units:
            for index, (_, predicate, _) in enumerate(unit.patterns):
                if isinstance(predicate, Variable):
                    self._any_predicate.append((unit, index))
                else:
                    self._by_predicate.setdefault(predicate, []).append((unit, index))

    @staticmethod
    def needs_full(triples: Iterable[tuple[Node, Node, Node]]) -> bool:
        """A change to the class hierarchy moves targets and `sh:class` results anywhere."""
        return any(p == RDFS.subClassOf for _, p, _ in triples)

    def affected(self, triples: Iterable[tuple[Node, Node, Node]], graph: Graph) -> Affected:
        """The focus nodes whose result may change because these triples (all in `graph`) changed."""
        result = Affected(every_target_of=set(self.opaque))
        for triple in triples:
            for unit, index in [*self._by_predicate.get(triple[1], ()), *self._any_predicate]:
                if unit.shape in result.every_target_of:
                    continue
                try:
                    result.nodes |= _roots(unit, index, triple, graph, self.budget)
                except _GiveUp:
                    result.every_target_of.add(unit.shape)
        return result


def read_shapes(shapes: Graph) -> Reach:
    """The units of every shape in the shapes graph that has a target."""
    reader = _Reader(shapes)
    targets: dict[Node, Targets] = {}
    units: list[Unit] = []
    opaque: dict[Node, str] = {}
    for shape in sorted({s for p in TARGETS for s in shapes.subjects(p, None)}, key=str):
        found = Targets(*(frozenset(shapes.objects(shape, p)) for p in TARGETS))
        targets[shape] = found
        if found.classes:
            units.append(Unit(shape, ((THIS, RDF.type, reader.var()),)))
        units.extend(Unit(shape, ((THIS, p, reader.var()),)) for p in found.subjects_of)
        units.extend(Unit(shape, ((reader.var(), p, THIS),)) for p in found.objects_of)
        try:
            units.extend(Unit(shape, tuple(u)) for u in reader.shape_units(shape, THIS, frozenset()))
        except Unsupported as error:
            opaque[shape] = str(error)
    return Reach(targets, units, opaque, _unsupported(shapes))


def _unsupported(shapes: Graph) -> str | None:
    for predicate in UNSUPPORTED:
        if (None, predicate, None) in shapes:
            return f"de shapes gebruiken {predicate}"
    if (None, RDF.type, SH.ConstraintComponent) in shapes:
        return "de shapes definiëren eigen constraint components"
    for kind in (RDFS.Class, OWL.Class):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, SH.NodeShape) in shapes or (shape, RDF.type, SH.PropertyShape) in shapes:
                return f"{shape} is een shape en een klasse (impliciet doel)"
    return None


class _Reader:
    """Turns shapes, SHACL paths and SPARQL queries into units with fresh variable names."""

    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self._count = itertools.count()

    def var(self) -> Variable:
        return Variable(f"reach{next(self._count)}")

    def shape_units(self, shape: Node, root: Node, stack: frozenset[Node]) -> list[list[Pattern]]:
        """Units of one shape applied at `root` (a variable)."""
        if shape in stack:
            raise Unsupported(f"{shape} verwijst naar zichzelf")
        if (shape, SH.deactivated, Literal(True)) in self.shapes:
            return []
        stack = stack | {shape}
        path = self.shapes.value(shape, SH.path)
        values: Node = root
        base: list[list[Pattern]] = [[]]
        if path is not None:
            values = self.var()
            base = self.path(path, root, values)
        units = [list(b) for b in base if b]

        def at_values(nested: list[list[Pattern]]) -> None:
            units.extend(b + n for b in base for n in nested)

        for parameter, value in self.shapes.predicate_objects(shape):
            if parameter in VALUE_ONLY or not str(parameter).startswith(str(SH)):
                continue
            if parameter == SH["class"]:
                at_values([[(values, RDF.type, self.var())]])
            elif parameter in NESTED:
                at_values(self.shape_units(value, values, stack))
            elif parameter in LISTS:
                for member in Collection(self.shapes, value):
                    at_values(self.shape_units(member, values, stack))
            elif parameter in SECOND_PROPERTY:
                units.append([(root, value, self.var())])
            elif parameter == SH.closed:
                if value == Literal(True):
                    at_values([[(values, self.var(), self.var())]])
            elif parameter == SH.qualifiedValueShapesDisjoint:
                if value == Literal(True):
                    raise Unsupported("sh:qualifiedValueShapesDisjoint")
            elif parameter == SH.sparql:
                units.extend(self.query_units(value, root))
            else:
                raise Unsupported(f"onbekende parameter {parameter}")
        return units

    def path(self, path: Node, start: Node, end: Node) -> list[list[Pattern]]:
        """The alternatives of a SHACL property path as pattern lists from `start` to `end`."""
        if isinstance(path, URIRef):
            return [[(start, path, end)]]
        inverse = self.shapes.value(path, SH.inversePath)
        if inverse is not None:
            return self.path(inverse, end, start)
        alternatives = self.shapes.value(path, SH.alternativePath)
        if alternatives is not None:
            return [alt for member in Collection(self.shapes, alternatives) for alt in self.path(member, start, end)]
        if (path, RDF.first, None) in self.shapes:
            steps = list(Collection(self.shapes, path))
            return self._sequence(steps, start, end, lambda step, a, b: self.path(step, a, b))
        raise Unsupported(f"pad {path} (herhaling) wordt niet gevolgd")

    def _sequence(
        self, steps: Sequence[Any], start: Node, end: Node, one: Callable[[Any, Node, Node], list[list[Pattern]]]
    ) -> list[list[Pattern]]:
        nodes: list[Node] = [start, *(self.var() for _ in steps[1:]), end]
        return _product([one(step, a, b) for step, (a, b) in zip(steps, itertools.pairwise(nodes), strict=True)])

    def query_units(self, constraint: Node, root: Node) -> list[list[Pattern]]:
        """Units of a SHACL-SPARQL constraint, with `$this` bound to `root` and other variables renamed."""
        if (constraint, SH.deactivated, Literal(True)) in self.shapes:
            return []
        text = self.shapes.value(constraint, SH.select)
        if text is None or "$PATH" in str(text) or "shapesGraph" in str(text):
            raise Unsupported(f"SPARQL-controle {constraint} wordt niet gelezen")
        namespaces = {
            str(self.shapes.value(d, SH.prefix)): URIRef(str(self.shapes.value(d, SH.namespace)))
            for p in self.shapes.objects(constraint, SH.prefixes)
            for d in self.shapes.objects(p, SH.declare)
        }
        try:
            query = prepareQuery(str(text), initNs=namespaces)
        except Exception as error:  # the parser raises many kinds; all mean: cannot read it
            raise Unsupported(f"SPARQL-controle {constraint}: {error}") from error
        units = self._algebra(query.algebra, top=True)
        if not any(THIS in pattern for unit in units for pattern in unit):
            raise Unsupported(f"SPARQL-controle {constraint} gebruikt $this niet")
        renamed: list[list[Pattern]] = []
        for unit in units:
            names: dict[Node, Node] = {THIS: root}

            def rename(term: Node, names: dict[Node, Node] = names) -> Node:
                if isinstance(term, Variable | BNode):
                    return names.setdefault(term, self.var())
                return term

            renamed.append([(rename(s), rename(p), rename(o)) for s, p, o in unit])
        return renamed

    def _algebra(self, node: CompValue, top: bool = False) -> list[list[Pattern]]:
        """Conjunctive parts of a query algebra node; raises Unsupported for what is not followed."""
        name = node.name
        if name == "Project":
            if not top:
                raise Unsupported("sub-select")
            return self._algebra(node.p)
        if name in PASS_THROUGH:
            for key in ("expr", "A"):
                if _exists_parts(node.get(key)):
                    raise Unsupported(f"EXISTS in {name}")
            return self._algebra(node.p, top) if node.get("p") is not None else [[]]
        if name == "values":
            return [[]]
        if name == "GroupGraphPatternSub":
            return self._algebra(translateGroupGraphPattern(node))
        if name == "BGP":
            return _product([self._triple(s, p, o) for s, p, o in node.triples])
        if name in ("Join", "Minus", "Union", "LeftJoin"):
            first, second = self._algebra(node.p1), self._algebra(node.p2)
            if name == "Union":
                return first + second
            joined = [a + b for a in first for b in second]
            if name == "Join":
                return joined
            return self._with_exists(first + joined, node.get("expr"))
        if name in ("Filter", "Extend"):
            return self._with_exists(self._algebra(node.p), node.expr)
        raise Unsupported(f"SPARQL-onderdeel {name}")

    def _with_exists(self, units: list[list[Pattern]], expr: object) -> list[list[Pattern]]:
        parts = [self._algebra(graph) for graph in _exists_parts(expr)]
        return units + [u + p for u in units for part in parts for p in part]

    def _triple(self, s: Node, p: object, o: Node) -> list[list[Pattern]]:
        """A query triple pattern whose predicate may be a property path, as pattern lists."""
        if isinstance(p, URIRef | Variable):
            return [[(s, p, o)]]
        if isinstance(p, InvPath):
            return self._triple(o, p.arg, s)
        if isinstance(p, SequencePath):
            return self._sequence(list(p.args), s, o, lambda step, a, b: self._triple(a, step, b))
        if isinstance(p, AlternativePath):
            return [alt for step in p.args for alt in self._triple(s, step, o)]
        if isinstance(p, NegatedPath):
            return [[(s, self.var(), o)], [(o, self.var(), s)]]
        if isinstance(p, MulPath | Path):
            raise Unsupported(f"pad {p} (herhaling) wordt niet gevolgd")
        raise Unsupported(f"onbekend pad {p!r}")


def _product(parts: list[list[list[Pattern]]]) -> list[list[Pattern]]:
    """Every combination of one alternative per part, concatenated."""
    result: list[list[Pattern]] = [[]]
    for alternatives in parts:
        result = [r + a for r in result for a in alternatives]
    return result


def _exists_parts(expr: object) -> list[CompValue]:
    """The graph patterns of every EXISTS and NOT EXISTS inside an expression."""
    found: list[CompValue] = []
    if isinstance(expr, CompValue):
        if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            found.append(expr.graph)
        for key, value in expr.items():
            if key != "graph" and not key.startswith("_"):
                found.extend(_exists_parts(value))
    elif isinstance(expr, list | tuple):
        for item in expr:
            found.extend(_exists_parts(item))
    return found


def _roots(unit: Unit, index: int, triple: tuple[Node, Node, Node], graph: Graph, budget: int) -> set[Node]:
    """The `?this` of every solution of the unit (in `graph`) that uses `triple` for pattern `index`."""
    binding = _bind(unit.patterns[index], triple, {})
    found: set[Node] = set()
    if binding is not None:
        rest = [p for i, p in enumerate(unit.patterns) if i != index]
        _solve(rest, binding, graph, found, [budget])
    return found


def _bind(pattern: Pattern, triple: tuple[Node, Node, Node], binding: Binding) -> Binding | None:
    new = dict(binding)
    for term, value in zip(pattern, triple, strict=True):
        if isinstance(term, Variable):
            if new.setdefault(term, value) != value:
                return None
        elif term != value:
            return None
    return new


def _score(pattern: Pattern, binding: Binding) -> int:
    s, p, o = (t if not isinstance(t, Variable) else binding.get(t) for t in pattern)
    return 2 * (s is not None) + (p is not None) + 2 * (o is not None)


def _solve(rest: list[Pattern], binding: Binding, graph: Graph, found: set[Node], budget: list[int]) -> None:
    """Backtracking search, most bound pattern first. Once `?this` is known, patterns that share no
    known term are dropped (fewer patterns, more solutions: still a superset of the true roots)."""
    this = binding.get(THIS)
    if this is not None and this in found:
        return
    if not rest:
        if this is None:
            raise _GiveUp
        found.add(this)
        return
    best = max(rest, key=lambda p: _score(p, binding))
    if this is not None and _score(best, binding) <= 1:
        found.add(this)
        return
    others = [p for p in rest if p is not best]
    lookup = tuple(binding.get(t) if isinstance(t, Variable) else t for t in best)
    if isinstance(lookup[0], Literal):
        return
    for triple in graph.triples(lookup):  # type: ignore[arg-type]
        budget[0] -= 1
        if budget[0] < 0:
            raise _GiveUp
        extended = _bind(best, triple, binding)
        if extended is not None:
            _solve(others, extended, graph, found, budget)
