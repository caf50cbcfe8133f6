# SPDX-License-Identifier: EUPL-1.2
"""Context for every portal page: site name, theme, and this page in the other languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import get_language


def alternate_languages(request: HttpRequest) -> list[dict[str, Any]]:
    """This page's address in each language, so the switch keeps the reader where they are."""
    current = get_language()
    return [
        {
            "code": code,
            "name": "Nederlands" if code == "nl" else "English",
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def portal_context(request: HttpRequest) -> dict[str, Any]:
    theme = settings.THEME_CSS
    return {
        "site_name": "lifegate",
        "theme_css_url": theme if theme.startswith(("/", "http")) else static(theme),
        "alternate_languages": alternate_languages(request),
        "contact_email": settings.CONTACT_EMAIL,
    }
