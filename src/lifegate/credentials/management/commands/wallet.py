# SPDX-License-Identifier: EUPL-1.2
"""`lifegate wallet`: the reference wallet on the command line.

lifegate wallet receive 'openid-credential-offer://?…' --tx-code 123456
lifegate wallet list
lifegate wallet present 'openid4vp://?client_id=…&request_uri=…' [--yes]
lifegate wallet history

It speaks Dutch or English: `--language nl|en`, else the terminal's locale (LC_ALL,
LC_MESSAGES or LANG; Dutch when it starts with "nl").
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lifegate.config import env
from lifegate.credentials import trust, verdicts
from lifegate.credentials.vct import TYPES
from lifegate.credentials.wallet import ClaimRow, Shared, Wallet, WalletError
from lifegate.credentials.wallet_messages import SHOWN_BEFORE, UNREACHABLE

LANGUAGES = ("nl", "en")
_YES = frozenset({"y", "yes", "j", "ja"})


def terminal_language(environ: dict[str, str] | None = None) -> str:
    """Dutch when the terminal's locale is (LC_ALL, then LC_MESSAGES, then LANG), else English."""
    environ = dict(os.environ) if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "nl" if environ[name].lower().startswith("nl") else "en"
    return "en"


def type_name(vct: str, language: str) -> str:
    """A credential type as people call it ("Diploma", "Geboorteakte"); else its `vct`."""
    metadata = TYPES.get(vct)
    if metadata is None:
        return vct
    return metadata.name_nl if language == "nl" else metadata.name_en


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise CommandError(f"{path} is not a wallet file; move it away or pass --wallet") from exc
    return state if isinstance(state, dict) else {}


def _store(path: Path, state: dict[str, Any]) -> None:
    """Write atomically with owner-only access: the file holds the holder's private key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    partial.replace(path)


@contextmanager
def _in_use(path: Path) -> Iterator[None]:
    """The wallet file for this command alone: two commands at once would both show the
    same copy (one at a prompt while the other shares), and the last to write would lose
    the other's changes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise CommandError(
                _(
                    "Another 'lifegate wallet' command is using this wallet. Finish that one"
                    " first, then try again."
                )
            ) from exc
        yield
    finally:
        os.close(descriptor)  # which also lets go of the lock


VERBOSE = 2  # Django's `-v 2`, "verbose output"


@contextmanager
def _http_log_shown_only_when_verbose(verbosity: int) -> Iterator[None]:
    """httpx logs every request at INFO: noise for a person at a prompt, unless -v 2 asks."""
    http_log = logging.getLogger("httpx")
    level = http_log.level
    if verbosity < VERBOSE:
        http_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        http_log.setLevel(level)


class Command(BaseCommand):
    help = "The reference wallet: receive credentials, list them, renew their copies, present them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wallet",
            type=Path,
            default=Path(env.WALLET_FILE.read()),
            help="The wallet file: the holder key and credentials (default: %(default)s,"
            " or LIFEGATE_WALLET_FILE).",
        )
        parser.add_argument("--registry", default="", help="lifegate address (verifier keys).")
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            help="nl or en (default: from the terminal's locale, LANG).",
        )
        actions = parser.add_subparsers(dest="action", required=True)
        receive = actions.add_parser("receive", help="Redeem a credential offer link.")
        receive.add_argument("offer")
        receive.add_argument("--tx-code", required=True, help="The code shown with the offer.")
        actions.add_parser("list", help="List the credentials in the wallet.")
        renew = actions.add_parser(
            "renew", help="New copies of a credential from its issuer, for those shown."
        )
        renew.add_argument("id", help="The credential's ID, as 'list' shows it.")
        present = actions.add_parser("present", help="Answer a presentation request link.")
        present.add_argument("request")
        present.add_argument("--yes", action="store_true", help="Share without asking.")
        actions.add_parser("history", help="What the wallet shared, with whom and when.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["wallet"]
        registry = options["registry"] or str(settings.PUBLIC_URL)
        self.language = options["language"] or terminal_language()
        with (
            translation.override(self.language),
            _in_use(path),
            _http_log_shown_only_when_verbose(options["verbosity"]),
            httpx.Client(timeout=10.0) as client,
        ):
            wallet = Wallet(_load(path), client, registry)
            try:
                getattr(self, f"_{options['action']}")(wallet, options)
            except WalletError as error:
                _store(path, wallet.state)  # a copy that left is marked shown, even if refused
                raise CommandError(_explain(error, registry)) from error
            _store(path, wallet.state)

    def _receive(self, wallet: Wallet, options: dict[str, Any]) -> None:
        held = wallet.receive(options["offer"], options["tx_code"])
        kind = type_name(held.vct, self.language)
        issuer = _issuer_names(self.language).get(held.issuer, held.issuer)
        self.stdout.write(
            _("received %(type)s from %(issuer)s (%(id)s)")
            % {"type": kind, "issuer": issuer, "id": held.id}
        )

    def _renew(self, wallet: Wallet, options: dict[str, Any]) -> None:
        held = wallet.renew(options["id"])
        self.stdout.write(
            _(
                "new copies of %(type)s: %(unshown)s of %(copies)s not shown to any verifier"
                " (%(id)s)"
            )
            % {
                "type": type_name(held.vct, self.language),
                "unshown": held.unshown,
                "copies": held.copies,
                "id": held.id,
            }
        )

    def _list(self, wallet: Wallet, _options: dict[str, Any]) -> None:
        held = wallet.held()
        if not held:
            self.stdout.write(_("no credentials"))
            return
        # The issuer by name, as the wallet page shows it (the credential names it only
        # by address), and the moment in this installation's time zone, as history does.
        names = _issuer_names(self.language)
        # UNSHOWN: copies no verifier has seen yet, of those held (each verifier gets another).
        rows = [(_("ID"), _("TYPE"), _("ISSUER"), _("UNSHOWN"), _("RECEIVED"))]
        rows += [
            (
                item.id,
                type_name(item.vct, self.language),
                names.get(item.issuer, item.issuer),
                f"{item.unshown}/{item.copies}",
                _moment(dt.datetime.fromisoformat(item.received_at)),
            )
            for item in held
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[4]]))

    def _history(self, wallet: Wallet, _options: dict[str, Any]) -> None:
        shared = wallet.history()
        if not shared:
            self.stdout.write(_("nothing shared yet"))
            return
        for item in shared:
            self.stdout.write(_shared_line(item, self.language))
            if item.declined:
                self.stdout.write("  " + _("nothing: you declined"))
            self._write_claims(item.claims)

    def _write_claims(self, claims: list[tuple[str, ClaimRow]]) -> None:
        for row in verdicts.readable(claims, self.language):
            self.stdout.write(f"  {row['label']}: {row['value']}")

    def _present(self, wallet: Wallet, options: dict[str, Any]) -> None:
        pending = wallet.prepare(options["request"], self.language)
        self.stdout.write(
            _("%(verifier)s asks for this; you would share only:")
            % {"verifier": pending.client_name}
        )
        self._write_claims(pending.disclosed())
        if pending.shown_before:
            self.stdout.write(_(SHOWN_BEFORE))
        if not options["yes"] and input(_("Share? [y/N] ")).strip().lower() not in _YES:
            wallet.decline(pending)
            self.stdout.write(_("nothing shared"))
            return
        answer = wallet.send(pending)
        self.stdout.write(
            _("shared; the verifier's page: %(address)s")
            % {"address": answer.get("redirect_uri", "")}
        )


def _issuer_names(language: str) -> dict[str, str]:
    """Issuers by name as this installation knows them; none when it has no database here
    (a wallet used against another server), and then the wallet shows their addresses."""
    try:
        return trust.issuer_names(language)
    except DatabaseError:
        return {}


def _moment(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")  # TIME_ZONE, as the portal


def _shared_line(item: Shared, language: str) -> str:
    return f"{_moment(item.at)}  {item.name(language)}"


def _explain(error: WalletError, registry: str) -> str:
    """The wallet's message in the user's language, with its particulars; when the register
    of verifiers is what could not be reached, also where the wallet looked and how to point
    it elsewhere (a demo on another port)."""
    said = _(error.message) + (f" ({error.detail})" if error.detail else "")
    if error.message == UNREACHABLE and error.detail.startswith(registry.rstrip("/") + "/"):
        hint = _(
            "The wallet reads the register of verifiers from lifegate at %(registry)s: give"
            " lifegate's address with --registry (for example --registry"
            " http://127.0.0.1:8001) or set LIFEGATE_PUBLIC_URL."
        ) % {"registry": registry}
        return f"{said} {hint}"
    return said
