# SPDX-License-Identifier: EUPL-1.2
"""Explanations cite the law for every step, in both languages, with the sources of values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lifegate.rules.eligibility import SERVICE_IDS, SERVICES, Outcome, Situation, evaluate, explain
from lifegate.rules.eligibility.simulate import INPUT_FIELDS
from lifegate.rules.eligibility.unit import benefit_unit
from lifegate.rules.openfisca_nl import tax_benefit_system
from tests.rules.personas import DEMO_DAY, jan, kees, lucia, sanne_household

SITUATIONS: dict[str, Callable[[], Situation]] = {
    "sanne": sanne_household,
    "lucia": lucia,
    "jan": jan,
    "kees": kees,
}
LAW = "https://wetten.overheid.nl/jci1.3:c:BWBR"


@pytest.mark.parametrize("persona", sorted(SITUATIONS))
def test_every_step_and_parameter_of_every_explanation_links_to_the_law(persona: str) -> None:
    evaluation = evaluate(SITUATIONS[persona](), DEMO_DAY)

    for result in evaluation.results:
        nodes = [node for step in result.explanation for node in step.walk()]
        assert nodes, result.service
        for node in nodes:
            assert node.reference.startswith(LAW), node.variable
            assert node.label.nl and node.label.en and node.label.nl != node.label.en, node.variable
            assert all(
                p.reference.startswith("https://wetten.overheid.nl/") for p in node.parameters
            )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("service", SERVICE_IDS)
def test_the_rendered_explanation_cites_a_law_link_on_every_line(lang: str, service: str) -> None:
    result = evaluate(sanne_household(), DEMO_DAY, [service]).result(service)

    lines = explain(result, lang).splitlines()

    assert len(lines) > 1
    word = "law" if lang == "en" else "wet"
    assert all(f"[{word}: {LAW}" in line for line in lines[1:]), "\n".join(lines)


def test_inputs_in_the_explanation_carry_their_source() -> None:
    result = evaluate(sanne_household(), DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    incomes = [n for step in result.explanation for n in step.walk() if n.variable == "jaarinkomen"]

    assert {(v.person_id, v.value, v.source) for v in incomes[0].values} >= {
        ("sanne", 26000.0, "registry:income"),
        ("daan", 34000.0, "registry:income"),
    }
    assert "(source: registry:income)" in explain(result, "en")
    assert "(bron: registry:income)" in explain(result, "nl")


def _traced_inputs(rule_variable: str, simulation: Any, period: str) -> set[str]:
    trace = simulation.tracer.get_flat_trace()
    seen, todo, inputs = set(), [f"{rule_variable}<{period}>"], set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        name = key.partition("<")[0]
        if name in INPUT_FIELDS:
            inputs.add(INPUT_FIELDS[name])
        todo.extend(trace[key]["dependencies"])
    return inputs


@pytest.mark.parametrize("rule", SERVICES, ids=lambda rule: rule.id)
def test_the_declared_needs_of_each_step_cover_every_input_the_rule_reads(rule: Any) -> None:
    from lifegate.rules.eligibility.simulate import build_simulation  # noqa: PLC0415

    situation = sanne_household()
    simulation = build_simulation(
        tax_benefit_system(), situation, benefit_unit(situation, DEMO_DAY), [2025]
    )

    everything = {need.field for step in (*rule.conditions, rule.amount) for need in step.needs}
    for step in (*rule.conditions, rule.amount):
        simulation.calculate(step.variable, "2025-07")
        # The amount applies the conditions, so it may read what they need.
        declared = everything if step is rule.amount else {need.field for need in step.needs}
        assert _traced_inputs(step.variable, simulation, "2025-07") <= declared, step.variable


def test_an_unknown_fact_shows_as_unknown_in_the_explanation() -> None:
    result = evaluate(lucia(), DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    step = next(s for s in result.explanation if s.variable == "zorgtoeslag_inkomensvoorwaarde")

    assert step.outcome is Outcome.UNKNOWN
    assert "unknown" in explain(result, "en") and "onbekend" in explain(result, "nl")
