# SPDX-License-Identifier: EUPL-1.2
"""`lifegate serve`: the production web server (granian, WSGI) on DATABASE_URL."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from lifegate.config import env
from lifegate.core.runtime import (
    check_database,
    check_migrated,
    check_port_free,
    public_url_note,
)


def run_server(host: str, port: int, workers: int) -> None:
    """Serve the WSGI application until interrupted."""
    from granian.constants import Interfaces  # noqa: PLC0415 - only the server needs it
    from granian.server import Server  # noqa: PLC0415

    # The workers are forked: a database connection open here would be inherited, and
    # SQLite's locks do not survive a fork (once this process dies, another one resets the
    # WAL under the workers, which then answer "disk I/O error"). Each worker opens its own.
    connections.close_all()
    server = Server(
        "lifegate.config.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=4,  # enough for a page that calls this installation back (OIDC)
        log_access=False,
    )
    server.serve()


class Command(BaseCommand):
    help = "Serve the portal and the APIs with a production web server (granian)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env.HOST.read())
        parser.add_argument("--port", type=int, default=env.PORT.read())
        parser.add_argument("--workers", type=int, default=env.WORKERS.read())

    def handle(self, *args: Any, **options: Any) -> None:
        check_database()
        check_migrated()
        check_port_free(options["host"], options["port"])
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        note = public_url_note(options["host"], options["port"])
        if note:
            self.stderr.write(note)
        self.stdout.write(f"lifegate serving on http://{options['host']}:{options['port']}/")
        run_server(options["host"], options["port"], options["workers"])
