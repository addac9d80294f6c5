"""A national-scale synthetic dataset: made-up channels and offerings for every current municipality."""

from generators.national.generate import (
    REFERENCE_DATE,
    NationalResult,
    SelectionError,
    count_triples,
    default_out,
    generate_national,
)

__all__ = [
    "REFERENCE_DATE",
    "NationalResult",
    "SelectionError",
    "count_triples",
    "default_out",
    "generate_national",
]
