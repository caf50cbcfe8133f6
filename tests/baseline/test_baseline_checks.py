# SPDX-License-Identifier: EUPL-1.2
"""Each baseline check passes on this installation and fails on the defect it looks for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings

from lifegate.baseline import exceptions, report
from lifegate.baseline.catalogue import api_paths
from lifegate.baseline.checks import http, routes, tokens
from lifegate.baseline.forge import DEFECTS, VALID
from lifegate.baseline.leaks import find_leaks
from lifegate.baseline.measures import MEASURES
from lifegate.baseline.outcome import Check, CheckRegistry, Outcome, Status
from tests.cases.conftest import AgencyClient, signed_in


def test_every_route_of_the_installation_is_declared_and_protected_ones_refuse_anonymous(db):
    outcome = routes.route_inventory(api_paths())

    assert outcome.status is Status.PASS, outcome.evidence


def test_a_new_unlisted_route_fails_the_inventory():
    unlisted = routes.Route("nl/geheim", "lifegate.somewhere.views.secret")
    undocumented_api = routes.Route("api/v1/hidden", "ninja.operation.view")

    _, undeclared = routes.inventory([unlisted, undocumented_api], frozenset({"/health"}))

    assert undeclared == [unlisted, undocumented_api]


def test_the_portal_and_api_send_every_security_header(db):
    assert http.security_headers().status is Status.PASS


def test_an_answer_missing_its_security_headers_is_named():
    problems = http.header_problems("/bare", HttpResponse("hello"))

    assert len(problems) == 6  # object-src, base-uri, frame-ancestors, nosniff, referrer, HSTS


def test_session_and_csrf_cookies_are_httponly_and_samesite(db):
    assert http.session_cookies().status is Status.PASS


def test_csrf_is_on_and_a_form_without_token_is_found(db):
    body = '<form method="post" action="/x"><input name="a"></form>'

    assert http.unprotected_forms("/page", body) == [
        "/page: a POST form without csrfmiddlewaretoken"
    ]
    assert http.unprotected_forms("/page", '<form method="get"></form>') == []


def test_cors_is_refused_to_an_unlisted_origin_and_given_to_a_configured_one(db):
    with override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.nl"]):
        assert http.cors(["https://app.example.nl"]).status is Status.PASS
    assert http.cors(["https://app.example.nl"]).status is Status.FAIL  # not configured


def test_signed_in_pages_and_personal_api_answers_are_no_store(population):
    citizen = signed_in(population["sanne"])
    agency = AgencyClient("svb")
    pages = [(citizen, p) for p in ("/nl/berichten", "/nl/mijn-zaken", "/nl/profiel")]
    api = [(agency.client, "/api/v1/cases/cases")]
    agency.client.defaults.update(agency.headers)

    outcome = http.no_store(pages + api)

    assert outcome.status is Status.PASS, outcome.evidence
    assert http.no_store([(Client(), "/nl/")]).status is Status.FAIL  # public page: cacheable


@pytest.mark.parametrize("make", tokens.ACCEPTORS, ids=lambda make: make.__name__)
def test_every_jwt_acceptor_takes_the_valid_token_and_refuses_each_forgery(db, make):
    acceptor = make()

    answers = tokens.verdicts(acceptor)

    assert answers.pop(VALID) is True
    assert answers == dict.fromkeys(acceptor.defects, False)
    assert set(acceptor.defects) <= set(DEFECTS)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("person bsn=111222333 moved", "BSN-like"),
        ("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "JWT"),
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "bearer token"),
        ("-----BEGIN PRIVATE KEY-----", "private key"),
        ("client secret s3cr3t-value-long-enough here", "a secret"),
    ],
)
def test_a_log_line_with_a_secret_or_bsn_is_caught(line, kind):
    leaks = find_leaks([line], secrets=["s3cr3t-value-long-enough"])

    assert len(leaks) == 1 and leaks[0].startswith(kind)


def test_ordinary_log_lines_are_clean():
    lines = ["case 123456789 decided", "checkpoint 42 signed at 2026-11-29T08:00:00Z"]

    assert find_leaks(lines, secrets=["s3cr3t-value-long-enough"]) == []  # 123456789 fails 11


def test_a_finding_needs_a_live_dated_exception():
    finding = exceptions.Finding("B608", "src/x.py", 3, "sql")
    live = exceptions.parse(
        [{"id": "B608", "file": "src/x.py", "reason": "ok", "expires": "2030-01-01"}]
    )
    expired = exceptions.parse([{"id": "B608", "reason": "ok", "expires": dt.date(2020, 1, 1)}])
    today = dt.date(2026, 11, 29)

    assert exceptions.judge([finding], live, today) == (
        [],
        ["B608 src/x.py:3 accepted until 2030-01-01"],
    )
    assert exceptions.judge([finding], expired, today)[0] == [
        "B608 src/x.py:3 exception expired on 2020-01-01"
    ]
    assert exceptions.judge([finding], [], today)[0] == ["B608 src/x.py:3 sql (no exception)"]
    with pytest.raises(ValueError, match="needs id, reason and expires"):
        exceptions.parse([{"id": "B101"}])


def test_a_failed_check_fails_the_report_and_its_measures():
    registry = CheckRegistry()
    registry.register(Check("http.headers", "headers", lambda: Outcome(Status.FAIL, ("no CSP",))))
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(Check("http.headers", "again", lambda: Outcome(Status.PASS)))
    result = report.CheckResult("http.headers", "headers", Outcome(Status.FAIL, ("no CSP",)), 0.1)

    made = report.Report("2026-11-29T09:00:00+01:00", "https://x", (result,), MEASURES)

    assert not made.passed
    assert "baseline FAILED" in made.summary()
    csp = next(m for m in MEASURES if m.ref == "14.4.3")
    assert made.status_of(csp) is Status.FAIL
    assert "no CSP" in report.as_html(made) and '"status": "fail"' in report.as_json(made)
