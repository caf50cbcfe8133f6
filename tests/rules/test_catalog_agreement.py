# SPDX-License-Identifier: EUPL-1.2
"""The catalog and the rules never disagree about which services have rules and which law
applies to them."""

from __future__ import annotations

import pytest

from lifegate.catalog.cpsv import load_catalog
from lifegate.rules import services

CATALOG = load_catalog()
LAWS = {resource.id: resource.local_id for resource in CATALOG.legal_resources}
# Proactive in the catalog, but decided by an agency without a computation (no rule).
PROACTIVE_WITHOUT_RULE = {
    "kind-bijschrijven-zorgverzekering",
    "btw-identificatienummer",
    "aow-overlijdensuitkering",
}


@pytest.mark.parametrize("service_id", services.rule_ids())
def test_every_rule_decides_a_service_of_the_catalog(service_id: str) -> None:
    assert service_id in {service.id for service in CATALOG.services}


@pytest.mark.parametrize(
    "service",
    [s for s in CATALOG.services if s.mode == "proactive" or s.id in services.rule_ids()],
    ids=lambda s: s.id,
)
def test_a_service_with_a_rule_names_the_law_its_rule_cites(service: object) -> None:
    rule = services.rule_for_service(service.id)  # type: ignore[attr-defined]

    if rule is None:
        assert service.id in PROACTIVE_WITHOUT_RULE  # type: ignore[attr-defined]
        return
    main_law = LAWS[service.legal_resources[0]]  # type: ignore[attr-defined]
    assert main_law == rule.bwb_ids[0]
    assert {LAWS[r] for r in service.legal_resources} & set(rule.bwb_ids)  # type: ignore[attr-defined]


def test_a_service_without_a_rule_has_no_rule() -> None:
    assert services.rule_for_service("aangifte-geboorte") is None
