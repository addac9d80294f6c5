"""Full versus incremental validation time for single edits, printed (not a test).

    .venv/bin/python scripts/measure_validation.py [DIR ...] [--check] [--workers N]

Loads the registry plus the Turtle files in DIR (for example var/national, the generated national
catalog), validates everything once (`registry.incremental.start`), then applies single edits one
after another and times `validate_change` for each. The full time is measured with
`registry.validation.validate`, exactly as `dienstengraaf validate` runs it. With --check every edit
is also compared with a full validation (slow at national size).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from registry.build import load_upl
from registry.incremental import ValidationState, start, validate_change
from registry.namespaces import CV, DCT, DG, ID
from registry.partitioned import validation_findings
from registry.settings import Settings
from registry.sources import load_sources
from registry.validation import Finding, validate

Triple = tuple[Node, Node, Node]
Edit = Callable[[Graph, random.Random], tuple[set[Triple], set[Triple]]]


def offering(data: Graph, rng: random.Random) -> URIRef:
    offerings = sorted(o for o in data.subjects(RDF.type, DG.MunicipalOffering) if isinstance(o, URIRef))
    return rng.choice(offerings)


def change_fee(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    costs = [c for o in [offering(data, rng) for _ in range(20)] for c in data.objects(o, CV.hasCost)]
    cost = rng.choice(sorted(costs))
    return {(cost, CV.hasValue, Literal(12.5))}, set(data.triples((cost, CV.hasValue, None)))


def foreign_channel(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    a, b = offering(data, rng), offering(data, rng)
    old = sorted(data.triples((a, CV.hasChannel, None)))[0]
    return {(a, CV.hasChannel, next(data.objects(b, CV.hasChannel)))}, {old}


def wrong_language(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    return {(offering(data, rng), DG.localCondition, Literal("Nur mit Termin.", lang="de"))}, set()


def add_offering(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    original = offering(data, rng)
    copy = URIRef(f"{ID}aanbod/meting-{rng.randrange(10**6)}")
    return {(copy, p, o) for _, p, o in data.triples((original, None, None))}, set()


def delete_offering(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    node = offering(data, rng)
    return set(), set(data.triples((node, None, None))) | set(data.triples((None, None, node)))


def national_fee(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    fee = URIRef(f"{ID}kosten/paspoort-18-plus")
    return {(fee, CV.hasValue, Literal(80.0))}, set(data.triples((fee, CV.hasValue, None)))


def national_title(data: Graph, rng: random.Random) -> tuple[set[Triple], set[Triple]]:
    product = URIRef(f"{ID}product/paspoort")
    return {(product, DCT.title, Literal("Reisdocument", lang="de"))}, set()


EDITS: list[Edit] = [change_fee, foreign_channel, wrong_language, add_offering, delete_offering, national_fee]
EDITS.append(national_title)


def key(finding: Finding) -> tuple[object, ...]:
    return (finding.focus, finding.shape, finding.source_constraint, finding.constraint, finding.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="compare every edit with a full validation")
    parser.add_argument("--workers", type=int, default=2, help="also time validation split over this many processes")
    args = parser.parse_args()
    settings = Settings()
    began = time.perf_counter()
    loaded = load_sources(settings, args.dirs)
    upl = load_upl(settings)
    print(f"loaded {len(loaded.sources)} files in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    full = validate(loaded, upl, settings.root)
    full_time = time.perf_counter() - began
    print(f"full validation: {full_time:.1f} s, {len(full.findings)} findings")
    if args.workers > 1:
        began = time.perf_counter()
        split = validation_findings(loaded, upl, settings.root, workers=args.workers, min_nodes=0)
        same = Counter(key(finding) for _, finding in split) == Counter(map(key, full.findings))
        print(f"full validation in {args.workers} processes: {time.perf_counter() - began:.1f} s, equal: {same}")
    began = time.perf_counter()
    state: ValidationState = start(loaded, upl, settings.root)
    print(f"start (full validation kept as state): {time.perf_counter() - began:.1f} s, {len(state.data)} triples")
    rng = random.Random(42)
    times = []
    for edit in EDITS:
        added, removed = edit(state.data, rng)
        began = time.perf_counter()
        report = validate_change(state, added, removed)
        took = time.perf_counter() - began
        times.append(took)
        count = "all" if state.revalidated is None else len(state.revalidated)
        line = f"{edit.__name__:16} +{len(added):2} -{len(removed):2}: {took * 1000:7.1f} ms, {count} focus nodes"
        if args.check:
            same = Counter(map(key, report.findings)) == Counter(map(key, validate(loaded, upl).findings))
            line += f", equal to full: {same}"
        print(f"{line}, ratio {full_time / took:,.0f}x")
    median = sorted(times)[len(times) // 2]
    print(f"median incremental {median * 1000:.1f} ms; full / median incremental = {full_time / median:,.0f}x")


if __name__ == "__main__":
    main()
