"""The command line, called in-process: exit codes, formats and what people see."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.cli import app
from registry.settings import Settings
from tests.conftest import ROOT, SHARED

runner = CliRunner()


@pytest.fixture
def env(checkout_copy: Settings) -> dict[str, str]:
    return {
        "DIENSTENGRAAF_ROOT": str(checkout_copy.root),
        "DIENSTENGRAAF_SHARED_DIR": str(checkout_copy.shared),
        "DIENSTENGRAAF_STORE_DIR": str(checkout_copy.store),
    }


@pytest.fixture
def fresh_built_env(env: dict[str, str]) -> dict[str, str]:
    """A store of its own, for tests that change it."""
    result = runner.invoke(app, ["build"], env=env)
    assert result.exit_code == 0, result.output
    return env


@pytest.fixture(scope="module")
def built_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One built checkout copy shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("cli-built")
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    env = {
        "DIENSTENGRAAF_ROOT": str(root),
        "DIENSTENGRAAF_SHARED_DIR": str(SHARED),
        "DIENSTENGRAAF_STORE_DIR": str(root / "var" / "store"),
    }
    result = runner.invoke(app, ["build"], env=env)
    assert result.exit_code == 0, result.output
    return env


def test_build_reports_valid_and_counts(built_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["stats", "--json"], env=built_env)
    counts = json.loads(result.output)
    for key in (
        "products",
        "standard_processes",
        "steps",
        "faqs",
        "national_services",
        "municipalities",
        "offerings",
        "triples",
    ):
        assert isinstance(counts[key], int)
    assert counts["national_services"] >= 12


def test_validate_names_file_and_product_in_dutch(env: dict[str, str], tmp_path: Path) -> None:
    original = Path(env["DIENSTENGRAAF_ROOT"]) / "catalog/products/paspoort.ttl"
    proposal = tmp_path / "paspoort.ttl"
    text = original.read_text(encoding="utf-8")
    proposal.write_text(
        re.sub(
            r"(stap:paspoort-2 a dg:ProcessStep ;.*?)dg:inPersonVerification true",
            r"\1dg:inPersonVerification false",
            text,
            count=1,
            flags=re.S,
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(proposal)], env=env)
    assert result.exit_code == 1
    assert "vervangt catalog/products/paspoort.ttl" in result.output
    assert "product:paspoort" in result.output
    assert "identiteitsdocument" in result.output
    assert "Niet geldig." in result.output


def test_validate_json_is_grouped_by_file_and_resource(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["validate", "--format", "json"], env=env)
    report = json.loads(result.output)
    assert report["conforms"] is True and result.exit_code == 0
    assert set(report["counts"]) == {"Violation", "Warning", "Info"}


def test_validate_refuses_a_missing_file(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["validate", "bestaat-niet.ttl"], env=env)
    assert result.exit_code == 2


def test_query_formats(built_env: dict[str, str]) -> None:
    select = "SELECT ?p WHERE { ?p a dg:Product } ORDER BY ?p LIMIT 3"
    as_json = json.loads(runner.invoke(app, ["query", select], env=built_env).output)
    assert len(as_json["results"]["bindings"]) == 3
    as_csv = runner.invoke(app, ["query", select, "--format", "csv"], env=built_env).output
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[0] == ["p"] and len(rows) == 4
    construct = "CONSTRUCT { product:paspoort dct:title ?t } WHERE { product:paspoort dct:title ?t }"
    turtle = runner.invoke(app, ["query", construct, "--format", "turtle"], env=built_env).output
    assert "Paspoort" in turtle


def test_query_with_a_syntax_error_explains(built_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["query", "SELEC ?x WHERE {}"], env=built_env)
    assert result.exit_code == 2


def test_query_wrong_format_for_the_query_kind(built_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["query", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv"], env=built_env)
    assert result.exit_code == 2


def test_stats_without_a_store_says_to_build_first(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["stats"], env=env)
    assert result.exit_code == 2


def test_lint_and_reason_pass_on_the_catalog(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["lint"], env=env).exit_code == 0
    reasoned = runner.invoke(app, ["reason"], env=env)
    assert reasoned.exit_code == 0 and "Consistent" in reasoned.output


def test_import_upl(fresh_built_env: dict[str, str]) -> None:
    upl = Path(fresh_built_env["DIENSTENGRAAF_SHARED_DIR"]) / "data/upl/UPL-actueel.csv"
    result = runner.invoke(app, ["import-upl", str(upl)], env=fresh_built_env)
    assert result.exit_code == 0, result.output
    assert "1214 producten" in result.output


def test_lint_content_reports_readability(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["lint", "content"], env=env)
    assert result.exit_code == 0, result.output
    assert "Flesch-Douma" in result.output


def test_generate_site(built_env: dict[str, str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", "site", "--out", str(tmp_path), "--municipality", "Zwolle"], env=built_env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "zwolle" / "producten" / "paspoort" / "index.html").exists()
    assert not (tmp_path / "utrecht").exists()
    unknown = runner.invoke(
        app, ["generate", "site", "--out", str(tmp_path), "--municipality", "Atlantis"], env=built_env
    )
    assert unknown.exit_code == 2


def test_ask_prints_the_answer_and_its_json(built_env: dict[str, str]) -> None:
    text = runner.invoke(app, ["ask", "hoe vraag ik een paspoort aan", "--municipality", "Utrecht"], env=built_env)
    assert text.exit_code == 0, text.output
    assert text.output.startswith("[answer, zekerheid")
    as_json = runner.invoke(app, ["ask", "paspoort aanvragen", "--municipality", "Utrecht", "--json"], env=built_env)
    answer = json.loads(as_json.output)
    assert answer["action"] == "answer"
    assert answer["product"]["upl"] == "http://standaarden.overheid.nl/owms/terms/paspoort"
    assert answer["municipality"]["id"] == "utrecht"


def test_ask_warns_about_an_unknown_municipality(built_env: dict[str, str]) -> None:
    result = runner.invoke(app, ["ask", "paspoort aanvragen", "--municipality", "Atlantis"], env=built_env)
    assert result.exit_code == 0
    assert "Atlantis" in result.stderr and "landelijk" in result.stderr


def test_ask_rebuilds_an_index_from_an_older_release(built_env: dict[str, str], tmp_path: Path) -> None:
    # Regression: an index file from an older format used to crash `ask` with a traceback.
    assert (Path(built_env["DIENSTENGRAAF_ROOT"]) / "var" / "chatbot" / "index.pickle").exists()
    index_file = tmp_path / "index.pickle"
    index_file.write_bytes(b"not an index")
    env = {**built_env, "DIENSTENGRAAF_CHAT_INDEX_FILE": str(index_file)}
    result = runner.invoke(app, ["ask", "paspoort aanvragen", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["product"]["id"] == "paspoort"


@pytest.mark.parametrize("output_format", ["rasa", "json"])
def test_generate_chatbot_export(built_env: dict[str, str], tmp_path: Path, output_format: str) -> None:
    result = runner.invoke(
        app, ["generate", "chatbot", "--format", output_format, "--out", str(tmp_path)], env=built_env
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert any("utrecht" in name for name in written) and any("zwolle" in name for name in written)
