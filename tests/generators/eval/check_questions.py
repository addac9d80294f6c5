"""Check questions.jsonl against the catalog and the labelling rules; print counts.

    python tests/generators/eval/check_questions.py

Exits with status 1 if a rule is broken. Near-copies of catalog wording (FAQ questions,
question variants, altLabels) are reported as warnings.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PRODUCTS_DIR = ROOT / "catalog" / "products"
SERVICES_FILE = ROOT / "catalog" / "national-services.ttl"
QUESTIONS = HERE / "questions.jsonl"

SERVICES = {
    "digid",
    "digid-machtigen",
    "eherkenning",
    "eidas",
    "mijnoverheid",
    "berichtenbox",
    "bsn",
    "brp",
    "rni",
    "bag",
    "woz",
    "handelsregister",
}
ACTIONS = {"answer", "clarify", "handover", "fallback"}
SPLITS = {"dev", "test"}
STYLES = {"informal", "typo", "indirect", "formal", "short", "english"}
KEYS = ["id", "question", "action", "product", "service", "alternatives", "split", "style"]


def catalog_phrases() -> set[str]:
    """Lower-cased FAQ questions, question variants and altLabels from the catalog."""
    phrases: set[str] = set()
    pattern = re.compile(r"(?:dg:question|dg:questionVariant|skos:altLabel)\s+(.*?);\s*$", re.M | re.S)
    for path in [*PRODUCTS_DIR.glob("*.ttl"), SERVICES_FILE]:
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            phrases.update(s.lower() for s in re.findall(r'"([^"]*)"@', match.group(1)))
    return phrases


def norm(text: str) -> str:
    return " ".join(re.findall(r"[\w&]+", text.lower()))


def main() -> int:
    errors: list[str] = []
    warnings: list[str] = []
    products = {p.stem for p in PRODUCTS_DIR.glob("*.ttl")}
    sensitive = {
        p.stem for p in PRODUCTS_DIR.glob("*.ttl") if re.search(r"dg:sensitive\s+true", p.read_text(encoding="utf-8"))
    }
    rows = []
    raw = QUESTIONS.read_bytes().decode("utf-8")  # fails loudly on non-UTF-8
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: invalid JSON ({exc})")

    ids = [r.get("id") for r in rows]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    expected = [f"q{n:04d}" for n in range(1, len(rows) + 1)]
    if ids != expected:
        errors.append("ids are not sequential q0001...")
    questions = Counter(norm(r.get("question", "")) for r in rows)
    for q, n in questions.items():
        if n > 1:
            errors.append(f"duplicate question: {q!r}")

    phrases = {norm(p) for p in catalog_phrases()}
    by_product: dict[str, list[dict]] = defaultdict(list)
    by_service: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        rid = r.get("id")
        if list(r) != KEYS:
            errors.append(f"{rid}: keys {list(r)}")
        if r["action"] not in ACTIONS:
            errors.append(f"{rid}: bad action {r['action']}")
        if r["split"] not in SPLITS:
            errors.append(f"{rid}: bad split {r['split']}")
        if r["style"] not in STYLES:
            errors.append(f"{rid}: bad style {r['style']}")
        p, s, alts = r["product"], r["service"], r["alternatives"]
        if p is not None and p not in products:
            errors.append(f"{rid}: unknown product {p}")
        if s is not None and s not in SERVICES:
            errors.append(f"{rid}: unknown service {s}")
        if not isinstance(alts, list) or any(a not in products for a in alts):
            errors.append(f"{rid}: bad alternatives {alts}")
        if p is not None and s is not None:
            errors.append(f"{rid}: both product and service set")
        if r["action"] == "clarify":
            if not alts or p is None or p in alts:
                errors.append(f"{rid}: clarify needs a product and other alternatives")
        elif alts:
            errors.append(f"{rid}: alternatives only allowed for clarify")
        if r["action"] == "fallback" and (p or s):
            errors.append(f"{rid}: fallback must have product and service null")
        if p in sensitive and r["action"] not in {"handover"}:
            errors.append(f"{rid}: product {p} is sensitive but action is {r['action']}")
        if p is not None and p not in sensitive and r["action"] == "handover":
            errors.append(f"{rid}: handover for non-sensitive product {p}")
        if r["action"] == "answer" and p is None and s is None:
            errors.append(f"{rid}: answer without product or service")
        if norm(r["question"]) in phrases:
            warnings.append(f"{rid}: copies catalog wording verbatim: {r['question']!r}")
        if p is not None:
            by_product[p].append(r)
        if s is not None:
            by_service[s].append(r)

    for p in sorted(products):
        items = by_product.get(p, [])
        if len(items) < 4:
            errors.append(f"product {p}: only {len(items)} questions")
        if {r["split"] for r in items} != SPLITS:
            errors.append(f"product {p}: not in both splits")
    for s in sorted(SERVICES):
        items = by_service.get(s, [])
        if len(items) < 3:
            errors.append(f"service {s}: only {len(items)} questions")
        if {r["split"] for r in items} != SPLITS:
            errors.append(f"service {s}: not in both splits")

    actions = Counter(r["action"] for r in rows)
    human = [r for r in rows if r["action"] == "handover" and r["product"] is None and r["service"] is None]
    if actions["fallback"] < 40:
        errors.append(f"only {actions['fallback']} fallback")
    if actions["clarify"] < 12:
        errors.append(f"only {actions['clarify']} clarify")
    if len(human) < 8:
        errors.append(f"only {len(human)} human-request handovers")
    in_scope = [r for r in rows if r["product"] or r["service"]]
    if len(in_scope) < 276:
        errors.append(f"only {len(in_scope)} in-scope questions")

    print(
        f"questions: {len(rows)}  (in scope: {len(in_scope)}, products: {len(by_product)}, services: {len(by_service)})"
    )
    print("per action:", dict(sorted(actions.items())))
    print("per split:", dict(sorted(Counter(r["split"] for r in rows).items())))
    table = Counter((r["action"], r["split"]) for r in rows)
    for a in sorted(ACTIONS):
        print(f"  {a:9s} dev={table[(a, 'dev')]:3d} test={table[(a, 'test')]:3d}")
    print(
        f"human-request handovers: {len(human)}; "
        f"sensitive-product handovers: {sum(1 for r in rows if r['product'] in sensitive)}"
    )
    print("per style:", dict(Counter(r["style"] for r in rows).most_common()))
    print("per style (in scope):", dict(Counter(r["style"] for r in in_scope).most_common()))
    print(
        "questions per product: min",
        min(len(v) for v in by_product.values()),
        "max",
        max(len(v) for v in by_product.values()),
    )
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
