"""The findings saved with the embedded store (registry.saved_validation): a build saves them, every
applied write saves them again, and the first write after a start continues from them, with the same
report as a full validation. Other content, other shapes or a damaged file mean a full validation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode

from registry import saved_validation, store_validation, writes
from registry import store as embedded
from registry.build import build
from registry.incremental import resume
from registry.settings import Settings
from registry.store_validation import validator_for
from registry.validation import validate
from registry.writes import forget_known_content, prepare_writes, sources_from_store, staged_write
from tests.conftest import ROOT, SHARED
from tests.registry.findings import counted

PASPOORT = "https://dienstengraaf.nl/id/product/paspoort"
# A legal basis as a blank node whose link is not an official one: a Warning on a blank node, owned by
# the product, which two files then define.
BLANK_LEGAL_BASIS = f"""
<{PASPOORT}> <http://data.europa.eu/m8g/hasLegalResource> [
    a <http://data.europa.eu/eli/ontology#LegalResource> ;
    <http://purl.org/dc/terms/title> "Testregeling paspoort"@nl ;
    <http://xmlns.com/foaf/0.1/page> <https://example.org/regeling>
] .
"""
NEW_TITLE = (
    f"DELETE {{ GRAPH ?g {{ <{PASPOORT}> <http://purl.org/dc/terms/title> ?t }} }} "
    f'INSERT {{ GRAPH ?g {{ <{PASPOORT}> <http://purl.org/dc/terms/title> "Paspoort aanvragen"@nl }} }} '
    f'WHERE {{ GRAPH ?g {{ <{PASPOORT}> <http://purl.org/dc/terms/title> ?t FILTER(lang(?t) = "nl") }} }}'
)
REMOVE_TITLES = f"DELETE WHERE {{ GRAPH ?g {{ <{PASPOORT}> <http://purl.org/dc/terms/title> ?t }} }}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    root = tmp_path_factory.mktemp("checkout")
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, root / name)
    with (root / "catalog" / "legal-resources.ttl").open("a", encoding="utf-8") as handle:
        handle.write(BLANK_LEGAL_BASIS)
    settings = Settings(root=root, shared_dir=SHARED, store_dir=root / "var" / "store")
    result = build(settings)
    assert result.built, result.checked.report.findings[:3]
    yield settings
    forget_known_content()


@pytest.fixture
def fresh_start(built: Settings) -> Iterator[Settings]:
    """As after a restart: this process has validated nothing yet and knows no store content."""
    forget_known_content()
    yield built
    forget_known_content()


def full(store: ox.Store, settings: Settings) -> object:
    loaded, upl = sources_from_store(store, settings)
    return counted(validate(loaded, upl).findings)


def forbid(monkeypatch: pytest.MonkeyPatch, name: str, why: str) -> None:
    """Make `registry.store_validation.<name>` fail the test when it is called."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(why)

    monkeypatch.setattr(store_validation, name, refuse)


def no_full_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    forbid(monkeypatch, "start", "validated everything instead of continuing from the saved findings")


def counting_dumps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the writes' dumps of a whole store (one entry per dump)."""
    dumped: list[int] = []
    real_dumps = writes.data_dumps

    def counting(store: ox.Store) -> dict[str, bytes]:
        dumped.append(1)
        return real_dumps(store)

    monkeypatch.setattr(writes, "data_dumps", counting)
    return dumped


def version(settings: Settings) -> str:
    return settings.store.resolve().name


def test_the_build_saves_the_findings_a_full_validation_of_its_store_gives(built: Settings) -> None:
    store = embedded.open_store(built.store)
    results = saved_validation.load(built, version(built))
    assert results is not None
    findings = [f for found in results.values() for f in found]
    assert {f.severity for f in findings} >= {"Info", "Warning"}
    assert any(isinstance(focus, BNode) for focus in results)  # the blank node kept its id in the store
    loaded, upl = sources_from_store(store, built)
    state = resume(loaded, upl, results)
    assert all((focus, None, None) in state.data for focus in state.results)
    assert counted(state.report().findings) == full(store, built)
    two_files = next(f for f in state.report().findings if f.resource == "product:paspoort")
    assert set(two_files.files) == {"catalog/products/paspoort.ttl", "catalog/legal-resources.ttl"}


def test_the_first_write_after_a_start_continues_from_the_saved_findings(
    fresh_start: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_full_validation(monkeypatch)
    outcome = staged_write(fresh_start, lambda store: store.update(NEW_TITLE))
    assert outcome.applied and outcome.report is not None
    store = embedded.open_store(fresh_start.store)
    assert counted(outcome.report.findings) == full(store, fresh_start)
    # The write saved what it checked: a next start continues from the new content.
    assert saved_validation.load(fresh_start, version(fresh_start)) is not None
    forget_known_content()
    rejected = staged_write(fresh_start, lambda store: store.update(REMOVE_TITLES))
    assert not rejected.applied and rejected.report is not None
    changed = ox.Store()
    changed.extend(store.quads_for_pattern(None, None, None, None))
    changed.update(REMOVE_TITLES)
    assert counted(rejected.report.findings) == full(changed, fresh_start)
    assert {f.focus for f in rejected.report.findings if f.severity == "Violation"} == {"product:paspoort"}


def test_findings_saved_for_another_version_other_shapes_or_software_are_not_used(
    fresh_start: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = version(fresh_start)
    assert saved_validation.load(fresh_start, current) is not None
    assert saved_validation.load(fresh_start, current + "-other") is None
    with monkeypatch.context() as patch:
        patch.setattr(saved_validation, "SOFTWARE", saved_validation.SOFTWARE + " (bijgewerkt)")
        assert saved_validation.load(fresh_start, current) is None
    shapes = fresh_start.shapes / "faq.shapes.ttl"
    original = shapes.read_bytes()
    try:
        shapes.write_bytes(original + b"\n# een opmerking\n")
        assert saved_validation.load(fresh_start, current) is None
    finally:
        shapes.write_bytes(original)
    assert saved_validation.load(fresh_start, current) is not None


def test_a_damaged_file_means_a_full_validation(fresh_start: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_validation.location(fresh_start)
    saved = path.read_bytes()
    path.write_bytes(saved[: len(saved) // 2])
    started: list[int] = []
    real_start = store_validation.start

    def counting_start(*args: Any, **kwargs: Any) -> Any:
        started.append(1)
        return real_start(*args, **kwargs)

    monkeypatch.setattr(store_validation, "start", counting_start)
    outcome = staged_write(fresh_start, lambda store: store.update(NEW_TITLE))
    assert outcome.applied and started == [1]
    assert outcome.report is not None
    assert counted(outcome.report.findings) == full(embedded.open_store(fresh_start.store), fresh_start)
    assert saved_validation.load(fresh_start, version(fresh_start)) is not None


def test_saving_where_it_cannot_be_written_is_logged_not_raised(tmp_path: Path, built: Settings) -> None:
    settings = Settings(root=built.root, shared_dir=SHARED, store_dir=tmp_path / "missing" / "store")
    saved_validation.save(settings, "01-build-1", {})  # the folder does not exist
    assert not saved_validation.location(settings).exists()
    assert not list(tmp_path.iterdir())


def test_a_write_reuses_only_the_dumps_of_the_version_this_process_published_last(
    fresh_start: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumped = counting_dumps(monkeypatch)
    retitle = NEW_TITLE.replace("Paspoort aanvragen", "Paspoort aanvragen bij de gemeente")
    assert staged_write(fresh_start, lambda store: store.update(retitle)).applied
    first = len(dumped)
    # This process published the current version: only the changed copy is dumped.
    assert staged_write(fresh_start, lambda store: store.update(NEW_TITLE)).applied
    assert len(dumped) == first + 1
    # Another process publishes a version: its content is not known here, so it is dumped again.
    other = embedded.Staging(fresh_start.store, "write", copy_current=True)
    assert other.store is not None
    other.store.update(retitle)
    other.publish()
    outcome = staged_write(fresh_start, lambda store: store.update(NEW_TITLE))
    assert outcome.applied and len(dumped) == first + 3


def test_prepared_before_the_first_write_it_is_validated_incrementally_at_once(
    fresh_start: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert prepare_writes(fresh_start)
    no_full_validation(monkeypatch)
    forbid(monkeypatch, "resume", "read the saved findings again at the write")
    dumped = counting_dumps(monkeypatch)
    longer = NEW_TITLE.replace("aanvragen", "aanvragen of verlengen")
    outcome = staged_write(fresh_start, lambda store: store.update(longer))
    assert outcome.applied and outcome.report is not None
    assert len(dumped) == 1  # only the changed copy: the current version was read at preparation
    assert counted(outcome.report.findings) == full(embedded.open_store(fresh_start.store), fresh_start)


def test_preparing_without_saved_findings_or_store_says_so(fresh_start: Settings, tmp_path: Path) -> None:
    path = saved_validation.location(fresh_start)
    aside = path.with_name(path.name + ".aside")
    path.rename(aside)
    try:
        assert not prepare_writes(fresh_start)
    finally:
        aside.rename(path)
    assert validator_for(fresh_start).state is None
    elsewhere = Settings(root=fresh_start.root, shared_dir=SHARED, store_dir=tmp_path / "var" / "store")
    assert not prepare_writes(elsewhere)


@pytest.fixture
def own_checkout(checkout_copy: Settings) -> Iterator[Settings]:
    """A built checkout of its own, for tests that build again (as another process would)."""
    settings = checkout_copy.model_copy(update={"reason": False})
    assert build(settings).built
    forget_known_content()
    yield settings
    forget_known_content()


RETITLE = NEW_TITLE.replace("Paspoort aanvragen", "Paspoort aanvragen bij de gemeente")


def test_after_a_build_with_other_shapes_by_another_process_a_write_continues_from_its_findings(
    own_checkout: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a server that had validated a write validated everything again after an information
    architect edited a shapes file and built (in another process), although the build saved its findings."""
    settings = own_checkout
    assert staged_write(settings, lambda store: store.update(NEW_TITLE)).applied  # this process has a state
    shapes = settings.root / "shapes" / "faq.shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# Bewerkt.\n", encoding="utf-8")
    assert build(settings).built  # as another process: it does not touch this process's validator
    no_full_validation(monkeypatch)
    outcome = staged_write(settings, lambda store: store.update(RETITLE))
    assert outcome.applied and outcome.report is not None
    assert counted(outcome.report.findings) == full(embedded.open_store(settings.store), settings)


def test_after_a_small_change_by_another_process_a_write_compares_instead_of_reading_findings(
    own_checkout: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process changed one title and saved findings with its version: that change is compared
    with what this process checked before; the saved findings are not read in."""
    settings = own_checkout
    assert staged_write(settings, lambda store: store.update(NEW_TITLE)).applied
    other = embedded.Staging(settings.store, "write", copy_current=True)  # as another process's write
    assert other.store is not None
    other.store.update(RETITLE)
    published = other.publish()
    state = validator_for(settings).state
    assert state is not None
    saved_validation.save(settings, published.name, state.results)
    no_full_validation(monkeypatch)
    forbid(monkeypatch, "resume", "read the saved findings although the change was small")
    outcome = staged_write(settings, lambda store: store.update(NEW_TITLE))
    assert outcome.applied and outcome.report is not None
    assert counted(outcome.report.findings) == full(embedded.open_store(settings.store), settings)
