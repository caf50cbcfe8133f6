# SPDX-License-Identifier: EUPL-1.2
"""`lifegate drill_probe ...`: the database side of `lifegate drill`, run in the target's
environment (same DATABASE_URL and LIFEGATE_HOME). Prints JSON or one line per step.

`drill_probe session` answers one request per line of standard input (a JSON list such as
`["counts"]`) with one line `drill-probe: JSON`, so the drill starts Python only once;
`drill_probe write N wait` waits for a line on standard input before it writes."""

from __future__ import annotations

import io
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django_tasks_db.models import DBTaskResult
from joserfc.jwk import RSAKey

from lifegate.identity import services as identity
from lifegate.ledger import services as ledger
from lifegate.resilience import models as tables
from lifegate.resilience import services
from lifegate.resilience.lines import PROBE_PREFIX
from lifegate.resilience.tasks import drill_job


def _counts() -> dict[str, Any]:
    report = ledger.audit() if ledger.latest_head() or ledger.ensure_checkpoint() else None
    return {
        "audit_records": tables.OfficialAction.objects.count(),
        # the writer's records only: refusals recorded meanwhile do not blur the count
        "drill_writes": tables.OfficialAction.objects.filter(action="drill.write").count(),
        "ledger_entries": ledger.size(),
        "ledger_intact": bool(report is None or report.ok),
        "trail_intact": not services.check_trail().problems,
    }


def _write(count: int, wait: bool = False) -> None:
    if wait:
        sys.stdin.readline()  # the drill says go
    for number in range(count):
        services.record_official_action(
            actor=("system", "drill"), action="drill.write", target=("drill", str(number))
        )
        print(number, flush=True)  # printed only after the commit


def _marks(marker: str) -> dict[str, Any]:
    rows = DBTaskResult.objects.filter(task_path__endswith="drill_job").order_by("enqueued_at")
    status = [row.status for row in rows if row.args_kwargs.get("args", [None])[0] == marker]
    return {"marks": tables.DrillMark.objects.filter(marker=marker).count(), "status": status}


def _agency(organisation: str, key_file: Path) -> str:
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, private=True, auto_kid=True)
    client_id = f"drill-{uuid.uuid4().hex[:8]}"
    identity.register_agency_client(client_id, organisation, {"keys": [key.as_dict(private=False)]})
    key_file.write_text(json.dumps(key.as_dict(private=True)), encoding="ascii")
    return client_id


def _command(name: str, values: list[str]) -> dict[str, Any]:
    output = io.StringIO()
    try:
        call_command(name, *values, stdout=output)
    except CommandError as error:
        return {"returncode": 1, "stdout": output.getvalue(), "stderr": str(error)}
    return {"returncode": 0, "stdout": output.getvalue(), "stderr": ""}


def _answer(action: str, values: list[str]) -> Any:
    if action == "counts":
        return _counts()
    if action == "enqueue":
        drill_job.enqueue(values[0], float(values[1]) if len(values) > 1 else 4.0)
        return {"enqueued": values[0]}
    if action == "marks":
        return _marks(values[0])
    if action == "agency":
        return _agency(values[0], Path(values[1]))
    if action == "rotate_key":  # the operator's command, without starting Python again
        return _command(action, values)
    raise ValueError(f"unknown drill_probe action {action!r}")


def _session() -> None:
    """Answer requests from standard input until it closes; an error is an answer too."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            action, *values = json.loads(line)
            reply = _answer(str(action), [str(v) for v in values])
        except Exception as error:  # the drill reports it; the session goes on
            reply = {"error": f"{type(error).__name__}: {error}"}
            connections.close_all()  # the next request opens a fresh connection
        print(PROBE_PREFIX + json.dumps(reply), flush=True)


class Command(BaseCommand):
    help = "The database side of `lifegate drill` (counts, writes, jobs, agency clients)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["counts", "write", "enqueue", "marks", "agency", "rotate_key", "session"],
        )
        parser.add_argument("values", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        action, values = options["action"], options["values"]
        if action == "session":
            _session()
        elif action == "write":
            _write(int(values[0]), wait=values[1:] == ["wait"])
        else:
            print(json.dumps(_answer(action, values)))
        sys.stdout.flush()
