# SPDX-License-Identifier: EUPL-1.2
"""The Django admin with the identity block's sign-in: a second factor for every operator."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from lifegate.identity import admin_views


class OperatorAdminSite(admin.AdminSite):
    """Django's admin site whose sign-in asks a TOTP code (see `admin_views.sign_in`)."""

    @method_decorator(sensitive_post_parameters("password", "code"))
    @method_decorator(never_cache)
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return admin_views.sign_in(self, request)
