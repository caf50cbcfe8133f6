# SPDX-License-Identifier: EUPL-1.2
"""OOTS-style evidence request and response, as JSON. Pure: no Django, no IO.

Modelled on the OOTS evidence exchange (Regulation (EU) 2022/1463): the request names the
procedure, the requested evidence type, the natural person (eIDAS minimum data set, with
the level of assurance), `PossibilityForPreview` and `ExplicitRequestGiven`; the answer is
either a preview location, an exception, or the evidence with a PDF rendition.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

BIRTH_CERTIFICATE = (
    "https://sr.oots.tech.ec.europa.eu/evidencetypeclassifications/ES/birth-certificate"
)


@dataclass(frozen=True)
class NaturalPerson:
    person_identifier: str
    family_name: str
    given_name: str
    date_of_birth: str
    level_of_assurance: str


@dataclass(frozen=True)
class EvidenceRequest:
    request_id: str
    procedure: str
    requester_id: str
    requester_name: str
    evidence_type: str
    person: NaturalPerson
    possibility_for_preview: bool
    explicit_request_given: bool
    return_url: str
    traceparent: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "requestId": self.request_id,
            "procedure": self.procedure,
            "evidenceRequester": {
                "id": self.requester_id,
                "name": self.requester_name,
                "country": "NL",
            },
            "requestedEvidence": {"evidenceTypeClassification": self.evidence_type},
            "naturalPerson": {
                "personIdentifier": self.person.person_identifier,
                "familyName": self.person.family_name,
                "givenName": self.person.given_name,
                "dateOfBirth": self.person.date_of_birth,
                "levelOfAssurance": self.person.level_of_assurance,
            },
            "possibilityForPreview": self.possibility_for_preview,
            "explicitRequestGiven": self.explicit_request_given,
            "previewReturnUrl": self.return_url,
        }

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> EvidenceRequest:
        person = body["naturalPerson"]
        return cls(
            request_id=str(body["requestId"]),
            procedure=str(body["procedure"]),
            requester_id=str(body["evidenceRequester"]["id"]),
            requester_name=str(body["evidenceRequester"]["name"]),
            evidence_type=str(body["requestedEvidence"]["evidenceTypeClassification"]),
            person=NaturalPerson(
                str(person["personIdentifier"]),
                str(person["familyName"]),
                str(person["givenName"]),
                str(person["dateOfBirth"]),
                str(person["levelOfAssurance"]),
            ),
            possibility_for_preview=bool(body["possibilityForPreview"]),
            explicit_request_given=bool(body["explicitRequestGiven"]),
            return_url=str(body["previewReturnUrl"]),
        )


@dataclass(frozen=True)
class BirthCertificate:
    """The structured evidence a birth certificate carries."""

    given_name: str
    family_name: str
    date_of_birth: str
    place_of_birth: str
    country_of_birth: str
    registry_office: str
    entry: str

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items()}
