# SPDX-License-Identifier: EUPL-1.2
"""`lifegate verifier_keys`: the keys the demo verifiers sign their requests with.

lifegate verifier_keys                    each verifier's current key
lifegate verifier_keys rotate university  a new key; the old one is no longer published
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.credentials import presentations, rotation


class Command(BaseCommand):
    help = "List or replace the keys the demo verifiers sign their presentation requests with."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action")
        rotate = actions.add_parser("rotate", help="Give a verifier a new key (e.g. leaked).")
        rotate.add_argument("verifier", help=f"one of: {', '.join(presentations.VERIFIERS)}")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("action") != "rotate":
            for verifier, kid in rotation.verifier_keys().items():
                self.stdout.write(f"{verifier}: current {kid}")
            return
        verifier = options["verifier"]
        try:
            turned = rotation.rotate_verifier_key(verifier)
        except rotation.UnknownVerifierError as error:
            known = ", ".join(presentations.VERIFIERS)
            raise CommandError(
                f"there is no verifier {verifier}; choose one of: {known}"
            ) from error
        self.stdout.write(
            f"{verifier}: new key {turned.new_kid}; old key {turned.old_kid} no longer published.\n"
            "Open requests are signed with the new key when a wallet next opens them."
        )
