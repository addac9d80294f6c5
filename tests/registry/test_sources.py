"""Loading files: one named graph per file, syntax errors with file and line, proposed changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.settings import Settings
from registry.sources import LoadError, graph_iri, load_sources


def test_every_file_gets_its_own_named_graph(checkout_copy: Settings) -> None:
    loaded = load_sources(checkout_copy)
    iris = [s.graph_iri for s in loaded.sources]
    assert len(iris) == len(set(iris))
    paspoort = next(s for s in loaded.sources if s.path.name == "paspoort.ttl")
    assert str(paspoort.graph_iri) == "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl"
    kinds = {s.kind for s in loaded.sources}
    assert {"ontology", "vocabulary", "catalog", "example", "shapes"} <= kinds


def test_graph_iris_do_not_depend_on_where_the_checkout_is(checkout_copy: Settings, root: Path) -> None:
    here = graph_iri(root / "catalog/products/paspoort.ttl", "catalog", Settings())
    there = graph_iri(checkout_copy.catalog / "products/paspoort.ttl", "catalog", checkout_copy)
    assert here == there


def test_syntax_error_names_file_and_line(checkout_copy: Settings) -> None:
    broken = checkout_copy.catalog / "products" / "paspoort.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[60] = lines[60] + ' "unterminated'
    broken.write_text("\n".join(lines), encoding="utf-8")
    (checkout_copy.catalog / "products" / "kapot.ttl").write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b .\n")
    with pytest.raises(LoadError) as caught:
        load_sources(checkout_copy)
    problems = {p.path.name: p for p in caught.value.problems}
    assert set(problems) == {"paspoort.ttl", "kapot.ttl"}  # all problems, not only the first
    assert problems["paspoort.ttl"].line == 61
    assert problems["kapot.ttl"].line == 2


def test_extra_file_with_a_catalog_name_replaces_that_file(checkout_copy: Settings, tmp_path: Path) -> None:
    proposal = tmp_path / "voorstel" / "paspoort.ttl"
    proposal.parent.mkdir()
    proposal.write_text((checkout_copy.catalog / "products/paspoort.ttl").read_text(encoding="utf-8"))
    loaded = load_sources(checkout_copy, [proposal])
    assert loaded.replaced == {checkout_copy.catalog / "products/paspoort.ttl": proposal}
    paspoort = [s for s in loaded.sources if s.path.name == "paspoort.ttl"]
    assert len(paspoort) == 1 and paspoort[0].path == proposal
    assert str(paspoort[0].graph_iri).endswith("/catalog/products/paspoort.ttl")


def test_extra_file_with_a_new_name_is_added(checkout_copy: Settings, tmp_path: Path) -> None:
    extra = tmp_path / "nieuw-product.ttl"
    extra.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n")
    loaded = load_sources(checkout_copy, [extra])
    assert loaded.replaced == {}
    assert any(s.path == extra and s.kind == "extra" for s in loaded.sources)


def test_examples_can_be_left_out(checkout_copy: Settings) -> None:
    checkout_copy.include_examples = False
    assert all(s.kind != "example" for s in load_sources(checkout_copy).sources)
