"""A remote SPARQL 1.1 server as the store, spoken to only through the SPARQL 1.1 Protocol and the
Graph Store Protocol (see `registry.dialects` for the servers' differences).

`RemoteStore` answers the read operations the registry uses on the embedded store (`query`, `dump`,
`named_graphs`, ...) with the same pyoxigraph result types, so readers, generators and the API work
unchanged. The registry's dataset is the list of graphs in its meta graph; every query names those
graphs explicitly (`default-graph-uri`, `named-graph-uri`), so other data on the server is never seen.

Writing is all-or-nothing: every graph is uploaded to a fresh staging graph first; then one SPARQL
update moves the staging graphs into place, drops removed graphs and switches the version in the meta
graph. When an upload fails, the staging graphs are dropped and the live graphs were never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT

from registry.dialects import (
    Endpoints,
    detect,
    endpoints,
    incomplete,
    is_timeout,
    repair_json,
    repair_ntriples,
    repair_xml,
    results_format,
    time_limit,
)
from registry.namespaces import GRAPH, META_GRAPH
from registry.settings import Settings

BUILD_NODE = URIRef("https://dienstengraaf.nl/id/build/current")
# The remote counterpart of the embedded store's default graph (for graph store and update requests).
DEFAULT_GRAPH = GRAPH + "default"
STAGING = "urn:dienstengraaf:staging:"
N_TRIPLES = "application/n-triples"

_FORM = re.compile(r"(?<![?$\w:])(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.DOTALL)
_COMMENT = re.compile(r"#[^\n]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class RemoteStoreError(RuntimeError):
    """The remote store refused a request or could not be reached."""


def _masked(text: str) -> str:
    """The query with IRIs, strings and comments blanked out, keeping every other character in place."""

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    return _COMMENT.sub(blank, _STRING.sub(blank, _IRI.sub(blank, text)))


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of a SPARQL query (IRIs, strings and comments
    are skipped, so a '#' in an IRI or a keyword in a string does not count)."""
    match = _FORM.search(_masked(text))
    if match is None:
        raise SyntaxError("Dit is geen SPARQL-query (SELECT, CONSTRUCT, DESCRIBE of ASK).")
    return match.group(1).upper()


def _term(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple) -> str:
    if isinstance(term, ox.BlankNode | ox.Triple):
        raise ValueError("Een remote store kan geen blank node of triple als vaste waarde gebruiken.")
    return str(term)


def with_bindings(text: str, substitutions: Mapping[ox.Variable, Any], final_values: bool = True) -> str:
    """The query with a VALUES clause for the given variables: at the end (a join with the whole
    result), or, where a server accepts a final VALUES only on SELECT (`final_values` False), as
    the first element of the WHERE group, with the values also written in place of the variables
    inside the group (Virtuoso does not carry a leading VALUES into UNION branches and would read
    every triple of the store for each branch)."""
    names = " ".join(f"?{variable.value}" for variable in substitutions)
    values = " ".join(_term(value) for value in substitutions.values())
    clause = f"VALUES ({names}) {{ ({values}) }}"
    if final_values or query_form(text) == "SELECT":
        return f"{text.rstrip()}\n{clause}"
    where = _WHERE.search(_masked(text))
    if where is None:
        raise SyntaxError("De query heeft geen WHERE-deel om waarden aan te geven.")
    body = _inline(text[where.end() :], substitutions)
    return f"{text[: where.end()]} {clause} {body}"


def _inline(text: str, substitutions: Mapping[ox.Variable, Any]) -> str:
    """`text` with each variable replaced by its value, outside IRIs, strings and comments; a
    variable that the text assigns itself (`AS ?x`) keeps its name."""
    masked = _masked(text)
    for variable, value in substitutions.items():
        name = re.escape(variable.value)
        if re.search(rf"\bAS\s+[?$]{name}(?!\w)", masked, re.IGNORECASE):
            continue
        found = [m.span() for m in re.finditer(rf"[?$]{name}(?!\w)", masked)]
        term = _term(value)
        for start, end in reversed(found):
            text = text[:start] + term + text[end:]
            masked = masked[:start] + " " * len(term) + masked[end:]
    return text


def with_prologue(text: str, base_iri: str | None, prefixes: Mapping[str, str] | None) -> str:
    """The query with BASE and the PREFIX declarations it does not declare itself."""
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    for prefix, iri in (prefixes or {}).items():
        if not re.search(rf"PREFIX\s+{re.escape(prefix)}:", text, re.IGNORECASE):
            lines.append(f"PREFIX {prefix}: <{iri}>")
    return "\n".join([*lines, text]) if lines else text


class RemoteStore:
    """A SPARQL 1.1 server holding the registry's named graphs."""

    def __init__(
        self, ends: Endpoints, auth: tuple[str, str] | None = None, timeout: float = 120.0, ask_limit: bool = False
    ):
        # ask_limit: send the time limit with every query, for servers that take one (Virtuoso). Used for
        # the endpoint's queries (anyone's text); the registry's own, known reads go without, as before.
        self.endpoints, self.timeout, self.ask_limit = ends, timeout, ask_limit
        # How long the client waits: with a limit asked of the server, a little longer, so that the server
        # (Virtuoso ends up to a second or two late) can still say itself that it stopped the query.
        self._wait = timeout + max(5.0, timeout / 2) if ask_limit else timeout
        write_auth: httpx.Auth | None = None
        if auth is not None:
            write_auth = httpx.DigestAuth(*auth) if ends.digest_auth else httpx.BasicAuth(*auth)
        self._write_auth = write_auth
        self._read_auth = None if ends.digest_auth else write_auth
        self._client = httpx.Client(timeout=self._wait)
        self._lock = threading.Lock()
        self._state: tuple[float, str, tuple[str, ...]] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, timeout: float | None = None) -> RemoteStore:
        """The remote store of `settings`. With `timeout` (seconds), each query also asks the server to stop
        then (Virtuoso); without it, requests may take the store time-out of the settings."""
        assert settings.store_url is not None
        dialect = settings.store_dialect
        if dialect == "auto":
            dialect = detect(settings.store_url)
        ends = endpoints(dialect, settings.store_url, settings.store_update_url, settings.store_graph_url)
        auth = None
        if settings.store_user and settings.store_password:
            auth = (settings.store_user, settings.store_password.get_secret_value())
        if timeout is None:
            return cls(ends, auth, settings.store_timeout)
        return cls(ends, auth, timeout, ask_limit=True)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("_client", "_lock"):
            state.pop(name)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._client = httpx.Client(timeout=self._wait)
        self._lock = threading.Lock()

    # the registry's dataset --------------------------------------------------------------------

    def state(self, refresh: bool = True) -> tuple[str, tuple[str, ...]]:
        """The published version and the registry's graphs. Asked every time by default: another process
        may have published a graph a moment ago (one small query); `refresh=False` reuses the last answer
        within one operation."""
        with self._lock:
            if refresh or self._state is None:
                version, graphs = self._read_state()
                self._state = (time.monotonic(), version, graphs)
            return self._state[1], self._state[2]

    def _read_state(self) -> tuple[str, tuple[str, ...]]:
        text = (
            f"SELECT ?version ?graph WHERE {{ GRAPH <{META_GRAPH}> {{ <{BUILD_NODE}> <{DCT.identifier}> ?version "
            f"OPTIONAL {{ <{BUILD_NODE}> <{DCT.hasPart}> ?graph }} }} }}"
        )
        solutions = self._select(text, (), (str(META_GRAPH),))
        version, graphs = "", set()
        for solution in solutions:
            version = str(solution["version"].value)
            if solution["graph"] is not None:
                graphs.add(str(solution["graph"].value))
        return version, tuple(sorted(graphs))

    @property
    def version(self) -> str:
        return self.state()[0]

    def exists(self) -> bool:
        """Whether a registry has been published to this server."""
        return bool(self.state(refresh=True)[0])

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        return iter([ox.NamedNode(g) for g in self.state()[1] if g != DEFAULT_GRAPH])

    def __len__(self) -> int:
        """Number of quads in the registry's dataset."""
        graphs = self.state()[1]
        text = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        solutions = list(self._select(text, (), graphs))
        return int(solutions[0]["n"].value) if solutions and solutions[0]["n"] is not None else 0

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return graph.value in self.state()[1] and graph.value != DEFAULT_GRAPH

    # reading -----------------------------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Any = None,
        named_graphs: list[ox.NamedNode] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query on the server, with the same options and result types as `pyoxigraph.Store.query`."""
        text = with_prologue(query, base_iri, prefixes)
        if substitutions:
            text = with_bindings(text, substitutions, self.endpoints.final_values)
        graphs = self.state()[1]
        if default_graph is not None:
            defaults = [
                DEFAULT_GRAPH if isinstance(g, ox.DefaultGraph) else g.value
                for g in (default_graph if isinstance(default_graph, list) else [default_graph])
            ]
        else:
            defaults = list(graphs) if use_default_graph_as_union else [DEFAULT_GRAPH]
        named = [g for g in graphs if g != DEFAULT_GRAPH]
        if named_graphs is not None:
            named = [g.value for g in named_graphs]
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            data = repair_ntriples(self._post_query(text, defaults, named, N_TRIPLES), self.endpoints.dialect)
            scratch = ox.Store()
            scratch.load(data, format=ox.RdfFormat.N_TRIPLES)
            triples = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
            assert isinstance(triples, ox.QueryTriples)
            return triples
        return self._results(self._post_query(text, defaults, named, results_format(self.endpoints.dialect)))

    def _results(self, data: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
        dialect = self.endpoints.dialect
        if results_format(dialect).endswith("xml"):
            return ox.parse_query_results(repair_xml(data, dialect), format=ox.QueryResultsFormat.XML)
        return ox.parse_query_results(repair_json(data, dialect), format=ox.QueryResultsFormat.JSON)

    def _select(self, text: str, defaults: tuple[str, ...], named: tuple[str, ...]) -> ox.QuerySolutions:
        accept = results_format(self.endpoints.dialect)
        result = self._results(self._post_query(text, list(defaults) or [DEFAULT_GRAPH], list(named), accept))
        assert isinstance(result, ox.QuerySolutions)
        return result

    def _post_query(self, text: str, defaults: list[str], named: list[str], accept: str) -> bytes:
        dialect = self.endpoints.dialect
        form = {
            "query": text,
            "default-graph-uri": defaults,
            "named-graph-uri": named,
            **(time_limit(dialect, self.timeout) if self.ask_limit else {}),
        }
        response = self._send("POST", self.endpoints.query, data=form, headers={"Accept": accept}, auth=self._read_auth)
        if incomplete(dialect, response.headers, response.content):
            raise TimeoutError(
                "De store brak de query af (tijdslimiet van de store): "
                f"{response.headers.get('x-sql-message', '').strip()[:300]}"
            )
        return response.content

    def dump(
        self, output: Any = None, format: ox.RdfFormat | None = None, *, from_graph: Any = None, **options: Any
    ) -> bytes | None:
        """A graph (or, without `from_graph`, the whole dataset) serialised like `Store.dump`."""
        wanted = format or ox.RdfFormat.N_QUADS
        if from_graph is None:
            return ox.serialize(list(self.quads_for_pattern(None, None, None, None)), output, wanted, **options)
        iri = DEFAULT_GRAPH if isinstance(from_graph, ox.DefaultGraph) else from_graph.value
        if wanted == ox.RdfFormat.N_TRIPLES and output is None:
            return self._get_graph(iri)
        return ox.serialize(self._graph_triples(iri), output, wanted, **options)

    def quads_for_pattern(
        self, subject: None, predicate: None, object: None, graph_name: None = None
    ) -> Iterator[ox.Quad]:
        """Every quad of the registry's dataset (only the full pattern is supported)."""
        assert subject is None and predicate is None and object is None and graph_name is None
        for graph in self.state()[1]:
            name = ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)
            for triple in self._graph_triples(graph, known=True):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    def _graph_triples(self, iri: str, known: bool = False) -> list[ox.Triple]:
        return list(ox.parse(self._get_graph(iri, known), format=ox.RdfFormat.N_TRIPLES))

    def _get_graph(self, iri: str, known: bool = False) -> bytes:
        """One graph as N-Triples; `known` when the caller just took it from the current state."""
        if not known and iri not in self.state()[1]:
            return b""
        response = self._send(
            "GET",
            self.endpoints.graph_store_read,
            params={self.endpoints.graph_param: iri},
            headers={"Accept": N_TRIPLES},
            auth=self._read_auth,
            missing_ok=True,
        )
        if response.status_code == 404:
            return b""
        return repair_ntriples(response.content, self.endpoints.dialect)

    # writing -----------------------------------------------------------------------------------

    def publish(
        self,
        graphs: Mapping[str, Graph | bytes | None],
        *,
        replace_all: bool,
        kind: str = "build",
        meta: Graph | None = None,
        expected_version: str | None = None,
    ) -> str:
        """Put new content in place all-or-nothing and return the new version. `graphs` maps graph IRIs
        to their new content (rdflib graph or N-Triples; None removes the graph); with `replace_all`
        every other graph goes. With `expected_version`, refuse when someone else published meanwhile."""
        version = f"{time.time_ns():020d}-{kind}-{os.getpid()}"
        published, current = self.state(refresh=True)
        if expected_version is not None and published != expected_version:
            raise RemoteStoreError("De store is intussen door iemand anders gewijzigd; probeer het opnieuw.")
        keep = set() if replace_all else set(current)
        final = (keep | {g for g, c in graphs.items() if c is not None}) - {g for g, c in graphs.items() if c is None}
        final.add(str(META_GRAPH))
        content = {g: _ntriples(c) for g, c in graphs.items() if c is not None and g != str(META_GRAPH)}
        given = meta if meta is not None else graphs.get(str(META_GRAPH))
        content[str(META_GRAPH)] = _ntriples(self._meta(given if isinstance(given, Graph) else None, version, final))
        staged: dict[str, str] = {}
        try:
            for number, (iri, data) in enumerate(sorted(content.items())):
                if data.strip():
                    staged[iri] = f"{STAGING}{version}:{number}"
                    self._put_graph(staged[iri], data)
            operations = [f"MOVE SILENT <{staged[g]}> TO <{g}>" for g in sorted(staged)]
            drops = (set(current) - final) | {g for g in content if g not in staged}
            operations += [f"DROP SILENT GRAPH <{g}>" for g in sorted(drops)]
            self.update(" ;\n".join(operations))
        except Exception:
            for stage in staged.values():
                with contextlib.suppress(RemoteStoreError):
                    self.update(f"DROP SILENT GRAPH <{stage}>")
            raise
        finally:
            with self._lock:
                self._state = None
        return version

    def _meta(self, given: Graph | None, version: str, graphs: set[str]) -> Graph:
        meta = Graph()
        source = given if given is not None else _to_graph(self._graph_triples(str(META_GRAPH)))
        for triple in source:
            if triple[0] == BUILD_NODE and triple[1] in (DCT.identifier, DCT.hasPart):
                continue
            meta.add(triple)
        meta.add((BUILD_NODE, DCT.identifier, Literal(version)))
        for graph in sorted(graphs):
            meta.add((BUILD_NODE, DCT.hasPart, URIRef(graph)))
        return meta

    def update(self, text: str) -> None:
        """Run a SPARQL update on the server (used for the final switch and for cleaning up)."""
        self._send("POST", self.endpoints.update, data={"update": text}, auth=self._write_auth)

    def _put_graph(self, iri: str, data: bytes) -> None:
        self._send(
            "PUT",
            self.endpoints.graph_store,
            params={self.endpoints.graph_param: iri},
            content=data,
            headers={"Content-Type": N_TRIPLES},
            auth=self._write_auth,
        )

    def drop_everything(self) -> None:
        """Remove the registry's graphs from the server (tests and benchmarks start clean with this)."""
        graphs = self.state(refresh=True)[1]
        if graphs:
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        with self._lock:
            self._state = None

    # HTTP --------------------------------------------------------------------------------------

    def _send(self, method: str, url: str, missing_ok: bool = False, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as error:
            raise TimeoutError(f"De store op {url} antwoordde niet binnen {self._wait:g} seconden.") from error
        except httpx.HTTPError as error:
            raise RemoteStoreError(f"De store op {url} is niet bereikbaar: {error}") from error
        if response.status_code == 404 and missing_ok:
            return response
        if response.status_code >= 400 and url == self.endpoints.query and is_timeout(response.text):
            raise TimeoutError(f"De store brak de query af: {response.text.strip()[:300]}")
        if response.status_code == 400 and url == self.endpoints.query:
            raise SyntaxError(response.text.strip()[:500])
        if response.status_code >= 400:
            raise RemoteStoreError(f"De store op {url} gaf {response.status_code}: {response.text.strip()[:500]}")
        return response


def _ntriples(content: Graph | bytes) -> bytes:
    if isinstance(content, bytes):
        return content
    return content.serialize(format="nt", encoding="utf-8")


def _to_graph(triples: list[ox.Triple]) -> Graph:
    from registry.terms import to_graph

    return to_graph(triples)
