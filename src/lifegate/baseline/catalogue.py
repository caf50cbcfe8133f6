# SPDX-License-Identifier: EUPL-1.2
"""The one place where the baseline's checks are registered, in the order they run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from lifegate.baseline.checks import api_fuzz, http, objects, routes, signin, supply, tokens
from lifegate.baseline.exceptions import judge
from lifegate.baseline.logscan import LineCollector, scan
from lifegate.baseline.outcome import Check, CheckRegistry, Outcome

# Endpoints called by other systems, never authenticated by a browser cookie: the CKAN action
# API (read-only, for data portals) and the OpenID4VCI nonce (a fresh number, no data).
CSRF_EXEMPT_ALLOWED = {
    "lifegate.opendata.ckan_views.action",
    "lifegate.credentials.endpoints.nonce",
}


def api_document() -> dict[str, Any]:
    from lifegate.config.api import api  # noqa: PLC0415 - needs the URL map loaded

    return dict(api.get_openapi_schema())


def api_paths() -> frozenset[str]:
    return frozenset(api_document()["paths"])


def _csrf() -> Outcome:
    every = routes.all_routes()
    by_rule, _ = routes.inventory(every, api_paths())
    exempt = [r for r in every if _is_csrf_exempt(r)]
    allowed = {r.view for rule in ("api", "client") for r in by_rule.get(rule, [])}
    pages = [
        r
        for r in by_rule.get("public", []) + by_rule.get("citizen", [])
        if "<" not in r.pattern and not r.pattern.startswith("api/")
    ]
    return http.csrf_protection(pages, exempt, allowed | CSRF_EXEMPT_ALLOWED)


def _is_csrf_exempt(route: routes.Route) -> bool:
    from django.urls import resolve  # noqa: PLC0415

    try:
        match = resolve(routes.concrete_path(route.pattern))
    except Exception:
        return False
    return bool(getattr(match.func, "csrf_exempt", False)) and not route.pattern.startswith(
        "api/v1/"
    )


def _no_store() -> Outcome:
    signed = Client()
    signed.get(http.SESSION_PAGE)  # a session cookie, as a signed-in visitor has
    return http.no_store(
        [
            (Client(HTTP_AUTHORIZATION="Bearer not-a-token"), "/api/v1/cases/cases"),
            (signed, "/nl/berichten"),
            (signed, "/nl/mijn-zaken"),
        ]
    )


def _fuzz(examples: int) -> Callable[[], Outcome]:
    def run() -> Outcome:
        findings, proven = api_fuzz.openapi_fuzz(examples)
        problems, accepted = judge(findings, supply.load_exceptions(), timezone.localdate())
        return Outcome.of(problems, proven + accepted)

    return run


def build(examples: int, collector: LineCollector, log_file: Path | None) -> CheckRegistry:
    registry = CheckRegistry()
    for check in (
        Check(
            "routes.inventory",
            "every route is an API operation, declared page or public",
            lambda: routes.route_inventory(api_paths()),
        ),
        Check("http.headers", "CSP, HSTS, nosniff, Referrer-Policy", http.security_headers),
        Check("http.cookies", "session and CSRF cookies", http.session_cookies),
        Check("http.csrf", "CSRF on every state-changing form", _csrf),
        Check(
            "http.cors",
            "CORS only for configured origins",
            lambda: http.cors(settings.CORS_ALLOWED_ORIGINS),
        ),
        Check("http.no-store", "personal answers are not stored", _no_store),
        Check(
            "api.fuzz",
            "schemathesis over every operation, once per role",
            _fuzz(examples),
        ),
        Check("tokens.negative", "forged JWTs refused everywhere", tokens.token_negatives),
        Check(
            "authz.objects",
            "object-level authorisation matrix",
            lambda: objects.object_authorisation(api_document()),
        ),
        Check(
            "auth.sign-in",
            "sign-in throttled, no lockout, no account enumeration",
            signin.sign_in_protection,
        ),
        Check("supply.pip-audit", "no known vulnerable dependency", supply.pip_audit),
        Check("supply.bandit", "static analysis with dated exceptions", supply.bandit),
        Check("logs.clean", "no secrets or BSNs in log lines", lambda: _logs(collector, log_file)),
    ):
        registry.register(check)
    return registry


def _logs(collector: LineCollector, log_file: Path | None) -> Outcome:
    lines = list(collector.lines)
    source = "this baseline run"
    if log_file is not None:
        lines += log_file.read_text(encoding="utf-8", errors="replace").splitlines()
        source += f" and {log_file}"
    return scan(lines, settings.HOME, source)
