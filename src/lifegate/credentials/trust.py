# SPDX-License-Identifier: EUPL-1.2
"""What the verifiers trust: the trusted issuer list (this installation's issuers plus those
named in LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS or the operator's trusted list file,
LIFEGATE_CREDENTIALS_TRUSTED_LIST, their keys fetched and kept current over HTTP) and
status lists: this installation's read where they are kept, every other fetched over HTTP."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from lifegate.catalog import services as catalog
from lifegate.credentials import configurations, keystore, statuses
from lifegate.credentials.remote_issuers import (
    NO_USABLE_KEY,
    FetchedKeys,
    IssuerUnreachableError,
    RefreshPolicy,
    RemoteIssuers,
    published_kid,
    usable_keys,
)
from lifegate.credentials.trusted_list import ListedIssuer, TrustedListError, parse_trusted_list
from lifegate.credentials.verifier import TrustedIssuers, Verifier

logger = logging.getLogger(__name__)

STATUS_LIST_MEDIA_TYPE = "application/statuslist+jwt"
_MAX_BYTES = 1024 * 1024
_TIMEOUT = httpx.Timeout(5.0)
_NATIONAL_ISSUERS = ("rvig", "duo")


def capped_get(client: httpx.Client, url: str, accept: str, what: str) -> tuple[bytes, str]:
    """The body (at most 1 MiB) and Cache-Control of a GET of `url` (http or https, no
    redirects). Raises IssuerUnreachableError when it could not be asked or failed
    (network, time-out, 5xx), ValueError for a bad address or any answer but a 200."""
    if urlsplit(url).scheme not in ("https", "http"):
        raise ValueError(f"{what} is fetched over http(s) only")
    body = bytearray()
    try:
        with client.stream("GET", url, headers={"Accept": accept}) as response:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > _MAX_BYTES:
                    raise ValueError(f"{what} is larger than {_MAX_BYTES} bytes")
    except httpx.InvalidURL as exc:
        raise ValueError(f"{what}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise IssuerUnreachableError(f"{what}: {exc or type(exc).__name__}") from exc
    if response.status_code >= httpx.codes.INTERNAL_SERVER_ERROR:
        raise IssuerUnreachableError(f"{what} answered {response.status_code}")
    if response.status_code != httpx.codes.OK:
        raise ValueError(f"{what} answered {response.status_code}")
    return bytes(body), response.headers.get("Cache-Control", "")


class HttpStatusLists:
    """The core's `StatusListFetcher` over real HTTP (httpx): GET, no redirects, size-capped."""

    def __init__(self, client: httpx.Client | None = None) -> None:
        self.client = client or httpx.Client(timeout=_TIMEOUT, follow_redirects=False)

    def fetch(self, uri: str) -> str:
        body, _cache = capped_get(self.client, uri, STATUS_LIST_MEDIA_TYPE, "status list")
        return body.decode("utf-8").strip()

    def close(self) -> None:
        self.client.close()


class LocalFirstStatusLists:
    """This installation's own status lists read where they are kept, every other over HTTP.
    Fetching its own list over HTTP would have a verification wait for a free thread of
    its own server, which the verifications waiting for that very list may all hold (then
    every one of them is refused after the time-out), and would need the public address
    to reach back in, which behind a proxy or in a container it often does not."""

    def __init__(self, remote: HttpStatusLists) -> None:
        self.remote = remote

    def fetch(self, uri: str) -> str:
        local = configurations.local_status_list(uri)
        if local is None:
            return self.remote.fetch(uri)
        token = statuses.status_list_token(*local)
        if token is None:
            raise ValueError(f"there is no status list at {uri}")
        return token


def local_issuers() -> list[str]:
    """Organisations of this installation that sign credentials."""
    municipalities = [
        o.identifier for o in catalog.list_organisations("en") if o.kind == "municipality"
    ]
    return [*_NATIONAL_ISSUERS, *sorted(municipalities)]


def issuer_names(language: str) -> dict[str, str]:
    """Issuer identifier -> organisation name, for verdicts people can read: this
    installation's organisations, and the names the trusted list gives issuers elsewhere."""
    names = catalog.organisation_names(language)
    listed = {entry.issuer: entry.name(language) for entry in usable_trusted_list()}
    return listed | {configurations.issuer_id(org): names.get(org, org) for org in local_issuers()}


def trusted_list() -> tuple[ListedIssuer, ...]:
    """The operator's trusted issuer list (LIFEGATE_CREDENTIALS_TRUSTED_LIST), read again
    once the file changes. Raises TrustedListError saying what is wrong and what to do."""
    path = settings.CREDENTIALS_TRUSTED_LIST
    if not path:
        return ()
    read = _read_trusted_list(path, _list_version(path))
    if isinstance(read, TrustedListError):
        raise read
    return read


def usable_trusted_list() -> tuple[ListedIssuer, ...]:
    """The trusted list, or none of it while it cannot be used (logged): fail closed."""
    try:
        return trusted_list()
    except TrustedListError:  # logged once per version of the file, when it was read
        return ()


def _is_own(issuer: str) -> bool:
    """Whether `issuer` is an issuer address of this installation. Told from the address
    alone: system checks run this before the database (and so the catalog) may exist."""
    return issuer.startswith(configurations.issuer_id(""))


def own_issuers_listed() -> list[str]:
    """Entries of the trusted list that name one of this installation's issuers: they are
    not used (its own issuers are trusted with the keys kept here, under their own names)."""
    return [entry.issuer for entry in usable_trusted_list() if _is_own(entry.issuer)]


def foreign_issuers() -> tuple[str, ...]:
    """Issuers elsewhere that verifiers here trust: the setting's, then the list's (not
    this installation's own, should the list name one)."""
    listed = (entry.issuer for entry in usable_trusted_list())
    named = dict.fromkeys([*settings.CREDENTIALS_TRUSTED_ISSUERS, *listed])
    return tuple(issuer for issuer in named if not _is_own(issuer))


def _list_version(path: str) -> tuple[int, ...]:
    """What changes when the file does: its content (time, size, inode: an editor may write
    a new file) and its permissions (ctime), so a list refused as unreadable is read again
    once the operator fixes them."""
    try:
        found = Path(path).stat()
    except OSError:
        return ()  # missing: read (and refused) again once it appears
    return (found.st_mtime_ns, found.st_ctime_ns, found.st_size, found.st_ino)


@lru_cache(maxsize=4)  # the answer, refusal included, per version of the file
def _read_trusted_list(
    path: str, _version: tuple[int, ...]
) -> tuple[ListedIssuer, ...] | TrustedListError:
    what, unset = (
        f"The trusted issuer list {path}",
        "fix it, or unset LIFEGATE_CREDENTIALS_TRUSTED_LIST",
    )
    try:
        return parse_trusted_list(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        refused = TrustedListError(f"{what} cannot be read ({exc.strerror or exc}); {unset}")
    except (ValueError, RecursionError) as exc:  # TrustedListError, bad UTF-8, too deep
        refused = TrustedListError(f"{what} cannot be used: {exc}; {unset}")
    logger.error("credentials.trusted_list_unusable", extra={"error": str(refused)})
    return refused


class HttpIssuerMetadata:
    """The core's `JwksFetcher` over real HTTP: SD-JWT VC issuer metadata, at
    /.well-known/jwt-vc-issuer followed by the issuer identifier's path, with its keys
    inline (`jwks`) or at `jwks_uri`, as the metadata may give either; no redirects. An
    https issuer's keys are only ever read over https."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def fetch(self, issuer: str) -> FetchedKeys:
        parts = urlsplit(issuer)
        url = f"{parts.scheme}://{parts.netloc}/.well-known/jwt-vc-issuer{parts.path}"
        document, max_age = self._get_json(url, "issuer metadata")
        if document.get("issuer") != issuer:
            raise ValueError("issuer metadata does not describe this issuer")
        jwks = document.get("jwks")
        if jwks is None and isinstance(document.get("jwks_uri"), str):
            address = keys_address(issuer, document["jwks_uri"])
            jwks, keys_max_age = self._get_json(address, "the issuer's jwks_uri")
            max_age = min((a for a in (max_age, keys_max_age) if a is not None), default=None)
        if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
            raise ValueError("issuer metadata has neither jwks nor a jwks_uri giving keys")
        keys = [key for key in jwks["keys"] if isinstance(key, dict)]
        return FetchedKeys(keys, max_age)

    def _get_json(self, url: str, what: str) -> tuple[dict[str, Any], int | None]:
        """The JSON object at `url` and how long it may be kept (its Cache-Control)."""
        body, cache_control = capped_get(self.client, url, "application/json", what)
        document = json.loads(body)
        if not isinstance(document, dict):
            raise ValueError(f"{what} is not a JSON object")
        return document, _max_age(cache_control)


def keys_address(issuer: str, jwks_uri: str) -> str:
    """The `jwks_uri` an issuer's metadata gives, if it may be followed: an https issuer's
    keys are read over https only, so no one on the way can hand us keys."""
    if urlsplit(issuer).scheme == "https" and urlsplit(jwks_uri).scheme != "https":
        raise ValueError("an https issuer's jwks_uri must be https too")
    return jwks_uri


def _max_age(cache_control: str) -> int | None:
    """`max-age` of a Cache-Control header (0 for `no-store`/`no-cache`), if it gives one."""
    directives = [d.strip().lower() for d in cache_control.split(",")]
    if "no-store" in directives or "no-cache" in directives:
        return 0
    for directive in directives:
        name, _, value = directive.partition("=")
        seconds = value.strip('"')
        if name == "max-age" and seconds.isascii() and seconds.isdecimal():
            return int(seconds)
    return None


def trusted_issuers(client: httpx.Client) -> RemoteIssuers:
    """This installation's issuers with the keys they publish, and the foreign issuers of
    LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS and the trusted list, whose keys are fetched when
    first needed."""
    local = TrustedIssuers.from_jwks(
        {
            configurations.issuer_id(org): [
                key.public_jwk for key in keystore.published_keys(f"issuer-{org}")
            ]
            for org in local_issuers()
        }
    )
    return RemoteIssuers(
        local.keys,
        foreign_issuers(),
        HttpIssuerMetadata(client),
        lambda: int(time.time()),
        RefreshPolicy(max_age=settings.CREDENTIALS_ISSUER_KEYS_TTL),
    )


@dataclass(frozen=True)
class ForeignIssuerCheck:
    issuer: str
    name: str  # in English, as the trusted list gives it; "" when it gives none
    kids: tuple[str, ...]  # the usable keys it publishes now ("" for a key without kid)
    max_age: int | None
    problem: str  # why no usable key could be had; "" when there are some


def check_foreign_issuers() -> list[ForeignIssuerCheck]:
    """Fetch every foreign issuer's keys now, as a verifier would, for an operator to see
    that the settings and the trusted list name issuers that answer."""
    found = []
    names = issuer_names("en")
    with httpx.Client(timeout=_TIMEOUT, follow_redirects=False) as client:
        for issuer in foreign_issuers():
            name = names.get(issuer, "")
            try:
                fetched = HttpIssuerMetadata(client).fetch(issuer)
            except (IssuerUnreachableError, ValueError) as exc:
                problem = str(exc) or type(exc).__name__
                found.append(ForeignIssuerCheck(issuer, name, (), None, problem))
                continue
            kids = tuple(published_kid(kid) for kid in usable_keys(fetched.jwks))
            problem = "" if kids else NO_USABLE_KEY
            found.append(ForeignIssuerCheck(issuer, name, kids, fetched.max_age, problem))
    return found


_verifiers: dict[tuple[str, str, int, str, tuple[int, ...]], Verifier] = {}
_fetchers: dict[tuple[str, str], HttpStatusLists] = {}  # one HTTP client per installation
_lock = threading.Lock()


def verifier() -> Verifier:
    """This process's verifier; it keeps fetched status lists for their ttl, as allowed.
    A new one once this installation's issuer keys change (a rotation in another process)
    or the trusted list file does: it trusts the new key set or list and fetches status
    lists again, over the same HTTP client."""
    installation = (str(settings.PUBLIC_URL), str(settings.HOME))
    listed = settings.CREDENTIALS_TRUSTED_LIST
    key = (*installation, keystore.generation(), listed, _list_version(listed) if listed else ())
    with _lock:
        found = _verifiers.get(key)
        if found is None:
            _verifiers.clear()
            fetcher = _fetchers.setdefault(installation, HttpStatusLists())
            found = Verifier(
                trusted_issuers(fetcher.client),
                LocalFirstStatusLists(fetcher),
                lambda: int(time.time()),
                default_status_ttl=settings.CREDENTIALS_STATUS_TTL,
            )
            _verifiers[key] = found
        return found


def forget() -> None:
    """Drop the verifier (trusted keys and cached status lists), e.g. after a key change."""
    with _lock:
        for fetcher in _fetchers.values():
            fetcher.close()
        _fetchers.clear()
        _verifiers.clear()
