# SPDX-License-Identifier: EUPL-1.2
"""`lifegate rotate_key agency CLIENT_ID --jwks NEW.json`: an agency's key was compromised.

Replaces the client's public keys and revokes every access token issued to it, in one
transaction, recorded in the audit trail: assertions signed with the old key and tokens
obtained with it are refused from then on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lifegate.identity import services as identity
from lifegate.resilience import services


class Command(BaseCommand):
    help = "Rotate a signing key declared compromised (agency clients) and revoke its tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["agency"])
        parser.add_argument("client_id")
        parser.add_argument("--jwks", type=Path, required=True, help="The new public key set.")
        parser.add_argument("--organisation", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jwks = json.loads(options["jwks"].read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read {options['jwks']}: give a JSON key set") from error
        if "keys" not in jwks:
            jwks = {"keys": [jwks]}
        client_id = options["client_id"]
        with transaction.atomic():
            identity.register_agency_client(client_id, options["organisation"], jwks)
            revoked = identity.revoke_client_tokens(client_id)
            services.record_official_action(
                actor=("system", "operator"),
                action="identity.client.rotate-key",
                target=("client", client_id),
            )
        self.stdout.write(f"Key of {client_id} replaced; {revoked} access tokens revoked.")
