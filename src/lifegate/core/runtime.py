# SPDX-License-Identifier: EUPL-1.2
"""Checks run before serving: each failure is a `UserFacingError` that says what to do."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from lifegate.config import env
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


def listening_url(host: str, port: int) -> str:
    """The address a browser on this machine opens for a server listening on host:port."""
    if _every_interface(host):  # a browser here reaches it on loopback
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 literal in a URL
    return f"http://{host}:{port}"


def _every_interface(host: str) -> bool:
    try:
        return not host or ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:  # a host name
        return False


def follow_listening_address(host: str, port: int) -> str:
    """The public address in effect; unless LIFEGATE_PUBLIC_URL is set, the one listened on.

    Links, the demo eID provider's issuer and the credential issuer are all built from the
    public address; its default names port 8000, so a demo on `--port 8001` would send every
    sign-in to a port nobody serves. Set in the environment too, so the worker and the other
    processes this one starts agree.
    """
    if env.PUBLIC_URL.name in os.environ:
        return str(settings.PUBLIC_URL)
    url = listening_url(host, port)
    os.environ[env.PUBLIC_URL.name] = url
    settings.PUBLIC_URL = url
    return url


def follow_free_evidence_port(avoid: int) -> str:
    """The demo evidence provider's address; unless LIFEGATE_EVIDENCE_PROVIDER_URL is set,
    moved to a free port when its own is taken.

    Its default port (8090) is taken by a second demo on this machine, or by the portal
    itself on `--port 8090`; the demo's provider would then not start while the portal
    sent Lucía's evidence requests to whatever listens there. Set in the environment too,
    so the provider, the server and the worker the demo starts agree.
    """
    url = str(settings.EVIDENCE_PROVIDER_URL)
    name = env.EVIDENCE_PROVIDER_URL.name
    parts = urlsplit(url)
    if name in os.environ or parts.scheme != "http" or not parts.hostname:
        return url  # the operator's choice: the provider says so if it cannot listen there
    host, port = parts.hostname, parts.port or 80
    if port != avoid and _is_free(host, port):
        return url
    url = listening_url(host, _free_port(host))
    os.environ[name] = url
    settings.EVIDENCE_PROVIDER_URL = url
    return url


def _is_free(host: str, port: int) -> bool:
    try:
        check_port_free(host, port)
    except UserFacingError:
        return False
    return True


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def public_url_note(host: str, port: int) -> str | None:
    """For `serve`: a note when LIFEGATE_PUBLIC_URL is unset and its default is not this server.

    `serve` does not follow its own address as the demo does: in production the worker and
    other servers run apart and must agree on one public address, set by the operator.
    """
    here = listening_url(host, port)
    if env.PUBLIC_URL.name in os.environ or here == env.PUBLIC_URL.default:
        return None
    return (
        f"note: LIFEGATE_PUBLIC_URL is not set, so links and sign-in use "
        f"{env.PUBLIC_URL.default}, not this server. Set LIFEGATE_PUBLIC_URL to the address "
        f"users reach (on this machine: {here}), for the server and the worker alike."
    )
