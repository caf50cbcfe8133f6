# SPDX-License-Identifier: EUPL-1.2
"""Estimates for a signed-in citizen: the offers of the rules block's latest proactive run
(`rules.services.offers_for_person`), for the services among the finder's results.

An estimate, never a decision: the organisation decides when the citizen applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.utils import formats
from django.utils.translation import gettext as _

from lifegate.identity.services import Citizen


@dataclass(frozen=True)
class Estimate:
    """A citizen's likely entitlement to one service, in one line."""

    service: str
    status: str  # "entitled" or "need_more_info"
    headline: str


def rules_available() -> bool:
    return apps.is_installed("lifegate.rules")


def from_rules(citizen: Citizen, services: Sequence[str], names: dict[str, str]) -> list[Estimate]:
    """The latest proactive run's offers for `citizen` among `services`."""
    if citizen.person_id is None or not services or not rules_available():
        return []
    from lifegate.rules import services as rules  # noqa: PLC0415 - only when installed

    wanted = set(services)
    return [
        Estimate(o.service, o.status, _headline(names.get(o.service, o.service), o))
        for o in rules.offers_for_person(citizen.person_id)
        if o.service in wanted and o.status in {"entitled", "need_more_info"}
    ]


def _headline(name: str, offer: object) -> str:
    status = getattr(offer, "status", "")
    if status != "entitled":
        return _("%(name)s: we need to know more to estimate this.") % {"name": name}
    amount: Decimal | None = getattr(offer, "amount", None)
    if amount is None:
        return _("%(name)s: you are probably entitled.") % {"name": name}
    periods = {"month": _("per month"), "quarter": _("per quarter"), "year": _("per year")}
    return _("%(name)s: probably entitled, about €%(amount)s %(period)s.") % {
        "name": name,
        "amount": formats.number_format(amount, 2),
        "period": periods.get(getattr(offer, "period", ""), ""),
    }
