# SPDX-License-Identifier: EUPL-1.2
"""Which BIO measure and which OWASP ASVS 4.0.3 requirement each automated check proves.

BIO 2 follows ISO/IEC 27002:2022, so BIO measures carry its control numbers. ASVS is applied
at Level 2, and at Level 3 for identity, credentials and the ledger. A measure without checks
is listed in the report as a manual check, with what a person must look at. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    framework: str  # "BIO" or "ASVS"
    ref: str  # ISO 27002:2022 control number or ASVS requirement id
    title: str
    checks: tuple[str, ...] = ()  # ids of the automated checks that prove it
    manual: str = ""  # what a person must check (the whole measure, or what checks cannot see)
    level: str = ""  # ASVS level the requirement is applied at: "L2" or "L3"


def _bio(ref: str, title: str, *checks: str, manual: str = "") -> Measure:
    return Measure("BIO", ref, title, checks, manual)


def _asvs(ref: str, level: str, title: str, *checks: str, manual: str = "") -> Measure:
    return Measure("ASVS", ref, title, checks, manual, level)


BIO = (
    _bio("5.15", "Access control", "routes.inventory", "authz.objects"),
    _bio("5.17", "Authentication information", "tokens.negative", "http.cookies"),
    _bio(
        "5.34",
        "Privacy and protection of PII",
        "logs.clean",
        "http.no-store",
        manual="DPIA and records of processing are reviewed by the privacy officer.",
    ),
    _bio("8.3", "Information access restriction", "authz.objects", "routes.inventory"),
    _bio("8.5", "Secure authentication", "tokens.negative", "http.cookies", "auth.sign-in"),
    _bio("8.8", "Management of technical vulnerabilities", "supply.pip-audit"),
    _bio("8.9", "Configuration management", "http.headers", "http.cookies", "http.cors"),
    _bio("8.11", "Data masking", "logs.clean"),
    _bio("8.12", "Data leakage prevention", "logs.clean", "http.no-store", "http.cors"),
    _bio(
        "8.15",
        "Logging",
        "logs.clean",
        manual="The officials' audit trail with the BIO logging fields is part B of issue 12.",
    ),
    _bio(
        "8.24",
        "Use of cryptography",
        "http.headers",
        "tokens.negative",
        manual="TLS configuration of the reverse proxy (protocols, ciphers) is checked there.",
    ),
    _bio("8.26", "Application security requirements", "http.headers", "http.csrf"),
    _bio("8.27", "Secure system architecture (deny by default)", "routes.inventory"),
    _bio(
        "8.28",
        "Secure coding",
        "supply.bandit",
        "api.fuzz",
        manual="semgrep is not part of the automated baseline yet; review its rules by hand.",
    ),
    _bio(
        "8.29",
        "Security testing in development and acceptance",
        "api.fuzz",
        "tokens.negative",
        "authz.objects",
    ),
    _bio(
        "8.13",
        "Information backup",
        manual="Backup and restore (lifegate backup/restore) are part B of issue 12.",
    ),
    _bio("8.16", "Monitoring activities", manual="Alerting on the logs is set up by operations."),
    _bio("5.24", "Incident management planning", manual="Incident procedure of the organisation."),
    _bio("8.32", "Change management", manual="Releases go through review and CI (scripts/test)."),
    _bio("7.1", "Physical security perimeters", manual="Hosting provider's certification."),
    _bio("6.3", "Security awareness and training", manual="Training records of the organisation."),
)

ASVS = (
    _asvs("1.4.1", "L2", "Access control enforced at a trusted service layer", "routes.inventory"),
    _asvs(
        "4.1.1", "L2", "Access rules enforced on the server", "routes.inventory", "authz.objects"
    ),
    _asvs("4.1.3", "L2", "Least privilege", "authz.objects"),
    _asvs("4.1.5", "L2", "Access control fails securely", "authz.objects", "api.fuzz"),
    _asvs("4.2.1", "L2", "No insecure direct object references", "authz.objects"),
    _asvs("4.2.2", "L2", "Anti-CSRF on state-changing requests", "http.csrf"),
    _asvs("3.4.1", "L2", "Session cookie Secure", "http.cookies"),
    _asvs("3.4.2", "L2", "Session cookie HttpOnly", "http.cookies"),
    _asvs("3.4.3", "L2", "Session cookie SameSite", "http.cookies"),
    _asvs("3.4.4", "L2", "Cookie __Host- prefix", "http.cookies"),
    _asvs(
        "3.5.3",
        "L3",
        "Stateless tokens are signed and checked (identity, credentials)",
        "tokens.negative",
    ),
    _asvs(
        "2.2.1",
        "L3",
        "Anti-automation on sign-in, no attacker lockout, no account enumeration",
        "auth.sign-in",
    ),
    _asvs("6.2.1", "L3", "Cryptographic modules fail securely", "tokens.negative"),
    _asvs(
        "6.4.1",
        "L3",
        "Key management (secrets vault)",
        manual="Keys live in LIFEGATE_HOME/secrets (0600); an HSM or vault is an operator's "
        "choice.",
    ),
    _asvs("7.1.1", "L2", "No credentials or tokens in logs", "logs.clean"),
    _asvs("7.1.2", "L2", "No personal data in logs (BSN)", "logs.clean"),
    _asvs(
        "7.3.3",
        "L3",
        "Security logs protected against modification (ledger)",
        manual="The ledger's Merkle proofs are tested in tests/ledger; audit trail: part B.",
    ),
    _asvs("8.2.1", "L2", "Anti-caching headers on personal data", "http.no-store"),
    _asvs(
        "9.1.1",
        "L2",
        "TLS for all client connectivity",
        "http.headers",
        manual="The TLS endpoint in front of lifegate is configured by operations.",
    ),
    _asvs(
        "13.1.3",
        "L2",
        "API URLs carry no sensitive data",
        manual="Review: BSNs travel in bodies, never in paths or queries.",
    ),
    _asvs(
        "13.2.1",
        "L2",
        "Only the documented HTTP methods are allowed",
        "api.fuzz",
        "routes.inventory",
    ),
    _asvs("13.2.5", "L2", "Content types are validated", "api.fuzz"),
    _asvs("14.2.1", "L2", "Components up to date, no known vulnerabilities", "supply.pip-audit"),
    _asvs(
        "14.2.4", "L2", "Third-party components from trusted sources (locked)", "supply.pip-audit"
    ),
    _asvs("14.3.2", "L2", "Debug modes off in production", "http.headers"),
    _asvs("14.4.3", "L2", "Content-Security-Policy", "http.headers"),
    _asvs("14.4.4", "L2", "X-Content-Type-Options: nosniff", "http.headers"),
    _asvs("14.4.5", "L2", "Strict-Transport-Security", "http.headers"),
    _asvs("14.4.6", "L2", "Referrer-Policy", "http.headers"),
    _asvs("14.4.7", "L2", "Framing only by allowed origins (frame-ancestors)", "http.headers"),
    _asvs("14.5.3", "L2", "CORS only for an allowlist of origins", "http.cors"),
    _asvs("10.2.1", "L3", "Static analysis for malicious or unsafe code", "supply.bandit"),
)

MEASURES: tuple[Measure, ...] = BIO + ASVS


def check_ids() -> frozenset[str]:
    """Every check id the table names (the command checks each is registered)."""
    return frozenset(check for measure in MEASURES for check in measure.checks)
