# SPDX-License-Identifier: EUPL-1.2
"""Dependency audit (pip-audit) and static analysis (bandit), with dated exceptions only."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

from lifegate.baseline import exceptions
from lifegate.baseline.outcome import Outcome, Status

REPO = Path(__file__).resolve().parents[4]
EXCEPTIONS_FILE = Path(__file__).resolve().parent.parent / "exceptions.yaml"
_TIMEOUT = 600


def load_exceptions(path: Path = EXCEPTIONS_FILE) -> list[exceptions.Waiver]:
    return exceptions.parse(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed tool and arguments
        args, capture_output=True, text=True, timeout=_TIMEOUT, cwd=REPO, check=False
    )


def _missing_tool(module: str) -> Outcome | None:
    if importlib.util.find_spec(module) is None or not (REPO / "src").is_dir():
        return Outcome(
            Status.MANUAL,
            (f"{module} or the source tree is not installed here: run `uv sync` in a checkout",),
        )
    return None


def bandit_findings(source: Path) -> list[exceptions.Finding]:
    """bandit's findings of medium severity and up under `source`."""
    ran = _run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-r",
            str(source),
            "-f",
            "json",
            "-q",
            "-ll",
            "-x",
            "*/migrations/*",
        ]
    )
    results: list[dict[str, Any]] = json.loads(ran.stdout or "{}").get("results", [])
    return [
        exceptions.Finding(
            r["test_id"],
            str(Path(r["filename"]).resolve().relative_to(REPO)),
            int(r["line_number"]),
            r["issue_text"],
        )
        for r in results
    ]


def bandit(today: dt.date | None = None, source: Path | None = None) -> Outcome:
    missing = _missing_tool("bandit")
    if missing:
        return missing
    findings = bandit_findings(source or REPO / "src")
    on = today or timezone.localdate()
    problems, accepted = exceptions.judge(findings, load_exceptions(), on)
    proven = [f"bandit -ll over src/: {len(findings)} findings, each under a dated exception"]
    return Outcome.of(problems, proven + accepted)


def _audit(requirements: Path) -> dict[str, Any]:
    ran = _run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "-r",
            str(requirements),
            "--disable-pip",
            "--progress-spinner",
            "off",
            "-f",
            "json",
        ]
    )
    body: dict[str, Any] = json.loads(ran.stdout or "{}")
    return body


def _vulnerabilities(report: dict[str, Any]) -> list[exceptions.Finding]:
    return [
        exceptions.Finding(
            v["id"], "", 0, f"{d['name']} {d['version']}: fix {v.get('fix_versions')}"
        )
        for d in report.get("dependencies", [])
        for v in d.get("vulns", [])
    ]


def pip_audit(today: dt.date | None = None) -> Outcome:
    missing = _missing_tool("pip_audit")
    uv = shutil.which("uv")
    if missing or uv is None:
        return missing or Outcome(Status.MANUAL, ("uv is not installed: run pip-audit by hand",))
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "requirements.txt"
        exported = _run(
            [
                uv,
                "export",
                "--frozen",
                "--no-emit-project",
                "--format",
                "requirements-txt",
                "-o",
                str(requirements),
            ]
        )
        if exported.returncode != 0:
            return Outcome(Status.MANUAL, (f"uv export failed: {exported.stderr.strip()[:200]}",))
        report = _audit(requirements)
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        return Outcome(
            Status.MANUAL,
            (
                "the vulnerability database could not be reached (no network to it here): run "
                "`uv export --format requirements-txt > r.txt && pip-audit -r r.txt --disable-pip`",
            ),
        )
    findings = _vulnerabilities(report)
    on = today or timezone.localdate()
    problems, accepted = exceptions.judge(findings, load_exceptions(), on)
    proven = [f"{len(audited)} locked packages audited against the PyPI advisory database"]
    skipped = len(dependencies) - len(audited)
    return Outcome.of(problems, proven + accepted + [f"{skipped} could not be audited"])
