"""Common Dutch words, from the Dutch word-frequency list that ships inside the pyspellchecker package
(MIT licence): the typo corrector leaves a common word alone ('ligt' is not a typo of 'light'), and
the most common words that the registry does not use carry no meaning for the search."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

# Seen at least this often in the list: a real word, not a typo. The list has a long tail of
# misspellings with low counts ('uitreksel' is not in it, 'afsprak' 71 times, 'wanner' 232 times).
COMMON = 250
# Seen at least this often and not used by the registry: as good as a stop word ('ligt', 'klopt').
STOP = 10**12


@lru_cache(maxsize=1)
def dutch_word_counts() -> dict[str, int]:
    """Words of at least four letters seen at least COMMON times, with their counts."""
    source = resources.files("spellchecker") / "resources" / "nl.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(source.read_bytes()))
    return {word: count for word, count in counts.items() if count >= COMMON and len(word) >= 4 and word.isalpha()}
