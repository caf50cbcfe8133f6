# SPDX-License-Identifier: EUPL-1.2
"""Officials of an issuing organisation revoke, suspend or reinstate its credentials here.

An official sees only the credentials of the organisations they work for; every change
goes through `statuses.set_status`, so the status list is re-signed the same way as
through the API.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lifegate.credentials import statuses
from lifegate.credentials.models import BY_HOLDER, CredentialStatus, IssuedCredential
from lifegate.identity import services as identity


def _organisations(request: HttpRequest) -> list[str] | None:
    """None: every organisation (a superuser); otherwise the official's organisations."""
    if request.user.is_superuser:
        return None
    user_id = request.user.pk
    return [] if user_id is None else identity.organisations_of_official(user_id)


def _change(request: HttpRequest, rows: QuerySet[IssuedCredential], to: CredentialStatus) -> None:
    changed = unchanged = refused = 0
    for row in rows:
        if row.status == to:
            unchanged += 1
            continue
        try:
            statuses.set_status(row.organisation, row.pk, to, by=request.user.get_username())
            changed += 1
        except statuses.StatusChangeRefusedError:
            refused += 1
    said = _(
        "Now %(status)s: %(changed)d. Already %(status)s: %(unchanged)d."
        " Not changed (revoked is final): %(refused)d."
    )
    counts = {"changed": changed, "unchanged": unchanged, "refused": refused}
    messages.info(request, said % {"status": to.label, **counts})


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(admin.ModelAdmin[IssuedCredential]):
    list_display = ("label", "configuration", "organisation", "status", "issued_at")
    list_filter = ("status", "configuration", "organisation")
    search_fields = ("label", "=subject_person_id")
    actions = ("revoke", "suspend", "reinstate")
    # Every field is read-only; who changed the status is said in words (the holder's
    # withdrawal is stored as a marker, not a name).
    readonly_fields = [
        "changed_by" if f.name == "status_changed_by" else f.name
        for f in IssuedCredential._meta.fields
    ]
    exclude = ("status_changed_by",)  # shown as `changed_by`, and never edited

    def get_queryset(self, request: HttpRequest) -> QuerySet[IssuedCredential]:
        rows = IssuedCredential.objects.one_per_credential()
        allowed = _organisations(request)
        return rows if allowed is None else rows.filter(organisation__in=allowed)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # credentials are issued to wallets, never typed in

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # the row keeps its status index from being given out again

    @admin.display(description=gettext_lazy("Status changed by"))
    def changed_by(self, row: IssuedCredential) -> str:
        if row.status_changed_by == BY_HOLDER:
            return _("the holder (withdrawn)")
        return row.status_changed_by

    @admin.action(description=gettext_lazy("Revoke (final)"))
    def revoke(self, request: HttpRequest, rows: QuerySet[IssuedCredential]) -> None:
        _change(request, rows, CredentialStatus.REVOKED)

    @admin.action(description=gettext_lazy("Suspend"))
    def suspend(self, request: HttpRequest, rows: QuerySet[IssuedCredential]) -> None:
        _change(request, rows, CredentialStatus.SUSPENDED)

    @admin.action(description=gettext_lazy("Reinstate a suspended credential"))
    def reinstate(self, request: HttpRequest, rows: QuerySet[IssuedCredential]) -> None:
        _change(request, rows, CredentialStatus.VALID)
