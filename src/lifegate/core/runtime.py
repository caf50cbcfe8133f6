# SPDX-License-Identifier: EUPL-1.2
"""Checks run before serving: each failure is a `UserFacingError` that says what to do."""

from __future__ import annotations

import errno
import socket

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from lifegate.core.errors import UserFacingError


def check_database() -> None:
    """The database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
        raise UserFacingError(
            f"the {connection.vendor} database does not answer ({reason}). Check DATABASE_URL "
            f"and that the database server runs."
        ) from error


def pending_migrations() -> list[str]:
    """Names of migrations the database still lacks."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _backwards in executor.migration_plan(targets)]


def check_migrated() -> None:
    pending = pending_migrations()
    if pending:
        shown = ", ".join(pending[:3]) + (" ..." if len(pending) > 3 else "")
        raise UserFacingError(
            f"the database lacks {len(pending)} migration(s) ({shown}). Run `lifegate migrate` "
            f"first."
        )


def check_port_free(host: str, port: int) -> None:
    """Nothing else listens on host:port (a clear message beats a server's bind error)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise UserFacingError(
                    f"port {port} on {host} is already in use (is lifegate already running?). "
                    f"Stop that program, or choose another port: LIFEGATE_PORT={port + 1}."
                ) from error
            raise UserFacingError(
                f"cannot listen on {host}:{port} ({error.strerror}). Set LIFEGATE_HOST and "
                f"LIFEGATE_PORT to an address of this machine."
            ) from error
