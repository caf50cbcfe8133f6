# SPDX-License-Identifier: EUPL-1.2
"""`lifegate issuer_keys`: the signing keys of the issuing organisations.

lifegate issuer_keys                          each organisation's current and retired keys
lifegate issuer_keys rotate duo               scheduled: what the old key signed stays valid
lifegate issuer_keys rotate duo --compromised withdrawn: what the old key signed is revoked
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.credentials import rotation, trust
from lifegate.credentials.remote_issuers import RefreshPolicy
from lifegate.credentials.trusted_list import TrustedListError

PROGRESS_EVERY = 100


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


class Command(BaseCommand):
    help = "List or rotate the signing keys of the organisations that issue credentials."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action")
        rotate = actions.add_parser("rotate", help="Give an organisation a new signing key.")
        rotate.add_argument("organisation", help="e.g. duo, rvig, gemeente-utrecht")
        rotate.add_argument(
            "--compromised",
            action="store_true",
            help="Withdraw the old key: revoke everything it signed and tell the holders.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("action") == "rotate":
            self._rotate(options["organisation"], compromised=options["compromised"])
        else:
            self._list()

    def _list(self) -> None:
        for keys in rotation.issuer_keys():
            retired = ", ".join(keys.retired_kids) or "none"
            self.stdout.write(f"{keys.organisation}: current {keys.current_kid}; retired {retired}")
        try:
            trust.trusted_list()
        except TrustedListError as error:
            self.stderr.write(f"{error}.")
        foreign = trust.check_foreign_issuers()
        if foreign:
            self.stdout.write(
                "Trusted issuers elsewhere (LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS and"
                " LIFEGATE_CREDENTIALS_TRUSTED_LIST):"
            )
        for check in foreign:
            self.stdout.write(_foreign_line(check))

    def _rotate(self, organisation: str, *, compromised: bool) -> None:
        def progress(done: int, total: int) -> None:
            if done % PROGRESS_EVERY == 0 or done == total:
                self.stdout.write(f"  revoked {done:,}/{total:,}")

        try:
            report = rotation.rotate_issuer_key(
                organisation, compromised=compromised, progress=progress
            )
        except rotation.UnknownIssuerError as error:
            known = ", ".join(trust.local_issuers())
            raise CommandError(
                f"{organisation} issues no credentials here; choose one of: {known}"
            ) from error
        self.stdout.write(self._summary(report))

    @staticmethod
    def _summary(report: rotation.RotationReport) -> str:
        old, new = report.rotation.old_kid, report.rotation.new_kid
        lines = [f"{report.organisation}: new signing key {new}."]
        if report.rotation.withdrawn:
            lines.append(
                f"Old key {old} withdrawn: verifiers no longer trust it."
                f" {_count(report.revoked, 'credential')} it signed revoked, their holders told"
                " to ask for a new one. Other lifegate installations that trust this issuer"
                f" drop the key within {settings.CREDENTIALS_ISSUER_KEYS_TTL} s (the max-age of"
                " its metadata; up to an hour more while they cannot reach this installation);"
                " tell verifiers that copied the key set by hand to fetch it again."
            )
        else:
            lines.append(
                f"Old key {old} retired: still published, so the credentials it signed stay"
                " valid until they expire."
            )
        lines.append(
            f"{_count(report.status_lists, 'status list')} signed with the new key from the"
            " next request. Running lifegate processes use the new key without a restart."
        )
        return "\n".join(lines)


def _foreign_line(check: trust.ForeignIssuerCheck) -> str:
    who = f"{check.name} ({check.issuer})" if check.name else check.issuer
    if check.problem:
        return (
            f"{who}: no usable key ({check.problem}). Its credentials are refused until it"
            " answers: check its address in LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS or the trusted"
            " list, and that its /.well-known/jwt-vc-issuer metadata is reachable from here."
        )
    kept = RefreshPolicy(max_age=settings.CREDENTIALS_ISSUER_KEYS_TTL).lifetime(check.max_age)
    kids = ", ".join(k or "(no kid)" for k in check.kids)
    return f"{who}: keys {kids}; verifiers here keep them {kept} s"
