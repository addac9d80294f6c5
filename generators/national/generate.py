"""A national-scale synthetic dataset: for every current municipality of the OWMS list one Turtle file
with channels and an offering for every catalog product. Same seed, same bytes; each municipality has
its own random generator, so its file does not depend on which other municipalities are generated."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from generators.national.catalog import CatalogFacts, read_catalog_facts
from generators.national.channels import make_channels, synthetic_url
from generators.national.model import SyntheticMunicipality
from generators.national.municipalities import (
    ListedMunicipality,
    assign_ids,
    current,
    display_name,
    municipality_list,
    read_municipalities,
)
from generators.national.offerings import make_offering, path_style
from generators.national.turtle import TurtleWriter, header_lines
from registry.model import Product
from registry.settings import Settings

# Pinned, not today's clock: which municipalities are current, and the dct:modified of every offering.
REFERENCE_DATE = date(2026, 11, 28)
FILE_PREFIX = "gemeente-"
MARKER = "# SYNTHETIC DATA - NOT REAL."


class SelectionError(ValueError):
    """A municipality asked for with --only is not in the list of current municipalities."""


@dataclass(frozen=True)
class Selected:
    municipality: ListedMunicipality
    id: str


@dataclass
class NationalResult:
    """What one run wrote: files, counts, and the municipalities left to the catalog's own files."""

    out: Path
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    in_catalog: list[str] = field(default_factory=list)
    products: int = 0
    offerings: int = 0
    costs: int = 0


def default_out(settings: Settings) -> Path:
    """var/national under the settings root."""
    return (settings.root / "var" / "national").absolute()


def generate_national(
    settings: Settings,
    seed: int,
    out: Path | None = None,
    only: Sequence[str] = (),
    limit: int | None = None,
    reference: date = REFERENCE_DATE,
) -> NationalResult:
    """Write one file per selected municipality into `out` (default var/national) and remove the
    generated files of municipalities this run does not include; other files are left alone."""
    facts = read_catalog_facts(settings)
    selected, in_catalog = select(settings, facts, only, limit, reference)
    target = (out or default_out(settings)).absolute()
    target.mkdir(parents=True, exist_ok=True)
    writer = TurtleWriter(settings.base_iri)
    result = NationalResult(target, in_catalog=in_catalog, products=len(facts.products))
    clashes = sorted({f"{FILE_PREFIX}{item.id}.ttl" for item in selected} & facts.file_names)
    if clashes:  # a namesake of a catalog file would replace it in a build (registry.sources)
        raise SelectionError(f"Zelfde naam als een bestand van de catalogus: {', '.join(clashes)}")
    for item in selected:
        municipality = synthesize(item.municipality, item.id, facts.products, seed, reference)
        path = target / f"{FILE_PREFIX}{item.id}.ttl"
        header = header_lines(item.municipality.name, item.municipality.owms, seed, reference, len(facts.products))
        path.write_text(writer.render(municipality, header, reference), encoding="utf-8")
        result.written.append(path)
        result.offerings += len(municipality.offerings)
        result.costs += sum(len(o.costs) for o in municipality.offerings)
    keep = set(result.written)
    for path in sorted(target.glob(f"{FILE_PREFIX}*.ttl")):
        if path not in keep and _is_generated(path):
            path.unlink()
            result.removed.append(path)
    return result


def select(
    settings: Settings, facts: CatalogFacts, only: Sequence[str], limit: int | None, reference: date
) -> tuple[list[Selected], list[str]]:
    """The current municipalities to generate, in id order, and the names of those left out because
    the catalog already describes them (same OWMS URI): the hand-written examples win."""
    listed = current(read_municipalities(municipality_list(settings.shared)), reference)
    existing = {m.owms for m in facts.existing if m.owms}
    ids = assign_ids(listed, taken={m.id for m in facts.existing})
    if only:
        wanted = {name.strip().casefold().removeprefix("gemeente ") for name in only}
        matched = [m for m in listed if wanted & {m.name.casefold(), ids[m.owms], m.owms.casefold()}]
        found = {key for m in matched for key in (m.name.casefold(), ids[m.owms], m.owms.casefold())}
        unknown = sorted(name for name in only if name.strip().casefold().removeprefix("gemeente ") not in found)
        if unknown:
            raise SelectionError("Onbekende of opgeheven gemeente: " + ", ".join(unknown))
        listed = matched
    in_catalog = sorted(m.name for m in listed if m.owms in existing)
    chosen = sorted((Selected(m, ids[m.owms]) for m in listed if m.owms not in existing), key=lambda s: s.id)
    return (chosen[:limit] if limit is not None else chosen), in_catalog


def synthesize(
    listed: ListedMunicipality, municipality_id: str, products: Sequence[Product], seed: int, reference: date
) -> SyntheticMunicipality:
    """The made-up municipality: its channels from one generator, each offering from its own."""
    rng = random.Random(f"{seed}:{municipality_id}")
    channels = make_channels(rng, municipality_id, listed.name, display_name(listed.name))
    style = path_style(rng)
    offerings = tuple(
        make_offering(
            random.Random(f"{seed}:{municipality_id}:{product.id}"),
            product,
            municipality_id,
            listed.name,
            channels,
            style,
            reference,
        )
        for product in products
    )
    return SyntheticMunicipality(
        municipality_id, listed.name, listed.owms, synthetic_url(municipality_id), channels, offerings
    )


def count_triples(paths: Sequence[Path]) -> int:
    """The number of triples in the given Turtle files (parsed with Oxigraph)."""
    return sum(sum(1 for _ in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)) for p in paths)


def _is_generated(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return handle.readline().startswith(MARKER)
