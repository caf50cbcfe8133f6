# SPDX-License-Identifier: EUPL-1.2
"""Django for the rules population bench: DATABASE_URL from the environment, migrated."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path


def setup() -> None:
    """Django on DATABASE_URL, migrated (before the clock starts)."""
    os.environ.setdefault("LIFEGATE_HOME", tempfile.mkdtemp(prefix="lifegate-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifegate.config.settings")
    # A bench is one client address sending thousands of requests: no per-address limit.
    os.environ.setdefault("LIFEGATE_RATE_LIMIT_PER_SECOND", "0")
    import django  # noqa: PLC0415 - after the environment is set
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def proactive_run(folder: Path, on: dt.date) -> int:
    """`lifegate proactive run --parquet folder` in-process; the number of offers written."""
    from lifegate.rules.proactive import run_proactive  # noqa: PLC0415 - needs Django

    return run_proactive(on, parquet=folder, progress=print).offers
