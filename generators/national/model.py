"""What the generator writes for one municipality, as plain dataclasses (rendered by turtle.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hours:
    """Opening hours on some days of the week (schema.org day names, times as HH:MM:SS)."""

    days: tuple[str, ...]
    opens: str
    closes: str
    description: str


@dataclass(frozen=True)
class Address:
    full: str
    street: str | None
    postcode: str
    town: str


@dataclass(frozen=True)
class SyntheticChannel:
    """A channel of the municipality; `type` is the local name of a kanaaltype concept."""

    id: str
    type: str
    title_nl: str
    title_en: str
    telephone: str | None = None
    email: str | None = None
    url: str | None = None
    address: Address | None = None
    hours: tuple[Hours, ...] = ()


@dataclass(frozen=True)
class SyntheticCost:
    """A local amount that overrides one cost of the national standard."""

    id: str
    overrides: str
    description: str
    cents: int
    fee_type: str
    valid_from: str
    valid_until: str | None
    channel_type: str | None

    @property
    def amount(self) -> str:
        """The amount as written in Turtle: euros with two decimals ('77.87')."""
        return f"{self.cents // 100}.{self.cents % 100:02d}"


@dataclass(frozen=True)
class Condition:
    formal: str
    informal: str


@dataclass(frozen=True)
class SyntheticOffering:
    id: str
    product: str
    web_page: str
    appointment_url: str | None
    form_url: str | None
    costs: tuple[SyntheticCost, ...]
    channels: tuple[str, ...]
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class SyntheticMunicipality:
    """A current municipality of the OWMS list with made-up channels and offerings."""

    id: str
    name: str
    owms: str
    homepage: str
    channels: tuple[SyntheticChannel, ...]
    offerings: tuple[SyntheticOffering, ...]
