"""Reading SPARQL text without executing it: finding keywords outside strings, IRIs and comments
(to refuse SERVICE and LOAD), and applying protocol-specified `using-graph-uri` datasets to updates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][\w\-]*(?::[\w\-.%]*)?|:[\w\-.%]*")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SAFE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*$")


class DatasetConflict(ValueError):
    """An update names its dataset (USING or WITH) and the request does too."""


class UnsafeIri(ValueError):
    """A request parameter that should be an IRI is not one."""


@dataclass(frozen=True)
class Token:
    """A piece of SPARQL text: a word (keyword, prefixed name, variable) or a punctuation mark, with
    its position and the brace depth it sits at. Strings, IRIs and comments are kinds of their own."""

    kind: str
    value: str
    start: int
    end: int
    depth: int


def tokens(text: str) -> Iterator[Token]:
    """Split SPARQL text into tokens, so that keywords inside strings, IRIs or comments are not seen."""
    i, depth, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            yield Token("comment", text[i:end], i, end, depth)
            i = end
        elif c in "\"'":
            end = _string_end(text, i)
            yield Token("string", text[i:end], i, end, depth)
            i = end
        elif c == "<" and (m := _IRI.match(text, i)):
            yield Token("iri", m.group(0), i, m.end(), depth)
            i = m.end()
        elif c in "?$" and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] == "_"):
            m = re.compile(r"[?$][\w]+").match(text, i)
            assert m is not None
            yield Token("variable", m.group(0), i, m.end(), depth)
            i = m.end()
        elif m := _WORD.match(text, i):
            yield Token("word", m.group(0), i, m.end(), depth)
            i = m.end()
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            yield Token("punct", c, i, i + 1, depth)
            i += 1


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    delimiter = quote * 3 if long else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            return i + len(delimiter)
        if not long and text[i] == "\n":
            return i  # unterminated; the parser will report it
        i += 1
    return len(text)


def decode_escapes(text: str) -> str:
    r"""Apply SPARQL's \uXXXX and \UXXXXXXXX escapes, which a parser may process before parsing."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def keywords_used(text: str, keywords: set[str]) -> list[str]:
    """The given keywords (upper case) that occur as words in the text, escapes applied first."""
    text = decode_escapes(text)
    lowered = text.lower()
    if not any(keyword.lower() in lowered for keyword in keywords):
        return []  # none of them occurs at all: no need to tokenise
    found = []
    for token in tokens(text):
        if token.kind == "word" and token.value.upper() in keywords:
            found.append(token.value.upper())
    return found


def check_iri(value: str) -> str:
    """Accept a request parameter as an IRI only if it cannot change the meaning of the text."""
    if not _SAFE_IRI.match(value):
        raise UnsafeIri(f"Geen geldige IRI: {value!r}")
    return value


def apply_using(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """Give each DELETE/INSERT ... WHERE operation the protocol-specified dataset (using-graph-uri and
    using-named-graph-uri), as USING and USING NAMED clauses. An update that names its own dataset
    (USING or WITH) conflicts with the protocol dataset and is refused."""
    if not default_graphs and not named_graphs:
        return update
    significant = [t for t in tokens(update) if t.kind != "comment"]
    if any(t.kind == "word" and t.value.upper() in ("USING", "WITH") for t in significant):
        raise DatasetConflict("De update noemt zelf een dataset (USING of WITH); geef dan geen using-graph-uri mee.")
    clause = " ".join(
        [f"USING <{check_iri(g)}>" for g in default_graphs] + [f"USING NAMED <{check_iri(g)}>" for g in named_graphs]
    )
    inserts: list[int] = []
    previous = ""
    for token in significant:
        # DELETE WHERE { ... } (the short form) takes no USING clause.
        if token.kind == "word" and token.depth == 0 and token.value.upper() == "WHERE" and previous != "DELETE":
            inserts.append(token.start)
        previous = token.value.upper()
    for position in reversed(inserts):
        update = f"{update[:position]}{clause} {update[position:]}"
    return update
