# SPDX-License-Identifier: EUPL-1.2
"""What a mandate may cover. Pure: no Django, no IO.

A scope key is one of
- a theme of `THEMES` (services by their catalog ids; `*` covers every service),
- `service:<catalog service id>`: that one service,
- `event:<catalog event id>`: every service of that life or business event in the catalog.

The catalog comes in as a `ScopeCatalog` (built from `catalog.services` by
`catalog_scopes.py`), so this module never reads it itself. `PLATFORM_SERVICES` are the
platform's own functions a theme may cover besides catalog services (reading the grantor's
message box).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ANY_SERVICE = "*"
PLATFORM_SERVICES = frozenset({"messagebox"})
SERVICE_PREFIX = "service:"
EVENT_PREFIX = "event:"


@dataclass(frozen=True)
class Theme:
    key: str
    label_nl: str
    label_en: str
    services: frozenset[str]
    for_company: bool = False

    def covers(self, service: str) -> bool:
        return service == ANY_SERVICE or ANY_SERVICE in self.services or service in self.services

    def label(self, language: str) -> str:
        return self.label_nl if language == "nl" else self.label_en


@dataclass(frozen=True)
class Named:
    """A catalog service or event: its id, names, and `life`/`business` (an event's kind, or
    the kinds of a service's events)."""

    id: str
    nl: str
    en: str
    kinds: frozenset[str]

    def label(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class ScopeCatalog:
    services: Mapping[str, Named] = field(default_factory=dict)
    events: Mapping[str, Named] = field(default_factory=dict)
    event_services: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class ChoiceGroup:
    group: str  # "themes" or "services": the page names the group in its language
    choices: tuple[Choice, ...]


CARE_AND_ALLOWANCES = frozenset(
    {
        "zorgtoeslag",
        "huurtoeslag",
        "kindgebonden-budget",
        "kinderopvangtoeslag",
        "kinderbijslag",
        "toeslagen-wijziging-doorgeven",
        "aow",
        "aio-aanvulling",
        "eigen-bijdrage-wlz",
        "zorgverzekering-afsluiten",
        "kind-bijschrijven-zorgverzekering",
        "europese-zorgpas",
    }
)
TAXES = frozenset(
    {
        "aangifte-inkomstenbelasting-migratie",
        "aangifte-inkomstenbelasting-overledene",
        "aangifte-erfbelasting",
        "dertig-procentregeling",
        "kwijtschelding-gemeentelijke-belastingen",
    }
)

THEMES: dict[str, Theme] = {
    t.key: t
    for t in (
        Theme(
            "care-and-allowances",
            "Zorg en toeslagen (en uw berichten)",
            "Care and allowances (and your messages)",
            CARE_AND_ALLOWANCES | {"messagebox"},
        ),
        Theme("taxes", "Belastingen", "Taxes", TAXES),
        Theme("all", "Alle diensten", "All services", frozenset({ANY_SERVICE})),
        Theme(
            "company-all",
            "Alle diensten voor het bedrijf",
            "All services for the company",
            frozenset({ANY_SERVICE}),
            for_company=True,
        ),
    )
}


def _kind(for_company: bool) -> str:
    return "business" if for_company else "life"


def theme_services_missing(catalog: ScopeCatalog) -> set[str]:
    """Service ids named by a theme that the catalog does not know (should stay empty)."""
    named = {s for t in THEMES.values() for s in t.services} - {ANY_SERVICE}
    return named - set(catalog.services) - PLATFORM_SERVICES


def grantable(key: str, catalog: ScopeCatalog, for_company: bool) -> bool:
    """May a person (or, with `for_company`, a company) give a mandate with this scope?"""
    if key in THEMES:
        return THEMES[key].for_company == for_company
    if key.startswith(SERVICE_PREFIX):
        found = catalog.services.get(key.removeprefix(SERVICE_PREFIX))
    elif key.startswith(EVENT_PREFIX):
        found = catalog.events.get(key.removeprefix(EVENT_PREFIX))
    else:
        return False
    return found is not None and _kind(for_company) in found.kinds


def scope_covers(key: str, service: str, catalog: Callable[[], ScopeCatalog]) -> bool:
    """Does the scope cover `service` (`*`: anything at all)? `catalog` is asked only for
    event scopes, whose services may change when officials edit the catalog."""
    if key in THEMES:
        return THEMES[key].covers(service)
    if key.startswith(SERVICE_PREFIX):
        return service in {ANY_SERVICE, key.removeprefix(SERVICE_PREFIX)}
    if key.startswith(EVENT_PREFIX):
        if service == ANY_SERVICE:
            return True
        services = catalog().event_services.get(key.removeprefix(EVENT_PREFIX), frozenset())
        return service in services
    return False


def label(key: str, catalog: ScopeCatalog, language: str) -> str:
    """The scope's name in `language`; the key itself when the catalog no longer has it."""
    if key in THEMES:
        return THEMES[key].label(language)
    if key.startswith(SERVICE_PREFIX):
        found = catalog.services.get(key.removeprefix(SERVICE_PREFIX))
    else:
        found = catalog.events.get(key.removeprefix(EVENT_PREFIX))
    return found.label(language) if found else key


def choices(catalog: ScopeCatalog, language: str, for_company: bool) -> list[ChoiceGroup]:
    """What the grant form offers: themes (and life or business events), then services."""
    kind = _kind(for_company)
    themes = [
        Choice(t.key, t.label(language)) for t in THEMES.values() if t.for_company == for_company
    ]
    events = [
        Choice(EVENT_PREFIX + e.id, e.label(language))
        for e in catalog.events.values()
        if kind in e.kinds
    ]
    services = [
        Choice(SERVICE_PREFIX + s.id, s.label(language))
        for s in catalog.services.values()
        if kind in s.kinds
    ]
    by_label = sorted(events, key=lambda c: c.label.casefold())
    return [
        ChoiceGroup("themes", (*themes, *by_label)),
        ChoiceGroup("services", tuple(sorted(services, key=lambda c: c.label.casefold()))),
    ]
