"""The workloads of benchmarks/national.py: validation, integrator queries on every engine, site
generation and answer latency, each measured against its baseline in the same run."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import httpx
import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef

from registry import backend
from registry.build import load_upl
from registry.incremental import start, validate_change
from registry.namespaces import CV
from registry.query import PREFIXES
from registry.settings import Settings
from registry.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]


class Report(Protocol):
    def add(self, title: str, header: list[str], rows: list[list[str]], note: str = "") -> None: ...


def generate(seed: int, out: Path) -> None:
    from generators.national import generate_national

    result = generate_national(Settings(), seed, out)
    print(f"national dataset: {len(result.written)} municipalities, {result.offerings} offerings")


def median_seconds(run: Callable[[], object], repeat: int = 5) -> float:
    run()
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        run()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline > 0 else "-"


def section_validation(report: Report, national_dir: Path) -> None:
    """Full pySHACL validation at national size against incremental validation of one edit."""
    settings = Settings()
    loaded = load_sources(settings, [national_dir])
    upl = load_upl(settings)
    begin = time.perf_counter()
    state = start(loaded, upl, settings.root)
    full = time.perf_counter() - begin
    offerings = sorted((s for s in state.data.subjects(CV.hasCost, None) if "/aanbod/" in str(s)), key=str)[
        :: max(1, len(state.data) // 200_000)
    ][:5]
    timings = []
    for offering in offerings:
        cost = next(state.data.objects(offering, CV.hasCost))
        old = next(state.data.objects(cost, CV.hasValue), None)
        if old is None:
            continue
        new = Literal(round(float(old) + 0.5, 2), datatype=old.datatype)
        begin = time.perf_counter()
        result = validate_change(state, [(cost, CV.hasValue, new)], [(cost, CV.hasValue, old)])
        timings.append(time.perf_counter() - begin)
        assert result.conforms
    one = statistics.median(timings)
    report.add(
        "Validation at national size",
        ["what", "seconds", "ratio to full"],
        [
            ["full validation (pySHACL, every focus node)", f"{full:.1f}", "1.00x"],
            [f"incremental, one edited local fee (median of {len(timings)})", f"{one:.3f}", ratio(one, full)],
        ],
        f"{len(state.data):,} triples validated. Incremental validation is {full / one:.0f}x faster "
        "(target: at least 50x).",
    )


def _rdflib_dataset(store: ox.Store) -> Dataset:
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    return dataset


def section_queries(report: Report, national: Settings, queries: list[Path], work: Path, remote: bool) -> None:
    """Typical integrator queries on pyoxigraph (baseline), the HTTP endpoint, rdflib and the servers."""
    store = backend.open_store(national)
    assert isinstance(store, ox.Store)
    texts = {q.stem: q.read_text(encoding="utf-8") for q in queries}
    engines: dict[str, Callable[[str], Any]] = {
        "pyoxigraph (direct)": lambda text: list(store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)),
    }
    servers: list[Any] = []
    api = _start_api(national, work)
    engines["dienstengraaf /sparql (HTTP)"] = lambda text: _http(api, text)
    if remote:
        from tests.stores import StoreServers

        stores = StoreServers(work / "servers")
        servers.append(stores)
        graphs = {URIRef(g.value): backend.to_rdflib(store, g.value) for g in store.named_graphs()}
        for kind in ("oxigraph", "virtuoso"):
            server = stores.start(kind)
            settings = Settings(**server.settings())
            backend.write_all(settings, graphs)
            engines[f"{kind} server (HTTP)"] = _server_query(kind, server.url)
    print("loading the dataset into rdflib ...")
    dataset = _rdflib_dataset(store)
    engines["rdflib (in memory)"] = lambda text: list(dataset.query(text))
    rows = []
    try:
        for name, text in texts.items():
            base = median_seconds(lambda t=text: engines["pyoxigraph (direct)"](t))
            row = [name, f"{base * 1000:.1f} ms"]
            for engine, run in list(engines.items())[1:]:
                repeat = 1 if engine.startswith("rdflib") else 5
                seconds = median_seconds(lambda t=text, r=run: r(t), repeat)
                row.append(f"{seconds * 1000:.1f} ms ({ratio(seconds, base)})")
            rows.append(row)
    finally:
        api.terminate()
        for stores in servers:
            stores.stop_all()
    report.add(
        "Integrator queries at national size (median; ratio to pyoxigraph direct)",
        ["query", "pyoxigraph", *list(engines)[1:]],
        rows,
        f"{len(store):,} quads. Queries in `benchmarks/queries/`. The HTTP endpoint runs each query in a worker "
        "process and serialises SPARQL JSON; the servers are asked over HTTP with their own union default graph "
        "(Oxigraph `union-default-graph`, Virtuoso's default). Target for the endpoint: at most 1.3x direct.",
    )


def _start_api(settings: Settings, work: Path) -> Any:
    from tests.stores import free_port

    port = free_port()
    env = {
        **os.environ,
        "DIENSTENGRAAF_STORE_DIR": str(settings.store),
        "DIENSTENGRAAF_PORT": str(port),
        "DIENSTENGRAAF_RESULT_LIMIT": "1000000",
        "DIENSTENGRAAF_QUERY_TIMEOUT": "120",
    }
    log = (work / "api.log").open("wb")
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "dienstengraaf"), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    for _ in range(200):
        try:
            if httpx.get(f"{process.url}/api/municipalities", timeout=2).status_code == 200:  # type: ignore[attr-defined]
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("API did not start")


_CLIENT = httpx.Client(timeout=300)


def _http(process: Any, text: str) -> bytes:
    response = _CLIENT.post(
        f"{process.url}/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"}
    )
    response.raise_for_status()
    return response.content


def _server_query(kind: str, url: str) -> Callable[[str], bytes]:
    def run(text: str) -> bytes:
        params = {"query": text}
        if kind == "oxigraph":
            params["union-default-graph"] = ""
        response = _CLIENT.post(url, data=params, headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.content

    return run


def section_site(report: Report, catalog: Settings, national: Settings, work: Path) -> None:
    """Site generation: pages per second for the example municipalities and for ten national ones."""
    from generators.site.build import generate_site
    from registry.reader import list_municipalities

    results = []
    for label, settings, limit in (
        ("catalog (3 municipalities)", catalog, None),
        ("national (10 municipalities)", national, 10),
    ):
        store = backend.open_store(settings)
        names = [m.id for m in list_municipalities(store)][: limit or None]
        out = work / f"site-{len(results)}"
        begin = time.perf_counter()
        stats = generate_site(store, out, ROOT, names)
        seconds = time.perf_counter() - begin
        pages = sum(1 for _ in out.rglob("*.html"))
        results.append((label, pages, seconds, stats))
        shutil.rmtree(out, ignore_errors=True)
    base = results[0][1] / results[0][2]
    report.add(
        "Site generation",
        ["size", "pages", "seconds", "pages per second", "ratio to catalog"],
        [
            [label, str(pages), f"{seconds:.1f}", f"{pages / seconds:.0f}", ratio(pages / seconds, base)]
            for label, pages, seconds, _ in results
        ],
        "At national size the read model is larger (every municipality's offerings are read for the chosen ones).",
    )


def section_chatbot(report: Report, catalog: Settings, national: Settings) -> None:
    """Answer latency with the index of the catalog and with the national index."""
    from generators.chatbot.engine import ChatEngine
    from generators.chatbot.evaluation import load_questions
    from generators.chatbot.index import build_from_store

    questions = load_questions(ROOT / "tests" / "generators" / "eval" / "questions.jsonl")
    rows, base95 = [], 0.0
    for label, settings in (("catalog", catalog), ("national", national)):
        engine = ChatEngine(build_from_store(backend.open_store(settings)))
        engine.ask("paspoort")
        timings = []
        for number, question in enumerate(questions):
            place = engine.index.municipalities[number % len(engine.index.municipalities)].id
            begin = time.perf_counter()
            engine.ask(question.question, place)
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p50, p95 = statistics.median(timings), timings[int(0.95 * len(timings)) - 1]
        base95 = base95 or p95
        rows.append(
            [label, str(len(engine.index.municipalities)), f"{p50:.1f} ms", f"{p95:.1f} ms", ratio(p95, base95)]
        )
    report.add(
        "Answer latency (388 questions, municipalities in turn)",
        ["index", "municipalities", "p50", "p95", "p95 ratio to catalog"],
        rows,
    )
