# SPDX-License-Identifier: EUPL-1.2
"""Names of fields and legal bases as citizens read them, in their language."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIELDS: dict[str, Promise] = {
    "persons.givenNames": _("given names"),
    "persons.familyName": _("family name"),
    "persons.sex": _("sex"),
    "persons.birthDate": _("date of birth"),
    "persons.deathDate": _("date of death"),
    "persons.nationality": _("nationality"),
    "persons.municipalityCode": _("municipality"),
    "persons.registered": _("registration in the population register"),
    "persons.partnerBsn": _("partner"),
    "persons.childrenBsns": _("children"),
    "persons.householdSize": _("size of the household"),
    "addresses.street": _("street"),
    "addresses.houseNumber": _("house number"),
    "addresses.postcode": _("postcode"),
    "addresses.city": _("city"),
    "addresses.municipalityCode": _("municipality of the address"),
    "addresses.rented": _("rented or owned home"),
    "incomes.yearlyIncome": _("yearly income"),
    "incomes.assets": _("assets"),
    "incomes.employmentEndDate": _("end of employment"),
    "insurances.healthInsured": _("health insurance"),
    "diplomas.level": _("diploma level"),
    "diplomas.programme": _("diploma programme"),
    "diplomas.institution": _("diploma institution"),
    "diplomas.awardedOn": _("diploma date"),
    "companies.name": _("company name"),
    "companies.ownerBsn": _("company owner"),
    "companies.startDate": _("company start date"),
    "companies.municipalityCode": _("company municipality"),
    "companies.legalForm": _("company legal form"),
    "evidence.birthCertificate": _("birth certificate (from another country)"),
    "person-events.events": _("a life event in the population register"),
}

BASES: dict[str, Promise] = {
    "legal-obligation": _("Legal obligation"),
    "public-task": _("Public task"),
    "consent": _("Your consent"),
    "": _("None"),
}


def field_label(name: str) -> str:
    return str(FIELDS.get(name, name))
