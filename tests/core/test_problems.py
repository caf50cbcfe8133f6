# SPDX-License-Identifier: EUPL-1.2
import pytest

from lifegate.core.problems import KINDS, InvalidParam, Problem, kind_for_status, type_uri


def test_a_problem_has_the_rfc_9457_members_and_names_each_invalid_field():
    problem = Problem(
        "invalid-input", "Check age.", invalid_params=(InvalidParam("age", "negative"),)
    )

    body = problem.as_dict()

    assert body["type"] == "urn:lifegate:problem:invalid-input"
    assert body["status"] == 400
    assert body["title"] == "Bad Request"
    assert body["detail"] == "Check age."
    assert body["invalidParams"] == [{"name": "age", "code": "invalid", "reason": "negative"}]


def test_every_kind_has_its_own_type_uri():
    uris = {type_uri(kind) for kind in KINDS}

    assert len(uris) == len(KINDS)


def test_an_unknown_kind_is_refused_so_type_uris_stay_a_closed_list():
    with pytest.raises(ValueError, match="unknown problem kind"):
        type_uri("oops")


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (404, "not-found"),
        (405, "method-not-allowed"),
        (400, "bad-request"),
        (418, "bad-request"),
        (502, "internal-error"),
        (503, "service-unavailable"),
        (429, "too-many-requests"),
    ],
)
def test_a_bare_status_maps_to_a_generic_kind(status, kind):
    assert kind_for_status(status) == kind
