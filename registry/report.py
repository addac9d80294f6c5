"""Formatting of validation reports as Dutch text and as JSON."""

from __future__ import annotations

import json

from registry.validation import ValidationReport

LABELS = {"Violation": "FOUT", "Warning": "WAARSCHUWING", "Info": "INFO"}


def summary(report: ValidationReport) -> str:
    """One line: how many violations, warnings and info results, in how many files."""
    files = len(report.by_file())
    return (
        f"{report.count('Violation')} fouten (violations), {report.count('Warning')} waarschuwingen, "
        f"{report.count('Info')} meldingen in {files} bestand(en)."
    )


def as_text(report: ValidationReport, show_info: bool = False) -> str:
    """Findings grouped by file and resource, each with its Dutch message and what was checked."""
    lines: list[str] = []
    for old, new in report.replaced.items():
        lines.append(f"Voorgestelde wijziging: {new} vervangt {old}.")
    for file, resources in report.by_file().items():
        shown = {r: [f for f in fs if show_info or f.severity != "Info"] for r, fs in resources.items()}
        shown = {r: fs for r, fs in shown.items() if fs}
        if not shown:
            continue
        lines.append("")
        lines.append(f"{file}")
        for resource, findings in shown.items():
            lines.append(f"  {resource}")
            for finding in findings:
                where = f" (bij {finding.focus})" if finding.focus != resource else ""
                lines.append(f"    {LABELS[finding.severity]}{where}: {finding.message}")
                detail = [f"controle {finding.source_constraint or finding.shape}"]
                if finding.path:
                    detail.append(f"eigenschap {finding.path}")
                if finding.value and finding.value != finding.focus:
                    detail.append(f"waarde {finding.value}")
                lines.append(f"      ({', '.join(detail)})")
    lines.append("")
    lines.append(("Geldig. " if report.conforms else "Niet geldig. ") + summary(report))
    return "\n".join(lines).lstrip("\n")


def as_json(report: ValidationReport) -> str:
    """The report as JSON: conformance, counts, and findings grouped by file and resource."""
    payload = {
        "conforms": report.conforms,
        "counts": {s: report.count(s) for s in ("Violation", "Warning", "Info")},
        "replaced": report.replaced,
        "files": [
            {
                "file": file,
                "resources": [
                    {"resource": resource, "findings": [f.as_dict() for f in findings]}
                    for resource, findings in resources.items()
                ],
            }
            for file, resources in report.by_file().items()
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
