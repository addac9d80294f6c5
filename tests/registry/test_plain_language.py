"""Plain-language (B1) measures: Flesch-Douma, sentence length and long words; the catalog meets
the thresholds; validation warns about a text that does not."""

from __future__ import annotations

from pathlib import Path

from registry.build import plain_language_findings
from registry.plain_language import MIN_READING_EASE, content_report, measure, sentences, syllables
from registry.settings import Settings
from registry.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
HARD = (
    "Indien aanvrager voornoemde beschikking ter zake van de onroerendezaakbelasting wenst aan te vechten, "
    "dient hij binnen de daartoe gestelde termijn een gemotiveerd bezwaarschrift in te dienen bij het "
    "daartoe aangewezen bestuursorgaan, onder overlegging van alle relevante bewijsstukken."
)


def test_dutch_syllables_count_vowel_groups() -> None:
    assert syllables("paspoort") == 2
    assert syllables("identiteitskaart") == 5
    assert syllables("ui") == 1 and syllables("gemeente") == 3


def test_sentences_keep_abbreviations_together() -> None:
    assert len(sentences("Neem bijv. uw paspoort mee. Dat is nodig.")) == 2


def test_simple_text_scores_high_and_hard_text_low() -> None:
    simple = measure("U vraagt een paspoort aan bij de gemeente. U komt zelf naar de balie. Neem een pasfoto mee.")
    assert simple.reading_ease > MIN_READING_EASE and simple.problems() == []
    hard = measure(HARD)
    assert hard.reading_ease < MIN_READING_EASE
    assert len(hard.problems()) >= 3 and hard.longest_sentence > 25


def test_the_catalog_meets_the_b1_thresholds() -> None:
    report = content_report(load_sources(Settings()).union())
    assert len(report.checks) > 600
    assert report.failing == [], "\n".join(
        f"{c.resource} @{c.language}: {c.measures.problems()}" for c in report.failing
    )


def test_validation_warns_about_a_hard_text(checkout_copy: Settings) -> None:
    path = checkout_copy.catalog / "products" / "ozb.ttl"
    graph_text = path.read_text(encoding="utf-8")
    start = graph_text.index('dct:description "') + len('dct:description "')
    end = graph_text.index('"@nl', start)
    path.write_text(graph_text[:start] + HARD + graph_text[end:], encoding="utf-8")
    findings = plain_language_findings(load_sources(checkout_copy), checkout_copy.root)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == "Warning" and finding.resource == "product:ozb"
    assert finding.files == ("catalog/products/ozb.ttl",) and "B1" in finding.message
