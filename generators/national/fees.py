"""Local amounts for the national costs of a product: at or below a national maximum, in a plausible
range where the municipality decides, and nothing where the standard already says it all (a fixed
national fee, free, or no amount at all)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from generators.national.model import SyntheticCost
from registry.model import Product

TARIEFSOORT = "https://dienstengraaf.nl/id/tariefsoort/"
MAXIMUM = TARIEFSOORT + "landelijk-maximum"
MUNICIPAL = TARIEFSOORT + "gemeentelijk"
SYNTHETIC = "(synthetisch voorbeeldbedrag)"


@dataclass(frozen=True)
class FeeRange:
    """Where a municipality decides: amounts from `low` to `high` euro in steps of `step` euro, free in
    a share of the municipalities; the description names what is paid ({gemeente} is filled in)."""

    description: str
    low: float = 0.0
    high: float = 0.0
    step: float = 0.05
    free_share: float = 0.0


# Keyed by the dct:identifier of the national cost. A cost that is not listed gets DEFAULT_RANGE and a
# description from the product title, so new products in the catalog are covered without a change here.
FEE_RANGES: dict[str, FeeRange] = {
    # At or below a national maximum: only the description is used.
    "paspoort-18-plus": FeeRange("Paspoort voor iemand van 18 jaar of ouder in {gemeente}"),
    "paspoort-jonger-dan-18": FeeRange("Paspoort voor iemand jonger dan 18 jaar in {gemeente}"),
    "identiteitskaart-18-plus": FeeRange("Identiteitskaart voor iemand van 18 jaar of ouder in {gemeente}"),
    "identiteitskaart-jonger-dan-18": FeeRange("Identiteitskaart voor iemand jonger dan 18 jaar in {gemeente}"),
    "huishoudelijke-hulp-eigen-bijdrage": FeeRange(
        "Eigen bijdrage voor huishoudelijke hulp in {gemeente}, per maand per huishouden"
    ),
    "pgb-wmo-eigen-bijdrage": FeeRange(
        "Eigen bijdrage voor Wmo-hulp met een pgb in {gemeente}, per maand per huishouden"
    ),
    "rolstoel-scootmobiel-scootmobiel": FeeRange(
        "Eigen bijdrage voor een scootmobiel in {gemeente}, per maand per huishouden"
    ),
    # Set by the municipality.
    "rijbewijs": FeeRange("Rijbewijs aanvragen of verlengen in {gemeente}", 38, 56),
    "rijbewijs-spoed": FeeRange("Spoedaanvraag van een rijbewijs in {gemeente}, bovenop de gewone kosten", 30, 45),
    "brp-uittreksel": FeeRange("Uittreksel uit de BRP in {gemeente}", 12.5, 19.5),
    "legalisatie-handtekening": FeeRange("Legalisatie van een handtekening in {gemeente}, per handtekening", 12, 22),
    "afvalstoffenheffing-tarief": FeeRange("Afvalstoffenheffing per huishouden per jaar in {gemeente}", 220, 480, 1),
    "rioolheffing-tarief": FeeRange("Rioolheffing per woning per jaar in {gemeente}", 120, 320, 1),
    "ozb-tarief": FeeRange(
        "Onroerendezaakbelasting voor een eigen woning met een WOZ-waarde van 300.000 euro, per jaar in {gemeente}",
        190,
        420,
        1,
    ),
    "hondenbelasting-tarief": FeeRange("Hondenbelasting voor de eerste hond, per jaar in {gemeente}", 55, 140, 0.1),
    "toeristenbelasting-tarief": FeeRange("Toeristenbelasting per persoon per nacht in {gemeente}", 1, 4.5),
    "parkeervergunning-tarief": FeeRange("Parkeervergunning voor bewoners in {gemeente}, per jaar", 40, 400, 1),
    "afvalpas-tarief": FeeRange("Nieuwe afvalpas in {gemeente} als de oude kwijt of kapot is", 5, 20, 0.5, 0.4),
    "afvalcontainer-tarief": FeeRange("Een extra of vervangende container in {gemeente}", 25, 75, 0.5, 0.2),
    "grofvuil-tarief": FeeRange("Grofvuil laten ophalen in {gemeente}, per keer", 10, 45, 0.5, 0.25),
    "evenementenvergunning-leges": FeeRange(
        "Leges voor een evenementenvergunning voor een klein evenement in {gemeente}", 50, 350, 0.5
    ),
    "gehandicaptenparkeerkaart-leges": FeeRange("Gehandicaptenparkeerkaart in {gemeente}, met medisch advies", 35, 160),
    "gehandicaptenparkeerkaart-bestuurder-leges": FeeRange(
        "Gehandicaptenparkeerkaart voor bestuurders in {gemeente}, met medisch advies", 35, 160
    ),
    "gehandicaptenparkeerplaats-kosten": FeeRange(
        "Aanleg van een gehandicaptenparkeerplaats met bord in {gemeente}", 50, 400, 5, 0.5
    ),
    "huwelijksaangifte-gemeente": FeeRange("Trouwen in het gemeentehuis van {gemeente} op een werkdag", 250, 700, 5),
    "geregistreerd-partnerschapaangifte-gemeente": FeeRange(
        "Partnerschap registreren in het gemeentehuis van {gemeente} op een werkdag", 250, 700, 5
    ),
    "trouwlocatie-gemeente": FeeRange(
        "Trouwen op een eigen locatie in {gemeente}, zonder de huur van de locatie", 350, 1000, 5
    ),
    "huisvestingsvergunning-leges": FeeRange("Leges voor een huisvestingsvergunning in {gemeente}", 25, 120, 0.5, 0.5),
    "kapvergunning-leges": FeeRange("Leges voor een kapvergunning in {gemeente}, per aanvraag", 40, 180, 0.5),
    "leerlingenvervoer-eigen-bijdrage": FeeRange(
        "Eigen bijdrage voor leerlingenvervoer in {gemeente}, per schooljaar", 50, 600, 5, 0.5
    ),
    "mantelzorgondersteuning-respijtzorg": FeeRange(
        "Eigen bijdrage voor logeeropvang als respijtzorg in {gemeente}, per dagdeel", 2.5, 15, 0.5, 0.3
    ),
    "omgevingsvergunning-leges": FeeRange(
        "Leges voor een omgevingsvergunning voor bouwen met bouwkosten tot 10.000 euro in {gemeente}", 150, 600, 5
    ),
    "standplaatsvergunning-leges": FeeRange(
        "Leges voor een standplaatsvergunning in {gemeente}, per jaar", 40, 200, 0.5
    ),
    "verlof-tot-begraven-uitstel": FeeRange(
        "Toestemming om een uitvaart uit te stellen in {gemeente}", 20, 80, 0.5, 0.5
    ),
}
DEFAULT_RANGE = FeeRange("{product} in {gemeente}", 10, 100)
AT_MAXIMUM_SHARE = 0.55


def local_costs(
    rng: random.Random, product: Product, municipality_id: str, name: str, reference: date
) -> tuple[SyntheticCost, ...]:
    """One local amount per national cost the municipality has a say in, in the order of the catalog."""
    result = []
    for cost in product.costs:
        fee_type = cost.fee_type.iri if cost.fee_type else ""
        if fee_type == MAXIMUM and cost.amount is not None:
            cents = _below_maximum(rng, round(cost.amount * 100))
            valid_from, valid_until = cost.valid_from or f"{reference.year}-01-01", cost.valid_until
        elif fee_type == MUNICIPAL:
            cents = _in_range(rng, FEE_RANGES.get(cost.id, DEFAULT_RANGE))
            valid_from, valid_until = f"{reference.year}-01-01", None
        else:
            continue
        fee = FEE_RANGES.get(cost.id, DEFAULT_RANGE)
        what = fee.description.format(gemeente=name, product=product.title.get())
        result.append(
            SyntheticCost(
                id=f"{municipality_id}-{cost.id}",
                overrides=cost.iri,
                description=f"{what}{': gratis' if cents == 0 else ''} {SYNTHETIC}.",
                cents=cents,
                fee_type=fee_type,
                valid_from=valid_from,
                valid_until=valid_until,
                channel_type=cost.channel_type.iri if cost.channel_type else None,
            )
        )
    return tuple(result)


def _below_maximum(rng: random.Random, maximum: int) -> int:
    """Most municipalities ask the maximum; the others up to 10 % less (never more)."""
    if rng.random() < AT_MAXIMUM_SHARE:
        return maximum
    return maximum - rng.randint(1, max(1, maximum // 10))


def _in_range(rng: random.Random, fee: FeeRange) -> int:
    if fee.free_share and rng.random() < fee.free_share:
        return 0
    low, high, step = round(fee.low * 100), round(fee.high * 100), max(1, round(fee.step * 100))
    return low + step * rng.randint(0, (high - low) // step)
