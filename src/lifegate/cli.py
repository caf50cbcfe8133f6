# SPDX-License-Identifier: EUPL-1.2
"""The `lifegate` command: Django's management commands with lifegate's settings.

Problems a user can fix (a bad setting, a database that does not answer, a port in use)
end in one line saying what is wrong and what to do, and a non-zero exit code; the full
traceback only with LIFEGATE_DEBUG=true or --traceback.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from lifegate.core.errors import UserFacingError

_SECRET_IN_URL = re.compile(r"(//[^:/@]+:)[^@]+@")


def _redact(text: str) -> str:
    """Remove a password from any URL in `text` before it is printed."""
    return _SECRET_IN_URL.sub(r"\1***@", text)


def _fail(message: str, code: int = 1) -> int:
    print(f"lifegate: {_redact(message)}", file=sys.stderr)
    return code


def _show_tracebacks(argv: Sequence[str]) -> bool:
    return "--traceback" in argv or os.environ.get("LIFEGATE_DEBUG", "").lower() in {"1", "true"}


def _run(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifegate.config.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["lifegate", *argv])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `lifegate` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["help"]
    try:
        _run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if _show_tracebacks(args):
            raise
        return _fail(_explain(error))
    return 0


def _explain(error: Exception) -> str:
    """One line for an error that escaped a command."""
    from lifegate.config.env import SettingError  # noqa: PLC0415

    if isinstance(error, UserFacingError | SettingError):
        return str(error)
    try:
        from django.db import DatabaseError  # noqa: PLC0415
    except ImportError:  # pragma: no cover - Django is a dependency
        DatabaseError = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(error, DatabaseError):
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        return (
            f"the database does not answer ({first_line}). Check DATABASE_URL and that the "
            f"database server runs, then try again."
        )
    return (
        f"{type(error).__name__}: {error}. This is a bug in lifegate; run again with "
        f"--traceback and report it."
    )


if __name__ == "__main__":
    sys.exit(main())
