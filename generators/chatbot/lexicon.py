"""Common Dutch words, from the Dutch word-frequency list that ships inside the pyspellchecker package
(MIT licence): the typo corrector leaves a common word alone ('ligt' is not a typo of 'light')."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

# Seen at least this often in the list: a real word, not a typo. The list has a long tail of
# misspellings, some seen hundreds of times ('wanner' 232, 'bezwaard' 253).
COMMON = 1000


@lru_cache(maxsize=1)
def common_dutch_words() -> frozenset[str]:
    """Words of at least four letters seen at least COMMON times."""
    source = resources.files("spellchecker") / "resources" / "nl.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(source.read_bytes()))
    return frozenset(word for word, count in counts.items() if count >= COMMON and len(word) >= 4 and word.isalpha())
