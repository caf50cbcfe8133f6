# SPDX-License-Identifier: EUPL-1.2
"""`lifegate evidence_provider`: run the demo Spanish evidence provider as its own HTTP
service, by default where `LIFEGATE_EVIDENCE_PROVIDER_URL` points (`lifegate demo` starts it).

It serves synthetic records only (Lucía's birth certificate) and needs no database.
"""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lifegate.core.errors import UserFacingError
from lifegate.core.runtime import check_port_free
from lifegate.exchange.evidence import provider


def provider_address(url: str) -> tuple[str, int]:
    """Host and port of an evidence provider URL (http://127.0.0.1:8090 → 127.0.0.1, 8090)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise UserFacingError(
            f"LIFEGATE_EVIDENCE_PROVIDER_URL must be an http:// address to serve the demo "
            f"provider on, not {url!r}"
        )
    return parts.hostname, parts.port or 80


class Command(BaseCommand):
    help = "Serve the demo Spanish evidence provider (OOTS preview space), for the demo."

    def add_arguments(self, parser: CommandParser) -> None:
        host, port = provider_address(settings.EVIDENCE_PROVIDER_URL)
        parser.add_argument("--host", default=host)
        parser.add_argument("--port", type=int, default=port)

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        try:
            check_port_free(host, port)
        except UserFacingError as error:
            raise UserFacingError(
                f"the demo evidence provider cannot listen on {host}:{port}: port in use or not "
                f"of this machine. Choose another: LIFEGATE_EVIDENCE_PROVIDER_URL="
                f"http://127.0.0.1:{port + 1}"
            ) from error
        server = provider.make(host, port)
        self.stdout.write(f"demo evidence provider (Spain) on http://{host}:{port}/")
        # Ctrl-C, and `lifegate demo` stopping it, end it cleanly, also when started from a
        # shell that ignores SIGINT in background jobs.
        signal.signal(signal.SIGINT, _stop)
        signal.signal(signal.SIGTERM, _stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
