# SPDX-License-Identifier: EUPL-1.2
"""Tables of the identity block. Nobody outside the block imports them: use `services`.

Tokens and codes are stored only as SHA-256 digests, so a copy of the database cannot be
replayed against the provider.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Client(models.Model):
    """A client registered at the demo eID provider or the agencies' token endpoint."""

    RELYING_PARTY = "relying-party"
    AGENCY = "agency"

    client_id = models.CharField(max_length=120, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(
        max_length=20, choices=[(RELYING_PARTY, RELYING_PARTY), (AGENCY, AGENCY)]
    )
    organisation_id = models.CharField(max_length=80, blank=True)
    redirect_uris = models.JSONField(default=list)
    post_logout_redirect_uris = models.JSONField(default=list)
    jwks = models.JSONField(help_text="Public keys the client signs its assertions with.")
    created_at = models.DateTimeField(auto_now_add=True)

    # authlib's ClientMixin, written out: only private_key_jwt, only the code flow (NL GOV).
    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None  # the profile asks for an explicit, exactly registered redirect_uri

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile"} if self.kind == self.RELYING_PARTY else {"agency"}
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact string match, no prefixes

    def check_client_secret(self, client_secret: str) -> bool:
        return False  # no shared secrets: private_key_jwt only

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "private_key_jwt" and endpoint == "token"

    def check_response_type(self, response_type: str) -> bool:
        return self.kind == self.RELYING_PARTY and response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        wanted = "authorization_code" if self.kind == self.RELYING_PARTY else "client_credentials"
        return grant_type == wanted


class AuthorizationCode(models.Model):
    code_digest = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey(Client, on_delete=models.CASCADE)
    redirect_uri = models.TextField()
    scope = models.TextField()
    nonce = models.CharField(max_length=255)
    code_challenge = models.CharField(max_length=128)
    code_challenge_method = models.CharField(max_length=10)
    acr = models.CharField(max_length=80)
    auth_time = models.BigIntegerField()
    claims = models.JSONField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    # authlib's AuthorizationCodeMixin
    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str:
        return self.acr

    def get_amr(self) -> list[str]:
        return []


class AccessToken(models.Model):
    token_digest = models.CharField(max_length=64, unique=True)
    client = models.ForeignKey(Client, on_delete=models.CASCADE)
    organisation_id = models.CharField(max_length=80, blank=True)
    scope = models.TextField(blank=True)
    claims = models.JSONField(default=dict)
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    revoked = models.BooleanField(default=False)


class UsedAssertion(models.Model):
    """A client assertion's `jti`, kept until the assertion expires, so it is never replayed."""

    jti_digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)


class ForeignIdentity(models.Model):
    """A citizen of another member state as their eID described them (eIDAS minimum data set)."""

    person_identifier = models.CharField(max_length=255, unique=True)
    family_name = models.CharField(max_length=160)
    given_names = models.CharField(max_length=160)
    birth_date = models.DateField()
    person_id = models.BigIntegerField(null=True, blank=True, help_text="Registry person, if any.")
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)


class Mandate(models.Model):
    OFFERED, ACTIVE, DECLINED, REVOKED = "offered", "active", "declined", "revoked"
    STATUSES = [(s, s) for s in (OFFERED, ACTIVE, DECLINED, REVOKED)]

    grantor_person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    grantor_kvk_number = models.CharField(max_length=8, blank=True, db_index=True)
    holder_person_id = models.BigIntegerField(db_index=True)
    scope = models.CharField(max_length=60)
    valid_from = models.DateField()
    valid_until = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=OFFERED)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    seed_key = models.CharField(max_length=120, unique=True, null=True, blank=True)


class MandateNotice(models.Model):
    """An announcement that a mandate ends soon (shown in the portal until a message box exists)."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE)
    person_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=20, default="expiring")
    valid_until = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "person_id", "kind", "valid_until"],
                name="identity_notice_once",
            )
        ]


class ActionRecord(models.Model):
    """Who did what for whom: every action is kept under the actor and the subject."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=60)
    actor_kind = models.CharField(max_length=10)
    actor_ref = models.CharField(max_length=40, db_index=True)
    subject_kind = models.CharField(max_length=10)
    subject_ref = models.CharField(max_length=40, db_index=True)
    basis = models.CharField(max_length=20)
    mandate_id = models.BigIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict)


class OfficialProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    totp_secret = models.CharField(max_length=64)
    last_totp_step = models.BigIntegerField(default=0)


class OfficialRole(models.Model):
    CASEWORKER, CATALOG_EDITOR, SUPERVISOR = "caseworker", "catalog-editor", "supervisor"
    ROLES = [(r, r) for r in (CASEWORKER, CATALOG_EDITOR, SUPERVISOR)]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organisation_id = models.CharField(max_length=80)
    role = models.CharField(max_length=20, choices=ROLES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation_id", "role"], name="identity_role_once"
            )
        ]


class SignInFailure(models.Model):
    """A failed officials' sign-in: the account as an HMAC, never the name typed."""

    account_key = models.CharField(max_length=64, db_index=True)
    device_key = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(db_index=True)
