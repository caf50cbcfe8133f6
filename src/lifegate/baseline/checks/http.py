# SPDX-License-Identifier: EUPL-1.2
"""Security headers, cookies, CSRF, CORS and no-store, as this installation answers them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.http.response import HttpResponseBase
from django.test import Client

from lifegate.baseline.checks.routes import Route, concrete_path
from lifegate.baseline.outcome import Outcome

PAGES = ("/nl/", "/en/", "/api/v1/health", "/nl/ambtenaren/inloggen")
_CSP_MUST = ("object-src 'none'", "base-uri ", "frame-ancestors ")
_FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.IGNORECASE | re.DOTALL)
_POST = re.compile(r"method\s*=\s*[\"']?post", re.IGNORECASE)
FOREIGN_ORIGIN = "https://attacker.invalid"
SESSION_PAGE = "/nl/wallet"  # the reference wallet keeps its state in a session: sets the cookie


def header_problems(path: str, response: HttpResponseBase) -> list[str]:
    """What is missing from one answer's security headers (served over HTTPS)."""
    problems = []
    csp = response.get("Content-Security-Policy", "")
    problems += [f"{path}: CSP lacks {d.strip()}" for d in _CSP_MUST if d not in csp]
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append(f"{path}: CSP allows unsafe-inline or unsafe-eval")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{path}: no X-Content-Type-Options: nosniff")
    if not response.get("Referrer-Policy"):
        problems.append(f"{path}: no Referrer-Policy")
    if "max-age=" not in response.get("Strict-Transport-Security", ""):
        problems.append(f"{path}: no Strict-Transport-Security over HTTPS")
    return problems


def security_headers(pages: Iterable[str] = PAGES) -> Outcome:
    client = Client()
    problems: list[str] = []
    checked = []
    for path in pages:
        response = client.get(path, secure=True)
        problems += header_problems(path, response)
        checked.append(f"{path} ({response.status_code})")
    if settings.DEBUG:
        problems.append("DEBUG is on: turn LIFEGATE_DEBUG off outside development")
    proven = [
        "CSP (object-src 'none', base-uri, frame-ancestors, no unsafe-*), nosniff, "
        "Referrer-Policy and HSTS on " + ", ".join(checked),
        "DEBUG is off",
    ]
    return Outcome.of(problems, proven)


def _cookie_problems(name: str, morsel: dict[str, str], http_only: bool) -> list[str]:
    problems = []
    if morsel.get("samesite", "").lower() not in {"lax", "strict"}:
        problems.append(f"cookie {name} has no SameSite=Lax/Strict")
    if http_only and not morsel.get("httponly"):
        problems.append(f"cookie {name} is not HttpOnly")
    if settings.PUBLIC_URL.startswith("https://"):
        if not morsel.get("secure"):
            problems.append(f"cookie {name} is not Secure on an https installation")
        if not name.startswith("__Host-"):
            problems.append(f"cookie {name} lacks the __Host- prefix on an https installation")
    return problems


def session_cookies() -> Outcome:
    """Sets the CSRF and session cookies the real way and reads their attributes."""
    client = Client()
    client.get("/nl/ambtenaren/inloggen")
    client.get(SESSION_PAGE)
    problems = []
    seen = []
    for name, http_only in (
        (settings.SESSION_COOKIE_NAME, True),
        (settings.CSRF_COOKIE_NAME, False),
    ):
        morsel = client.cookies.get(name)
        if morsel is None:
            problems.append(f"cookie {name} was not set by the sign-in pages")
            continue
        problems += _cookie_problems(name, dict(morsel.items()), http_only)
        seen.append(name)
    proven = [f"{', '.join(seen)}: SameSite=Lax, session HttpOnly"]
    if settings.PUBLIC_URL.startswith("https://"):
        proven.append("Secure with the __Host- prefix (https installation)")
    else:
        proven.append(
            "not Secure: LIFEGATE_PUBLIC_URL is plain http (local demo, documented exception); "
            "behind TLS set LIFEGATE_SECURE_COOKIES=true"
        )
    return Outcome.of(problems, proven)


def unprotected_forms(path: str, body: str) -> list[str]:
    """POST forms in a page that carry no CSRF token."""
    return [
        f"{path}: a POST form without csrfmiddlewaretoken"
        for form in _FORM.findall(body)
        if _POST.search(form.split(">", 1)[0]) and "csrfmiddlewaretoken" not in form
    ]


def csrf_protection(pages: list[Route], exempt: list[Route], allowed: set[str]) -> Outcome:
    """CSRF middleware on, exemptions only where allowed, every rendered POST form tokened."""
    problems = []
    if "django.middleware.csrf.CsrfViewMiddleware" not in settings.MIDDLEWARE:
        problems.append("CsrfViewMiddleware is not in MIDDLEWARE")
    problems += [
        f"/{r.pattern} ({r.view}) is csrf_exempt but is no API or protocol endpoint"
        for r in exempt
        if r.view not in allowed
    ]
    client = Client()
    forms = 0
    for route in pages:
        path = concrete_path(route.pattern)
        response = client.get(path)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            body = response.content.decode()
            forms += len(_FORM.findall(body))
            problems += unprotected_forms(path, body)
    enforcing = Client(enforce_csrf_checks=True).post("/nl/ambtenaren/inloggen", {})
    if enforcing.status_code != 403:
        problems.append(f"a POST without CSRF token answered {enforcing.status_code}, not 403")
    proven = [
        f"{len(exempt)} csrf_exempt views, each an API or protocol endpoint (bearer/client auth)",
        f"{forms} forms on {len(pages)} pages rendered, every POST form carries a token",
        "a POST without token is refused with 403",
    ]
    return Outcome.of(problems, proven)


def cors(allowed: Iterable[str]) -> Outcome:
    client = Client()
    problems = []
    plain = client.get("/api/v1/health", HTTP_ORIGIN=FOREIGN_ORIGIN)
    preflight = client.options(
        "/api/v1/cases/cases",
        HTTP_ORIGIN=FOREIGN_ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    for label, response in (("request", plain), ("preflight", preflight)):
        if "Access-Control-Allow-Origin" in response:
            problems.append(f"a {label} from {FOREIGN_ORIGIN} got Access-Control-Allow-Origin")
    origins = list(allowed)
    for origin in origins:
        answer = client.get("/api/v1/health", HTTP_ORIGIN=origin)
        if answer.get("Access-Control-Allow-Origin") != origin:
            problems.append(f"configured origin {origin} is not allowed")
    proven = [
        f"no CORS for an unlisted origin (request and preflight); "
        f"{len(origins)} configured origins (LIFEGATE_CORS_ORIGINS) allowed, never '*'"
    ]
    return Outcome.of(problems, proven)


def no_store(personal: Iterable[tuple[Client, str]]) -> Outcome:
    """Every personal answer is `Cache-Control: no-store`."""
    problems = []
    checked = []
    for client, path in personal:
        response = client.get(path)
        if "no-store" not in response.get("Cache-Control", ""):
            problems.append(f"{path} ({response.status_code}) is not no-store")
        checked.append(f"{path} ({response.status_code})")
    return Outcome.of(problems, ["no-store on " + ", ".join(checked)])
