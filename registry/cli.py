"""The `dienstengraaf` command line: thin commands over the registry's plain functions."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from registry import backend
from registry import store as embedded
from registry.build import build, check, load_upl
from registry.cpsv import cpsv_ap_view
from registry.lint import run_lint
from registry.namespaces import UPL_GRAPH
from registry.plain_language import content_report
from registry.query import QueryFormatError, query_text, run_query
from registry.reasoning import reason
from registry.report import as_json, as_text
from registry.settings import Settings
from registry.sources import LoadError, load_sources
from registry.stats import as_text as stats_text
from registry.stats import stats
from registry.upl import UplFormatError, read_upl

if TYPE_CHECKING:
    from generators.chatbot.engine import ChatEngine

app = typer.Typer(
    help="Dienstengraaf: kennisgraaf en register van standaardprocessen voor gemeentelijke dienstverlening.",
    no_args_is_help=True,
    add_completion=False,
)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class QueryFormat(StrEnum):
    json = "json"
    xml = "xml"
    csv = "csv"
    tsv = "tsv"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


class ExportFormat(StrEnum):
    turtle = "turtle"
    jsonld = "json-ld"
    ntriples = "nt"


_STORE_OPTION: dict[str, str] = {}


@app.callback()
def _options(
    store: Annotated[
        str | None,
        typer.Option("--store", help="Store: een map (ingebouwde Oxigraph) of de URL van een SPARQL 1.1-endpoint."),
    ] = None,
) -> None:
    _STORE_OPTION.clear()
    if store:
        _STORE_OPTION["store_url"] = store


def _settings() -> Settings:
    store = _STORE_OPTION.get("store_url")
    return Settings(store_url=store) if store else Settings()


def _fail_load(error: LoadError) -> None:
    typer.echo("Kan niet alle bestanden lezen (er is niets veranderd):", err=True)
    for problem in error.problems:
        typer.echo(f"  {problem}", err=True)
    raise typer.Exit(2)


@app.command("build")
def build_command(
    no_reason: Annotated[bool, typer.Option("--no-reason", help="Sla de OWL-redeneerder over.")] = False,
    extra: Annotated[
        list[Path] | None,
        typer.Option("--with", help="Extra Turtle-bestanden of mappen, bv. var/national (herhaalbaar)."),
    ] = None,
) -> None:
    """Lees alles, valideer, lint, redeneer en zet een nieuwe store neer (alleen als alles klopt)."""
    settings = _settings()
    if no_reason:
        settings.reason = False
    missing = [str(path) for path in extra or [] if not path.exists()]
    if missing:
        typer.echo(f"Niet gevonden: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    try:
        result = build(settings, extra or [])
    except LoadError as error:
        _fail_load(error)
        return
    checked = result.checked
    typer.echo(as_text(checked.report))
    if checked.lint.violations:
        typer.echo(checked.lint.as_text())
    if checked.reasoning is not None and not checked.reasoning.consistent:
        typer.echo("De ontologie en de catalogus spreken elkaar tegen (inconsistent):")
        for cause in checked.reasoning.causes or [checked.reasoning.message]:
            typer.echo(f"  {cause}")
    if not result.built:
        typer.echo(f"Store niet bijgewerkt; de laatste goede store op {settings.store_label} blijft staan.")
        raise typer.Exit(1)
    if checked.reasoning is not None:
        typer.echo(f"Redeneerder: consistent, {len(checked.reasoning.inferred)} afgeleide triples.")
    typer.echo(f"Store bijgewerkt: {settings.store_label} (versie {result.version})")
    from generators.chatbot.index import build_from_store

    started = time.perf_counter()
    store = backend.open_store(settings)
    build_from_store(store, result.version or "").save(settings.chat_index)
    checked.seconds["chatbot-index"] = time.perf_counter() - started
    typer.echo(f"Index van de chatbot: {settings.chat_index}")
    typer.echo(stats_text(stats(store)))
    typer.echo("Tijd per stap: " + ", ".join(f"{phase} {s:.1f} s" for phase, s in checked.seconds.items()))


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Extra bestanden of mappen, bv. een voorgestelde wijziging.")
    ] = None,
    output: Annotated[ReportFormat, typer.Option("--format", help="text of json")] = ReportFormat.text,
    info: Annotated[bool, typer.Option("--info", help="Toon ook meldingen van niveau Info.")] = False,
) -> None:
    """Valideer de registry (plus gegeven bestanden) met de SHACL-shapes. Exitcode 1 bij een fout."""
    for path in files or []:
        if not path.exists():
            typer.echo(f"Bestand niet gevonden: {path}", err=True)
            raise typer.Exit(2)
    try:
        checked = check(_settings(), files or [])
    except LoadError as error:
        _fail_load(error)
        return
    typer.echo(as_json(checked.report) if output is ReportFormat.json else as_text(checked.report, info))
    if not checked.report.conforms:
        raise typer.Exit(1)


class LintTarget(StrEnum):
    ontology = "ontology"
    content = "content"


@app.command("lint")
def lint_command(
    target: Annotated[
        LintTarget, typer.Argument(help="ontology (lint-queries) of content (B1-taal)")
    ] = LintTarget.ontology,
) -> None:
    """Controleer de ontologie (*-violation.rq) of de teksten voor burgers (B1). Exitcode 1 bij problemen."""
    try:
        loaded = load_sources(_settings())
    except LoadError as error:
        _fail_load(error)
        return
    if target is LintTarget.content:
        report = content_report(loaded.union())
        typer.echo(report.as_text())
        if report.failing:
            raise typer.Exit(1)
        return
    result = run_lint(loaded.union())
    typer.echo(result.as_text())
    if result.violations:
        raise typer.Exit(1)


@app.command("reason")
def reason_command(
    out: Annotated[Path | None, typer.Option("--out", help="Schrijf de afgeleide triples als Turtle.")] = None,
) -> None:
    """Controleer met HermiT of ontologie en catalogus consistent zijn; toon wat is afgeleid."""
    try:
        loaded = load_sources(_settings())
    except LoadError as error:
        _fail_load(error)
        return
    result = reason(loaded.union(["ontology"]), loaded.union())
    if not result.consistent:
        typer.echo("Inconsistent: de ontologie en de gegevens spreken elkaar tegen.")
        for cause in result.causes or [result.message]:
            typer.echo(f"  {cause}")
        raise typer.Exit(1)
    typer.echo(f"Consistent. {len(result.inferred)} afgeleide triples (build zet ze in de graph .../graph/inferred).")
    if out is not None:
        result.inferred.serialize(out, format="turtle")
        typer.echo(f"Geschreven: {out}")


@app.command("query")
def query_command(
    query: Annotated[str, typer.Argument(help="Een SPARQL-query of een .rq-bestand.")],
    output: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.json,
) -> None:
    """Voer een SPARQL-query uit op de store (over alle named graphs)."""
    settings = _settings()
    try:
        data = run_query(backend.open_store(settings), query_text(query), output.value)
    except embedded.StoreMissing as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    except (SyntaxError, QueryFormatError) as error:
        typer.echo(f"Query niet uitgevoerd: {error}", err=True)
        raise typer.Exit(2) from error
    sys.stdout.buffer.write(data)
    if not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")


@app.command("import-upl")
def import_upl_command(path: Annotated[Path, typer.Argument(help="UPL-actueel.csv")]) -> None:
    """Importeer de Uniforme Productnamenlijst als SKOS-begrippenstelsel in de store."""
    settings = _settings()
    try:
        imported = read_upl(path)
    except (OSError, UplFormatError) as error:
        typer.echo(f"Import mislukt: {error}", err=True)
        raise typer.Exit(2) from error
    try:
        backend.replace_graph(settings, UPL_GRAPH, imported.graph)
    except embedded.StoreMissing as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    typer.echo(
        f"UPL geïmporteerd: {imported.products} producten uit {imported.rows} rijen, "
        f"{len(imported.graph)} triples in {UPL_GRAPH}."
    )


@app.command("stats")
def stats_command(as_json_flag: Annotated[bool, typer.Option("--json", help="Als JSON.")] = False) -> None:
    """Tel producten, processen, stappen, vragen, voorzieningen, gemeenten, aanbod en triples."""
    settings = _settings()
    try:
        counts = stats(backend.open_store(settings))
    except embedded.StoreMissing as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    typer.echo(json.dumps(counts, indent=2) if as_json_flag else stats_text(counts))


@app.command("export")
def export_command(
    output: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.turtle,
    out: Annotated[Path | None, typer.Option("--out", help="Bestand; standaard naar stdout.")] = None,
) -> None:
    """Exporteer de catalogus als CPSV-AP 3.2.0 (aanbod aangevuld met wat het van de standaard erft)."""
    settings = _settings()
    try:
        loaded = load_sources(settings)
    except LoadError as error:
        _fail_load(error)
        return
    view = cpsv_ap_view(
        loaded.union(["vocabulary", "catalog", "example"]), loaded.union(["ontology"]), load_upl(settings)
    )
    data = view.serialize(format=output.value, encoding="utf-8")
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
        typer.echo(f"Geschreven: {out} ({len(view)} triples)")


generate_app = typer.Typer(help="Genereer websites, chatbot-exports en datasets uit de graaf.", no_args_is_help=True)
app.add_typer(generate_app, name="generate")


class Language(StrEnum):
    nl = "nl"
    en = "en"


@generate_app.command("site")
def generate_site_command(
    out: Annotated[Path | None, typer.Option("--out", help="Map voor de site (standaard var/site).")] = None,
    municipality: Annotated[
        list[str] | None, typer.Option("--municipality", help="Gemeente (naam, id of OWMS-URI); herhaalbaar.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang")] = Language.nl,
    informal: Annotated[
        bool, typer.Option("--informal", help="Gebruik de je-vorm waar de catalogus die heeft.")
    ] = False,
) -> None:
    """Genereer per gemeente een statische site met productpagina's, FAQ's en een content.json."""
    from generators.site.build import SiteError, generate_site

    settings = _settings()
    target = (out or settings.site).absolute()
    try:
        store = backend.open_store(settings)
        with typer.progressbar(length=1, label="Pagina's") as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            stats_ = generate_site(
                store,
                target,
                settings.root,
                municipality,
                lang.value,
                informal,
                settings.base_iri,
                settings.base_url,
                progress,
            )
    except (embedded.StoreMissing, SiteError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    typer.echo(
        f"Site in {target}: {len(stats_.written)} bestanden geschreven, {stats_.unchanged} ongewijzigd, "
        f"{len(stats_.removed)} verwijderd."
    )


class ChatFormat(StrEnum):
    rasa = "rasa"
    json = "json"


@generate_app.command("chatbot")
def generate_chatbot_command(
    out: Annotated[Path, typer.Option("--out", help="Map voor de export.")],
    output_format: Annotated[ChatFormat, typer.Option("--format")] = ChatFormat.json,
) -> None:
    """Exporteer intents met voorbeeldvragen en antwoorden per gemeente, voor Rasa of als JSON."""
    from generators.chatbot.export import export

    engine = _engine(_settings())
    files = export(engine, out, output_format.value, engine.index.municipalities)
    typer.echo(f"{len(files)} bestanden geschreven in {out}.")


@generate_app.command("national")
def generate_national_command(
    seed: Annotated[int, typer.Option("--seed", help="Dezelfde seed geeft precies dezelfde bestanden.")],
    out: Annotated[Path | None, typer.Option("--out", help="Map voor de bestanden (standaard var/national).")] = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Alleen deze gemeente (naam, id of OWMS-URI); herhaalbaar.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Hooguit zoveel gemeenten (op id).")] = None,
) -> None:
    """Genereer synthetisch aanbod (niet echt) voor elke huidige gemeente: één Turtle-bestand per gemeente."""
    import time

    from generators.national import SelectionError, count_triples, generate_national

    started = time.perf_counter()
    try:
        result = generate_national(_settings(), seed, out, only or (), limit)
    except LoadError as error:
        _fail_load(error)
        return
    except (SelectionError, OSError) as error:
        typer.echo(f"Niets gegenereerd: {error}", err=True)
        raise typer.Exit(2) from error
    seconds = time.perf_counter() - started
    typer.echo(
        f"Synthetische gegevens in {result.out}: {len(result.written)} gemeenten, {result.products} producten, "
        f"{result.offerings} gemeentelijk aanbod, {result.costs} kostenposten, {count_triples(result.written)} "
        f"triples, in {seconds:.1f} s. "
        f"Oude bestanden verwijderd: {len(result.removed)}."
    )
    if result.in_catalog:
        typer.echo(f"Staat al in de catalogus en is niet gegenereerd: {', '.join(result.in_catalog)}.")


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="De vraag, zoals een inwoner die typt.")],
    municipality: Annotated[str | None, typer.Option("--municipality", help="Gemeente: naam, id of OWMS-URI.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Het hele antwoord als JSON.")] = False,
) -> None:
    """Stel een vraag aan de chatbot (hetzelfde antwoord als POST /api/chat)."""
    engine = _engine(_settings())
    answer = engine.ask(question, municipality)
    if municipality and engine.municipality(municipality) is None:
        typer.echo(f"Gemeente '{municipality}' staat niet in de registry; het antwoord is landelijk.", err=True)
    if as_json:
        typer.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(f"[{answer.action}, zekerheid {answer.confidence:.2f}]\n{answer.text}")


def _engine(settings: Settings) -> ChatEngine:
    """The answer engine from the built index, or built from the store when the index is missing."""
    from generators.chatbot.engine import ChatEngine
    from generators.chatbot.index import load_or_build

    try:
        store = backend.open_store(settings)
    except embedded.StoreMissing as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    index = load_or_build(settings.chat_index, store, backend.version(settings, store))
    return ChatEngine(index, settings.base_url)


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Adres (standaard 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Poort (standaard 8000).")] = None,
) -> None:
    """Start de HTTP-server: SPARQL-endpoint, linked data en content-API over de store."""
    import uvicorn

    from api.main import create_app, log_to_console

    settings = _settings()
    settings.host = host or settings.host
    settings.port = port or settings.port
    if not backend.exists(settings):
        typer.echo(f"Er is nog geen store op {settings.store_label}. Draai eerst `dienstengraaf build`.", err=True)
        raise typer.Exit(2)
    typer.echo(
        f"Dienstengraaf draait op {settings.base_url} "
        f"(SPARQL: {settings.base_url}/sparql, API: {settings.base_url}/docs)"
    )
    log_to_console()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


def main() -> None:
    """Entry point of the `dienstengraaf` console script."""
    app()


__all__ = ["app", "main"]
