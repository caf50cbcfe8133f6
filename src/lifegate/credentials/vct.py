# SPDX-License-Identifier: EUPL-1.2
"""SD-JWT VC type metadata (draft-ietf-oauth-sd-jwt-vc §6) for lifegate's demo credentials.

The metadata is the single source of which claims are selectively disclosable (`sd`),
so issuance and the documents served to wallets can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

PID_VCT = "urn:eudi:pid:1"
DIPLOMA_VCT = "urn:lifegate:diploma:1"
RESIDENCE_VCT = "urn:lifegate:residence:1"
BIRTH_CERTIFICATE_VCT = "urn:lifegate:birth-certificate:1"

MetaPath = tuple[str | int | None, ...]


def meta_path(path: tuple[str | int, ...]) -> MetaPath:
    """The type metadata's path for a claim's path: any array element is `None`."""
    return tuple(None if isinstance(p, int) else p for p in path)


Disclosability = Literal["always", "allowed", "never"]


@dataclass(frozen=True, slots=True)
class ClaimMetadata:
    path: MetaPath
    label_en: str
    label_nl: str
    sd: Disclosability = "always"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "display": [
                {"locale": "en", "label": self.label_en},
                {"locale": "nl", "label": self.label_nl},
            ],
            "sd": self.sd,
        }


@dataclass(frozen=True, slots=True)
class TypeMetadata:
    vct: str
    name_en: str
    name_nl: str
    description: str
    claims: tuple[ClaimMetadata, ...]

    @property
    def disclosable(self) -> frozenset[MetaPath]:
        return frozenset(c.path for c in self.claims if c.sd != "never")

    def to_json(self) -> dict[str, Any]:
        """The type metadata document a wallet fetches for `vct`."""
        return {
            "vct": self.vct,
            "name": self.name_en,
            "description": self.description,
            "display": [
                {"locale": "en", "name": self.name_en},
                {"locale": "nl", "name": self.name_nl},
            ],
            "claims": [c.to_json() for c in self.claims],
        }


_PERSON = (
    ClaimMetadata(("family_name",), "Family name", "Achternaam"),
    ClaimMetadata(("given_name",), "Given name", "Voornamen"),
    ClaimMetadata(("birthdate",), "Date of birth", "Geboortedatum"),
)
_PLACE_OF_BIRTH = (
    ClaimMetadata(("place_of_birth",), "Place of birth", "Geboorteplaats"),
    ClaimMetadata(("place_of_birth", "locality"), "Town of birth", "Geboorteplaats"),
    ClaimMetadata(("place_of_birth", "country"), "Country of birth", "Geboorteland"),
)
_ADDRESS = (
    ClaimMetadata(("address",), "Address", "Adres"),
    ClaimMetadata(("address", "street_address"), "Street", "Straat"),
    ClaimMetadata(("address", "house_number"), "House number", "Huisnummer"),
    ClaimMetadata(("address", "postal_code"), "Postal code", "Postcode"),
    ClaimMetadata(("address", "locality"), "Town", "Woonplaats"),
    ClaimMetadata(("address", "country"), "Country", "Land"),
)

# Claim names follow the PID Rulebook's SD-JWT VC encoding (ARF Annex 3.01): e.g.
# `nationalities` is an array and "over 18" is `age_equal_or_over.18`.
PID = TypeMetadata(
    PID_VCT,
    "Person identification data",
    "Persoonsidentificatiegegevens",
    "EU PID-like identity credential issued from the persons registry.",
    (
        *_PERSON,
        *_PLACE_OF_BIRTH,
        *_ADDRESS,
        ClaimMetadata(("nationalities",), "Nationalities", "Nationaliteiten"),
        ClaimMetadata(("nationalities", None), "Nationality", "Nationaliteit"),
        ClaimMetadata(("age_equal_or_over",), "Age over", "Leeftijd boven"),
        ClaimMetadata(("age_equal_or_over", "18"), "18 or older", "18 jaar of ouder"),
        ClaimMetadata(("personal_administrative_number",), "BSN", "BSN"),
        ClaimMetadata(("issuing_authority",), "Issuing authority", "Uitgevende instantie", "never"),
        ClaimMetadata(("issuing_country",), "Issuing country", "Uitgevend land", "never"),
    ),
)

DIPLOMA = TypeMetadata(
    DIPLOMA_VCT,
    "Diploma",
    "Diploma",
    "A higher-education degree as registered by DUO.",
    (
        *_PERSON,
        ClaimMetadata(("degree",), "Degree", "Graad"),
        ClaimMetadata(("programme",), "Programme", "Opleiding"),
        ClaimMetadata(("programme_code",), "CROHO code", "CROHO-code"),
        ClaimMetadata(("institution",), "Institution", "Onderwijsinstelling"),
        ClaimMetadata(("institution_code",), "BRIN code", "BRIN-code"),
        ClaimMetadata(("awarded_on",), "Date awarded", "Datum uitreiking"),
        ClaimMetadata(("eqf_level",), "EQF level", "EQF-niveau"),
    ),
)

RESIDENCE = TypeMetadata(
    RESIDENCE_VCT,
    "Proof of residence",
    "Bewijs van inschrijving",
    "Registration at an address in a municipality's persons registry.",
    (
        *_PERSON,
        *_ADDRESS,
        ClaimMetadata(("municipality",), "Municipality", "Gemeente"),
        ClaimMetadata(("municipality_code",), "Municipality code", "Gemeentecode"),
        ClaimMetadata(("resident_since",), "Resident since", "Ingeschreven sinds"),
    ),
)

BIRTH_CERTIFICATE = TypeMetadata(
    BIRTH_CERTIFICATE_VCT,
    "Birth certificate",
    "Geboorteakte",
    "An extract of a birth record held by the municipality of birth.",
    (
        *_PERSON,
        *_PLACE_OF_BIRTH,
        ClaimMetadata(("sex",), "Sex", "Geslacht"),
        ClaimMetadata(("parents",), "Parents", "Ouders"),
        ClaimMetadata(("parents", None), "Parent", "Ouder"),
        ClaimMetadata(("municipality",), "Registering municipality", "Gemeente van inschrijving"),
        ClaimMetadata(("record_number",), "Record number", "Aktenummer"),
    ),
)

TYPES: dict[str, TypeMetadata] = {t.vct: t for t in (PID, DIPLOMA, RESIDENCE, BIRTH_CERTIFICATE)}
