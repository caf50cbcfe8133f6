# SPDX-License-Identifier: EUPL-1.2
"""The question to ask for each missing fact, in Dutch and English.

Each fact has two wordings: one asking the person themselves, one asking about someone
else in the household (`{who}` is that person's id or name).
"""

from __future__ import annotations

from lifegate.rules.eligibility.result import Text

_T = Text
QUESTIONS: dict[str, tuple[Text, Text]] = {
    "birth_date": (
        _T("Wat is uw geboortedatum?", "What is your date of birth?"),
        _T("Wat is de geboortedatum van {who}?", "What is the date of birth of {who}?"),
    ),
    "yearly_income": (
        _T(
            "Hoe hoog verwacht u dat uw inkomen in {year} is (toetsingsinkomen, bruto per jaar)?",
            "What do you expect your income to be in {year} (assessment income, gross per year)?",
        ),
        _T(
            "Hoe hoog verwacht u dat het inkomen van {who} in {year} is (bruto per jaar)?",
            "What do you expect the income of {who} to be in {year} (gross per year)?",
        ),
    ),
    "assets": (
        _T(
            "Hoeveel vermogen had u op 1 januari {year} (spaargeld en beleggingen min schulden)?",
            "How much in assets did you have on 1 January {year}"
            " (savings and investments less debts)?",
        ),
        _T(
            "Hoeveel vermogen had {who} op 1 januari {year}?",
            "How much in assets did {who} have on 1 January {year}?",
        ),
    ),
    "health_insured": (
        _T("Heeft u een Nederlandse zorgverzekering?", "Do you have Dutch health insurance?"),
        _T(
            "Heeft {who} een Nederlandse zorgverzekering?",
            "Does {who} have Dutch health insurance?",
        ),
    ),
    "resident": (
        _T("Woont u in Nederland?", "Do you live in the Netherlands?"),
        _T("Woont {who} in Nederland?", "Does {who} live in the Netherlands?"),
    ),
    "partner": (
        _T(
            "Heeft u een toeslagpartner"
            " (echtgenoot, geregistreerd partner of samenwonend partner)?",
            "Do you have an allowance partner (spouse, registered or cohabiting partner)?",
        ),
        _T("Heeft {who} een toeslagpartner?", "Does {who} have an allowance partner?"),
    ),
    "enrolled_higher_education": (
        _T(
            "Staat u ingeschreven voor een opleiding in het hoger onderwijs (hbo of universiteit)?",
            "Are you enrolled in higher education (university of applied sciences or university)?",
        ),
        _T(
            "Staat {who} ingeschreven voor een opleiding in het hoger onderwijs?",
            "Is {who} enrolled in higher education?",
        ),
    ),
    "lives_with_parents": (
        _T("Woont u bij een ouder?", "Do you live with a parent?"),
        _T("Woont {who} bij een ouder?", "Does {who} live with a parent?"),
    ),
    "rented": (
        _T("Is uw woning een huurwoning?", "Is your home rented?"),
        _T("Is uw woning een huurwoning?", "Is your home rented?"),
    ),
    "monthly_rent": (
        _T(
            "Hoeveel is uw huur per maand (kale huur plus servicekosten)?",
            "How much is your rent per month (basic rent plus service charges)?",
        ),
        _T(
            "Hoeveel is uw huur per maand (kale huur plus servicekosten)?",
            "How much is your rent per month (basic rent plus service charges)?",
        ),
    ),
}


def question(field: str, person_id: str | None, subject_id: str, year: int) -> Text:
    """The question for `field` of `person_id` (None: the home), asked of `subject_id`."""
    own, other = QUESTIONS[field]
    template = own if person_id in (subject_id, None) else other
    who = person_id or ""
    return Text(template.nl.format(who=who, year=year), template.en.format(who=who, year=year))
