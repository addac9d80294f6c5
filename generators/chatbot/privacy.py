"""Masking personal data in questions before anything is logged: BSN-like numbers, phone numbers,
e-mail addresses, IBANs and postcodes with house numbers. The engine never asks for these."""

from __future__ import annotations

import re

PATTERNS = [
    ("e-mailadres", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}\s?(?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4}\b", re.IGNORECASE)),
    ("telefoonnummer", re.compile(r"(?<!\d)(?:\+31|0031|0)\s?(?:[1-9](?:[\s-]?\d){8})(?!\d)")),
    ("BSN", re.compile(r"(?<!\d)\d{3}[\s.]?\d{2}[\s.]?\d{2}[\s.]?\d{2}(?!\d)|(?<!\d)\d{8,9}(?!\d)")),
    ("postcode", re.compile(r"\b\d{4}\s?[A-Z]{2}\b(?:\s+\d+)?", re.IGNORECASE)),
]


def mask(text: str) -> tuple[str, list[str]]:
    """The text with personal data replaced by [BSN], [telefoonnummer], ...; and what was found."""
    found = []
    for name, pattern in PATTERNS:
        if pattern.search(text):
            found.append(name)
            text = pattern.sub(f"[{name}]", text)
    return text, found
