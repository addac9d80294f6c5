"""Benchmarks at catalog size and at national size, written to docs/benchmarks.md.

    .venv/bin/python benchmarks/national.py [--seed 42] [--skip-remote] [--out docs/benchmarks.md]

Every figure is reported with its baseline measured in the same run: the national build against the
catalog build, incremental against full validation, each store and engine against pyoxigraph on the
same query, site generation and answer latency at national size against catalog size. The national
dataset is synthetic (`dienstengraaf generate national`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import workloads, writes  # noqa: E402
from benchmarks.workloads import ratio  # noqa: E402
from registry.settings import Settings  # noqa: E402

QUERIES = sorted((ROOT / "benchmarks" / "queries").glob("*.rq"))


@dataclass
class Report:
    """Sections of the results document: a title, a table and notes."""

    sections: list[tuple[str, list[str], list[list[str]], str]] = field(default_factory=list)

    def add(self, title: str, header: list[str], rows: list[list[str]], note: str = "") -> None:
        self.sections.append((title, header, rows, note))
        print(f"\n## {title}")
        for row in rows:
            print("  " + " | ".join(row))

    def markdown(self, machine: list[str], started: str, seconds: float) -> str:
        lines = ["# Benchmarks", "", f"Run on {started} with `benchmarks/national.py` ({seconds / 60:.1f} min).", ""]
        lines += ["Machine:", "", *[f"- {item}" for item in machine], ""]
        for title, header, rows, note in self.sections:
            lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            lines += ["", note, ""] if note else [""]
        return "\n".join(lines)


def machine() -> list[str]:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import pyoxigraph
    import pyshacl
    import rdflib

    virtuoso = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, check=False)
    version = next((line for line in (virtuoso.stdout + virtuoso.stderr).splitlines() if "Version" in line), "?")
    return [
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB memory, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}, "
        f"pySHACL {pyshacl.__version__}, Virtuoso {version.strip()}",
    ]


def timed_build(settings: Settings, extra: list[Path]) -> tuple[float, float, str]:
    """A full `dienstengraaf build` in its own process: seconds, peak memory (GiB) of all its processes
    together (validation worker, reasoner, Java) and the line with its time per step."""
    command = [str(ROOT / ".venv" / "bin" / "dienstengraaf"), "build", *[f"--with={p}" for p in extra]]
    env = {
        **os.environ,
        "DIENSTENGRAAF_STORE_DIR": str(settings.store),
        "DIENSTENGRAAF_CHAT_INDEX_FILE": str(settings.chat_index),
    }
    begin = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]
    sampler = threading.Thread(target=_sample_memory, args=(process, peak), daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - begin
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"build failed:\n{output[-4000:]}")
    lines = [line for line in output.splitlines() if line.startswith("Tijd per stap")]
    return seconds, peak[0] / 2**30, lines[-1].strip() if lines else ""


def _sample_memory(process: subprocess.Popen[str], peak: list[int]) -> None:
    """The peak summed proportional set size (shared pages split) of the process tree. The resident
    size is read every 0.2 s (cheap); the PSS only at a new high of it, at most once a second:
    reading smaps walks every page table and would slow the build it measures."""
    highest, last = 0, 0.0
    while process.poll() is None:
        pids = _tree(process.pid)
        resident = sum(_rss(pid) for pid in pids)
        if resident >= highest and time.monotonic() - last >= 1.0:
            highest, last = resident, time.monotonic()
            peak[0] = max(peak[0], sum(_pss(pid) for pid in pids))
        time.sleep(0.2)


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the process ended meanwhile
                todo.extend(int(child) for child in task.read_text().split())
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def section_build(report: Report, catalog: Settings, national: Settings, national_dir: Path) -> None:
    cat_s, cat_gib, _ = timed_build(catalog, [])
    nat_s, nat_gib, line = timed_build(national, [national_dir])
    report.add(
        "Full build (validate, lint, reason, write the store, chatbot index)",
        ["size", "seconds", "peak memory (all processes, PSS)", "ratio to catalog"],
        [
            ["catalog (3 example municipalities)", f"{cat_s:.1f}", f"{cat_gib:.2f} GiB", "1.00x"],
            ["national (+ synthetic municipalities)", f"{nat_s:.1f}", f"{nat_gib:.2f} GiB", ratio(nat_s, cat_s)],
        ],
        "Target at national size: under 120 s and under 4 GiB. Memory is the proportional set size summed over "
        "the build's processes, read at each new high of their summed resident size (at most once a second). "
        f"National build: {line}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--skip-remote", action="store_true", help="do not start Oxigraph and Virtuoso")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    options = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    begin = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="dienstengraaf-bench-"))
    try:
        national_dir = work / "national"
        workloads.generate(options.seed, national_dir)
        catalog = Settings(store_dir=work / "catalog" / "store", chat_index_file=work / "catalog" / "index.pickle")
        national = Settings(
            store_dir=work / "national-store" / "store", chat_index_file=work / "national-store" / "index.pickle"
        )
        report = Report()
        section_build(report, catalog, national, national_dir)
        workloads.section_validation(report, national_dir)
        workloads.section_queries(report, national, QUERIES, work, remote=not options.skip_remote)
        workloads.section_site(report, catalog, national, work)
        workloads.section_chatbot(report, catalog, national)
        writes.section_writes(report, national)  # last: it changes the national store
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        text = report.markdown(machine(), started, time.perf_counter() - begin)
        text += f"\nPeak memory of the benchmark process itself: {peak:.2f} GiB.\n"
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(text, encoding="utf-8")
        print(f"\nwritten to {options.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
