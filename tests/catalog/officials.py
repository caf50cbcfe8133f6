# SPDX-License-Identifier: EUPL-1.2
"""An official of an organisation, signed in to the catalog admin, for tests of any block."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from lifegate.identity.officials import ensure_official


def catalog_official(organisation: str, username: str) -> Client:
    """A client signed in as `username`, an official of `organisation` with every catalog
    permission (staff, so the admin lets them in)."""
    ensure_official(organisation, username)
    user = get_user_model().objects.get(username=username)
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    client = Client()
    client.force_login(user)
    return client
