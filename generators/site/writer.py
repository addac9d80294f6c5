"""Writing the generated site incrementally: a file is written only when its content changed
(SHA-256 per file, kept in a manifest); files of pages that no longer exist are removed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".dienstengraaf-site.json"


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class SiteWriter:
    """Collects pages and writes the changed ones; output is deterministic (same input, same bytes)."""

    def __init__(self, out: Path):
        self.out = out
        manifest = out / MANIFEST
        self.previous: dict[str, str] = json.loads(manifest.read_text()) if manifest.exists() else {}
        self.current: dict[str, str] = {}
        self.stats = WriteStats()

    def put(self, path: str, content: bytes) -> None:
        digest = hashlib.sha256(content).hexdigest()
        self.current[path] = digest
        target = self.out / path
        if self.previous.get(path) == digest and target.exists():
            self.stats.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.stats.written.append(path)

    def finish(self) -> WriteStats:
        for path in sorted(set(self.previous) - set(self.current)):
            (self.out / path).unlink(missing_ok=True)
            self.stats.removed.append(path)
        (self.out / MANIFEST).write_text(json.dumps(self.current, indent=1, sort_keys=True) + "\n")
        return self.stats
