"""How values from the graph are written for citizens."""

from __future__ import annotations

import pytest

from generators.formatting import duration
from generators.phrases import cost_sentence
from registry.model import Cost, Text


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        ("P5D", "5 dagen", "5 days"),
        ("P42D", "6 weken", "6 weeks"),
        ("P56D", "8 weken", "8 weeks"),
        ("P10D", "10 dagen", "10 days"),
        ("P7D", "7 dagen", "7 days"),
        ("P3M", "3 maanden", "3 months"),
        ("P1Y", "1 jaar", "1 year"),
        ("PT2H", "PT2H", "PT2H"),
    ],
)
def test_durations_in_words(value: str, dutch: str, english: str) -> None:
    # Regression: the catalog now writes six weeks as P42D (xsd:duration has no weeks); pages still say weeks.
    assert duration(value) == dutch and duration(value, "en") == english


def _cost(amount: float | None, description: str, valid_from: str | None = None) -> Cost:
    return Cost("urn:k", "k", Text(nl=description), amount, "EUR", None, valid_from, None, None, None)


def test_cost_sentences() -> None:
    assert cost_sentence(_cost(77.87, "Paspoort, 18 jaar en ouder.", "2023-01-01")) == (
        "Paspoort, 18 jaar en ouder: € 77,87 (2023)."
    )
    # Regression: a free cost read "Schuldhulpverlening is gratis: € 0." in chatbot answers.
    assert cost_sentence(_cost(0.0, "Schuldhulpverlening is gratis.")) == "Schuldhulpverlening is gratis."
    assert cost_sentence(_cost(None, "De gemeente bepaalt het bedrag.")) == "De gemeente bepaalt het bedrag."
