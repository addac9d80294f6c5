"""The OWMS value list of municipalities (Gemeente.xml): which are current on a date, and their ids."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class ListedMunicipality:
    """One value of the list: name, OWMS URI and the period it existed (None: open-ended)."""

    name: str
    owms: str
    start: date | None
    end: date | None

    def exists_on(self, day: date) -> bool:
        """True when the municipality existed on `day` (its endDate is the last day it existed)."""
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


def municipality_list(shared: Path) -> Path:
    """Where the shared OWMS list of municipalities lives."""
    return shared / "data" / "municipalities" / "Gemeente.xml"


def read_municipalities(path: Path) -> list[ListedMunicipality]:
    """Every value of the list, in file order; whitespace around the values is removed."""
    root = ET.parse(path).getroot()
    result = []
    for value in root.iter("value"):
        name = (value.findtext("prefLabel") or "").strip()
        owms = (value.findtext("resourceIdentifier") or "").strip()
        if not name or not owms:
            raise ValueError(f"{path}: een waarde zonder prefLabel of resourceIdentifier")
        start, end = _date(value.findtext("startDate")), _date(value.findtext("endDate"))
        result.append(ListedMunicipality(name, owms, start, end))
    return result


def current(municipalities: Iterable[ListedMunicipality], on: date) -> list[ListedMunicipality]:
    """The municipalities that exist on the given (pinned) date."""
    return [m for m in municipalities if m.exists_on(on)]


def slug(name: str) -> str:
    """An id from a name, like the examples: "'s-Hertogenbosch" -> "s-hertogenbosch",
    "Súdwest-Fryslân" -> "sudwest-fryslan", "Bergen (NH)" -> "bergen-nh"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    without_apostrophes = re.sub(r"['`\u2019]", "", ascii_name.lower())
    result = re.sub(r"[^a-z0-9]+", "-", without_apostrophes).strip("-")
    if not result:
        raise ValueError(f"Geen bruikbare id voor de naam {name!r}")
    return result


def assign_ids(municipalities: Iterable[ListedMunicipality], taken: Iterable[str] = ()) -> dict[str, str]:
    """A unique id per OWMS URI. Names that give the same id (or an id in `taken`) get -2, -3, ...
    in the order of their OWMS URI, so the result does not depend on the order of the input."""
    used = set(taken)
    ids: dict[str, str] = {}
    for municipality in sorted(municipalities, key=lambda m: (slug(m.name), m.owms)):
        base = candidate = slug(municipality.name)
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        ids[municipality.owms] = candidate
    return ids


def display_name(name: str) -> str:
    """The name as a place name in an address: 'Bergen (NH)' -> 'Bergen'."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text.strip()) if text and text.strip() else None
