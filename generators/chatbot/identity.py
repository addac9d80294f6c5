"""The identity part of an answer: which means and level the first online step asks for (raised where
the municipality raises it) and whether someone must come in person."""

from __future__ import annotations

from typing import Any

from generators import phrases
from registry.merge import NATIONAL, MergedProduct
from registry.model import Step


def identity_facts(steps: tuple[Step, ...], merged: MergedProduct, lang: str) -> dict[str, Any] | None:
    """The identity requirement of the first online step (raised locally where the municipality does),
    and whether someone must come in person."""
    online = next(
        (
            s
            for s in steps
            if s.identity and any(not lv.means.endswith("identiteitsbewijs") for lv in s.identity.levels)
        ),
        None,
    )
    in_person = next((s for s in steps if s.in_person), None)
    if online is None and in_person is None:
        return None
    requirement = merged.local_identity or (online.identity if online else None)
    levels = [
        {"means": lv.means.rsplit("/", 1)[-1], "level": lv.id, "label": lv.label.get(lang)}
        for lv in (requirement.levels if requirement else ())
    ]
    return {
        "online": levels,
        "sentence": phrases.identity_sentence(requirement, lang) if requirement else "",
        "in_person": in_person is not None,
        "in_person_sentence": phrases.identity_sentence(in_person.identity, lang)
        if in_person and in_person.identity
        else "",
        "source": "gemeente" if merged.local_identity else NATIONAL,
    }
