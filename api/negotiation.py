"""Content negotiation: choosing a media type from an Accept header (with q-values and wildcards)."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """(media range, quality, position) for each entry of an Accept header."""
    entries = []
    for position, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        entries.append((media, quality, position))
    return entries


def _matches(media_range: str, offered: str) -> int:
    """How specifically a media range matches an offered type: 2 exact, 1 type/*, 0 */*, -1 not."""
    if media_range == offered:
        return 2
    kind, _, _ = offered.partition("/")
    if media_range == f"{kind}/*":
        return 1
    if media_range == "*/*":
        return 0
    return -1


def preferred(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered type the client likes best; the first offered type when there is no Accept header
    or only wildcards; None when nothing offered is acceptable."""
    entries = parse_accept(header)
    if not entries:
        return offered[0]
    best: tuple[float, int, int, int] | None = None
    choice: str | None = None
    for index, candidate in enumerate(offered):
        for media_range, quality, position in entries:
            specificity = _matches(media_range, candidate)
            if specificity < 0 or quality <= 0:
                continue
            score = (quality, specificity, -position, -index)
            if best is None or score > best:
                best, choice = score, candidate
    return choice


def accepts_html(header: str | None) -> bool:
    """True when a browser asks for HTML more than for anything else (explicitly, not via */*)."""
    entries = parse_accept(header)
    html = max((q for m, q, _ in entries if m in ("text/html", "application/xhtml+xml")), default=0.0)
    other = max((q for m, q, _ in entries if m not in ("text/html", "application/xhtml+xml", "*/*")), default=0.0)
    return html > 0 and html >= other
