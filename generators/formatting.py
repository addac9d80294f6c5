"""Dutch formatting for citizens: amounts in euro, ISO durations, dates and days of the week."""

from __future__ import annotations

import re
from datetime import date

DAYS = {
    "Monday": "maandag",
    "Tuesday": "dinsdag",
    "Wednesday": "woensdag",
    "Thursday": "donderdag",
    "Friday": "vrijdag",
    "Saturday": "zaterdag",
    "Sunday": "zondag",
}
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_UNITS = {"Y": ("jaar", "jaar"), "M": ("maand", "maanden"), "W": ("week", "weken"), "D": ("dag", "dagen")}
_EN_UNITS = {"Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"), "D": ("day", "days")}


def euro(amount: float | None, lang: str = "nl") -> str:
    """77.87 -> '€ 77,87' (Dutch) or '€77.87' (English); whole amounts without cents: '€ 15'."""
    if amount is None:
        return ""
    whole = abs(amount - round(amount)) < 0.005
    if lang == "en":
        return f"€{amount:,.0f}" if whole else f"€{amount:,.2f}"
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def duration(value: str | None, lang: str = "nl") -> str:
    """'P5D' -> '5 dagen', 'P42D' -> '6 weken' (whole weeks from two weeks on), 'P1Y' -> '1 jaar';
    unknown forms are returned as given."""
    if not value:
        return ""
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", value)
    if not match:
        return value
    years, months, weeks, days_ = (int(n) if n else 0 for n in match.groups())
    if days_ >= 14 and days_ % 7 == 0:
        weeks, days_ = weeks + days_ // 7, 0
    units = _EN_UNITS if lang == "en" else _UNITS
    parts = []
    for number, key in zip((years, months, weeks, days_), "YMWD", strict=True):
        if number:
            singular, plural = units[key]
            parts.append(f"{number} {singular if number == 1 else plural}")
    return " en ".join(parts) if lang != "en" else " and ".join(parts)


def date_nl(value: str | None) -> str:
    """'2026-11-28' -> '28 november 2026'."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def days(names: tuple[str, ...] | list[str]) -> str:
    """('Monday', 'Tuesday', 'Wednesday') -> 'maandag, dinsdag en woensdag'."""
    dutch = [DAYS.get(n, n) for n in names]
    if len(dutch) <= 1:
        return "".join(dutch)
    return ", ".join(dutch[:-1]) + " en " + dutch[-1]


def clock(value: str | None) -> str:
    """'09:00:00' -> '9.00'."""
    if not value:
        return ""
    hours, _, rest = value.partition(":")
    return f"{int(hours)}.{rest[:2]}"
