# SPDX-License-Identifier: EUPL-1.2
"""Start Django for a bench: DATABASE_URL from the environment (start PostgreSQL with
`scripts/postgres start DIR PORT`), a fresh LIFEGATE_HOME, migrated."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup() -> str:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("LIFEGATE_HOME", tempfile.mkdtemp(prefix="lifegate-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifegate.config.settings")
    import django  # noqa: PLC0415 - after the environment is set
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
