# SPDX-License-Identifier: EUPL-1.2
"""The officials' service form: the content checks, with a message per field in NL and EN."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lifegate.catalog.cpsv import checks
from lifegate.catalog.models import Service

_RELATIONS = {
    "authorities": "organisation",
    "events": "event",
    "contact_points": "contactpoint",
    "legal_resources": "legalresource",
}
_SERVICE_CHECK = checks.record(checks.KINDS["services"], checks.OPTIONAL["services"])


def translate(message: str) -> str:
    """A content-check message in the current language (the checks are pure, so English)."""
    missing = re.fullmatch(r"missing text in (\w+)", message)
    if missing:
        return _("missing text in %(language)s") % {"language": missing.group(1)}
    at_least = re.fullmatch(r"must be a list with at least (\d+) item\(s\)", message)
    if at_least:
        return _("needs at least %(count)s") % {"count": at_least.group(1)}
    known = {
        "is required": _("is required"),
        "must be a language map like {nl: …, en: …}": _(
            'must be a language map like {"nl": "…", "en": "…"}'
        ),
        "must be an ISO 8601 duration such as P8W": _("must be an ISO 8601 duration such as P8W"),
        "must be a non-empty text": _("must be a non-empty text"),
        "is required unless the service is information-only": _(
            "is required unless the service is information only"
        ),
    }
    return known.get(message, message)


class ServiceForm(forms.ModelForm[Service]):
    allowed_organisations: list[str] | None = None

    class Meta:
        model = Service
        exclude = ("position", "complete", "missing_sdg_items")
        error_messages = {
            "authorities": {"required": gettext_lazy("A service needs a competent authority.")},
            "legal_resources": {"required": gettext_lazy("A service needs a legal basis.")},
            "events": {"required": gettext_lazy("A service belongs to at least one event.")},
            "contact_points": {"required": gettext_lazy("A service needs a contact point.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = getattr(self.instance, "_history", None)
        if record is not None and not self.is_bound:
            # a revert shows the version's relations, not today's (simple-history shows today's)
            for name, target in _RELATIONS.items():
                self.initial[name] = [
                    getattr(row, f"{target}_id") for row in getattr(record, name).all()
                ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_organisations(cleaned)
        content = _content(cleaned)
        for path, message in _SERVICE_CHECK(content):
            field, _dot, rest = path.lstrip(".").partition(".")
            field = field.split("[", 1)[0]
            if field in self.errors:
                continue  # Django already said what is wrong with it
            where = f"{rest}: " if rest else ""
            self.add_error(field if field in self.fields else None, f"{where}{translate(message)}")
        if content["mode"] != "information" and not content["eid"] and "eid" not in self.errors:
            self.add_error("eid", translate("is required unless the service is information-only"))
        return cleaned

    def _check_organisations(self, cleaned: dict[str, Any]) -> None:
        allowed = self.allowed_organisations
        chosen = {o.identifier for o in cleaned.get("authorities") or []}
        if allowed is not None and chosen and not chosen & set(allowed):
            self.add_error(
                "authorities", _("One of your own organisations must be a competent authority.")
            )


def _ids(rows: Any) -> list[str]:
    return [row.identifier for row in rows or []]


def _content(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The form's values shaped as a content-file entry, for `cpsv.checks`."""
    redress = cleaned.get("redress")
    updated = cleaned.get("updated")
    return {
        "id": cleaned.get("identifier"),
        "name": cleaned.get("name"),
        "description": cleaned.get("description"),
        "authorities": _ids(cleaned.get("authorities")),
        "events": _ids(cleaned.get("events")),
        "mode": cleaned.get("mode"),
        "contact_points": _ids(cleaned.get("contact_points")),
        "channels": cleaned.get("channels"),
        "eid": cleaned.get("eid") or None,
        "steps": cleaned.get("steps"),
        "requirements": cleaned.get("requirements"),
        "costs": cleaned.get("costs"),
        "processing_time": cleaned.get("processing_time"),
        "deadline": cleaned.get("deadline"),
        "redress": redress.identifier if redress else None,
        "legal_resources": _ids(cleaned.get("legal_resources")),
        "output": cleaned.get("output"),
        "updated": updated if isinstance(updated, dt.date) else None,
    }
