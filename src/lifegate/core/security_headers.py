# SPDX-License-Identifier: EUPL-1.2
"""Security headers on every answer: CSP, HSTS, no-store for personal answers, CORS allowlist.

Django's SecurityMiddleware already sends nosniff, Referrer-Policy and (over HTTPS) HSTS;
XFrameOptionsMiddleware sends X-Frame-Options. This middleware adds what Django lacks
(BIO 8.23/8.26, OWASP ASVS 4.0.3 V14.4, V8.2.1, V14.5.3). See src/lifegate/baseline/README.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# htmx 2 injects one <style> element for its request indicators; allowing exactly that text by
# its hash keeps style-src free of 'unsafe-inline'. Recompute when htmx is upgraded
# (Chromium then reports a CSP violation on every page; the browser tests show it).
HTMX_INDICATOR_STYLE_HASH = "'sha256-bsV5JivYxvGywDAZ22EZJKBFip65Ng9xoJVLbBg7bdo='"

_CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
_CORS_HEADERS = "Authorization, Content-Type, Idempotency-Key, API-Version"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(theme_css: str) -> str:
    """The policy for this installation; a theme served from elsewhere is allowed by origin."""
    styles = ["'self'", HTMX_INDICATOR_STYLE_HASH]
    theme_origin = _origin(theme_css)
    if theme_origin:
        styles.append(theme_origin)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": styles,
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _carries_credentials(request: HttpRequest) -> bool:
    """A request made by someone signed in, or with an API credential: its answer is personal."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _add_cors(request: HttpRequest, response: HttpResponse, allowed: Iterable[str]) -> None:
    origin = request.headers.get("Origin", "")
    if not request.path.startswith("/api/"):
        return
    response["Vary"] = ", ".join(filter(None, [response.get("Vary", ""), "Origin"]))
    if origin and origin in allowed:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = _CORS_METHODS
        response["Access-Control-Allow-Headers"] = _CORS_HEADERS
        response["Access-Control-Max-Age"] = "600"


def _is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META


class SecurityHeadersMiddleware:
    """Adds CSP, HSTS (for an https installation), no-store and CORS for configured origins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = content_security_policy(settings.THEME_CSS)
        self.cors_origins = frozenset(settings.CORS_ALLOWED_ORIGINS)
        self.https = settings.PUBLIC_URL.startswith("https://")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed_preflight = _is_preflight(request) and request.headers.get("Origin") in (
            self.cors_origins
        )
        response = HttpResponse(status=204) if allowed_preflight else self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        # Behind a TLS-terminating proxy Django sees plain HTTP; an https public address is
        # the installation's promise that it is only reached over TLS.
        if self.https and not request.is_secure():
            response.setdefault(
                "Strict-Transport-Security", f"max-age={settings.SECURE_HSTS_SECONDS}"
            )
        if _carries_credentials(request) and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        _add_cors(request, response, self.cors_origins)
        return response
