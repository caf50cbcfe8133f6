# SPDX-License-Identifier: EUPL-1.2
"""The baseline report: measures mapped to check outcomes, as text, HTML or JSON. Pure."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass

from lifegate.baseline.measures import Measure
from lifegate.baseline.outcome import Outcome, Status


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    outcome: Outcome
    seconds: float


@dataclass(frozen=True)
class Report:
    generated_at: str  # ISO 8601
    installation: str  # the public URL of the installation checked
    checks: tuple[CheckResult, ...]
    measures: tuple[Measure, ...]

    def status_of(self, measure: Measure) -> Status:
        """FAIL if any of its checks failed, MANUAL if it has none or one could not run."""
        outcomes = [self._outcomes[c].status for c in measure.checks if c in self._outcomes]
        if Status.FAIL in outcomes:
            return Status.FAIL
        if not outcomes or Status.MANUAL in outcomes:
            return Status.MANUAL
        return Status.PASS

    @property
    def _outcomes(self) -> Mapping[str, Outcome]:
        return {result.id: result.outcome for result in self.checks}

    def counts(self) -> dict[str, int]:
        return {s.value: sum(r.outcome.status is s for r in self.checks) for s in Status}

    @property
    def passed(self) -> bool:
        return all(result.outcome.status is not Status.FAIL for result in self.checks)

    def summary(self) -> str:
        counts = self.counts()
        manual = sum(1 for m in self.measures if m.manual or self.status_of(m) is Status.MANUAL)
        verdict = "PASSED" if self.passed else "FAILED"
        return (
            f"baseline {verdict}: {counts['pass']} checks passed, {counts['fail']} failed, "
            f"{counts['manual']} need a manual check; {len(self.measures)} measures mapped, "
            f"{manual} with a manual part"
        )


def as_json(report: Report) -> str:
    body = {
        "generatedAt": report.generated_at,
        "installation": report.installation,
        "passed": report.passed,
        "summary": report.summary(),
        "checks": [
            {
                "id": r.id,
                "title": r.title,
                "status": r.outcome.status.value,
                "evidence": list(r.outcome.evidence),
                "seconds": round(r.seconds, 2),
            }
            for r in report.checks
        ],
        "measures": [
            {
                "framework": m.framework,
                "ref": m.ref,
                "level": m.level or None,
                "title": m.title,
                "checks": list(m.checks),
                "status": report.status_of(m).value,
                "manual": m.manual or None,
            }
            for m in report.measures
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def _measure_line(report: Report, measure: Measure) -> str:
    level = f" {measure.level}" if measure.level else ""
    checks = ", ".join(measure.checks) or "-"
    line = f"  [{report.status_of(measure).value:6}] {measure.framework} {measure.ref}{level} "
    line += f"{measure.title}  <- {checks}"
    return line + (f"\n           manual: {measure.manual}" if measure.manual else "")


def as_text(report: Report) -> str:
    lines = [f"lifegate security baseline of {report.installation} at {report.generated_at}", ""]
    lines.append("Checks")
    for result in report.checks:
        lines.append(f"  [{result.outcome.status.value:6}] {result.id}: {result.title}")
        lines.extend(f"           {fact}" for fact in result.outcome.evidence)
    for framework in ("BIO", "ASVS"):
        lines += ["", f"{framework} measures"]
        chosen = [m for m in report.measures if m.framework == framework]
        lines.extend(_measure_line(report, m) for m in chosen)
    return "\n".join([*lines, "", report.summary(), ""])


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"


def as_html(report: Report) -> str:
    esc = html.escape
    check_rows = [
        _row(
            [
                esc(r.id),
                esc(r.title),
                esc(r.outcome.status.value),
                "<br>".join(esc(e) for e in r.outcome.evidence),
            ]
        )
        for r in report.checks
    ]
    measure_rows = [
        _row(
            [
                esc(f"{m.framework} {m.ref} {m.level}".strip()),
                esc(m.title),
                esc(", ".join(m.checks) or "-"),
                esc(report.status_of(m).value),
                esc(m.manual),
            ]
        )
        for m in report.measures
    ]
    head = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    head += f"<title>Security baseline: {esc(report.installation)}</title></head><body>"
    return "".join(
        [
            head,
            f"<h1>Security baseline of {esc(report.installation)}</h1>",
            f"<p>{esc(report.generated_at)}. {esc(report.summary())}</p>",
            "<h2>Checks</h2><table>",
            _row(["check", "what", "status", "evidence"], "th"),
            *check_rows,
            "</table><h2>Measures</h2><table>",
            _row(["measure", "title", "checks", "status", "manual part"], "th"),
            *measure_rows,
            "</table></body></html>\n",
        ]
    )


RENDERERS = {"text": as_text, "html": as_html, "json": as_json}
