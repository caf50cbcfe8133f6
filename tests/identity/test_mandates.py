# SPDX-License-Identifier: EUPL-1.2
"""Authority by law, mandates (grant, accept, revoke, expire, scope), notices, the agencies' API."""

import datetime as dt

import pytest
from django.utils import timezone

from lifegate.demo import models as demo_tables
from lifegate.identity import authority, mandates, models, notices, services
from lifegate.identity.session import Actor, Party
from tests.identity import flows
from tests.identity.agency import agency_token

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


def _self(person) -> Actor:
    me = Party("person", str(person.person_id), person.given_names)
    return Actor(me, me, "self", None, "substantial")


def _mandate(
    grantor, holder, *, scope="care-and-allowances", start=None, end=None, status="active"
):
    today = TODAY
    return models.Mandate.objects.create(
        grantor_person_id=grantor.person_id,
        holder_person_id=holder.person_id,
        scope=scope,
        valid_from=start or today - dt.timedelta(days=10),
        valid_until=end or today + dt.timedelta(days=300),
        status=status,
    )


def test_a_parent_acts_for_a_minor_child_by_law(people):
    decision = authority.may_act_for_person(
        people["sanne"].person_id, people["noor"].person_id, "kinderbijslag"
    )

    assert (decision.verdict, decision.basis, decision.reason) == (
        "ALLOWED",
        "law",
        "parental-authority",
    )


def test_parental_authority_ends_on_the_18th_birthday(people, today):
    mila, petra = people["mila"], people["petra"]
    birthday = authority.coming_of_age(mila.birth_date)

    before = authority.may_act_for_person(
        petra.person_id, mila.person_id, "*", birthday - dt.timedelta(days=1)
    )
    on_the_day = authority.may_act_for_person(petra.person_id, mila.person_id, "*", birthday)

    assert before.allowed
    assert (on_the_day.allowed, on_the_day.reason) == (False, "of-age")


@pytest.mark.parametrize(
    ("case", "changes", "service", "reason"),
    [
        ("in scope", {}, "zorgtoeslag", "mandate"),
        ("out of scope", {}, "inkomstenbelasting", "out-of-scope"),
        (
            "expired",
            {
                "end": TODAY - dt.timedelta(days=1),
                "start": TODAY - dt.timedelta(days=90),
            },
            "zorgtoeslag",
            "mandate-expired",
        ),
        (
            "not yet valid",
            {"start": TODAY + dt.timedelta(days=5)},
            "zorgtoeslag",
            "mandate-not-yet-valid",
        ),
        ("revoked", {"status": "revoked"}, "zorgtoeslag", "mandate-revoked"),
        ("not accepted", {"status": "offered"}, "zorgtoeslag", "mandate-not-accepted"),
    ],
)
def test_a_mandate_counts_only_when_active_and_in_scope(people, case, changes, service, reason):
    mandate = _mandate(people["jan"], people["eva"], **changes)

    decision = authority.may_act_for_person(
        people["eva"].person_id, people["jan"].person_id, service
    )

    assert decision.reason == reason, case
    assert decision.allowed == (reason == "mandate")
    assert decision.mandate_id == (mandate.pk if decision.allowed else None)


def test_grant_accept_and_revoke_are_recorded_under_both_parties(people):
    jan, eva = people["jan"], people["eva"]
    end = TODAY + dt.timedelta(days=400)

    offered = mandates.grant(
        _self(jan),
        holder_bsn=eva.bsn,
        holder_family_name="bakker",
        scope="care-and-allowances",
        start=TODAY,
        end=end,
    )
    mandates.answer(_self(eva), offered.mandate_id, accept=True)
    assert authority.may_act_for_person(eva.person_id, jan.person_id, "zorgtoeslag").allowed
    mandates.revoke(_self(jan), offered.mandate_id)

    assert not authority.may_act_for_person(eva.person_id, jan.person_id, "zorgtoeslag").allowed
    actions = list(
        models.ActionRecord.objects.order_by("pk").values_list("action", "actor_ref", "subject_ref")
    )
    assert [a[0] for a in actions] == ["mandate.granted", "mandate.accepted", "mandate.revoked"]


@pytest.mark.parametrize(
    ("case", "bsn", "family", "scope", "reason"),
    [
        ("wrong family name", "333444555", "Jansen", "care-and-allowances", "holder"),
        ("unknown BSN", "000000000", "Bakker", "care-and-allowances", "holder"),
        ("company scope by a person", "333444555", "Bakker", "company-all", "scope"),
        ("to yourself", "222333444", "Bakker", "care-and-allowances", "self"),
    ],
)
def test_a_bad_grant_is_refused_with_the_reason(people, *, case, bsn, family, scope, reason):
    with pytest.raises(mandates.MandateError) as refused:
        mandates.grant(
            _self(people["jan"]),
            holder_bsn=bsn,
            holder_family_name=family,
            scope=scope,
            start=TODAY,
            end=TODAY + dt.timedelta(days=9),
        )

    assert refused.value.reason == reason, case


def test_persona_mandates_are_seeded_once(people):
    demo_tables.MandateSeed.objects.create(
        grantor_person=people["jan"],
        holder_person=people["eva"],
        scope="care-and-allowances",
        valid_from=TODAY,
        valid_until=TODAY + dt.timedelta(days=500),
    )
    demo_tables.MandateSeed.objects.create(
        grantor_kvk_number="12345678",
        holder_person=people["femke"],
        scope="company-all",
        valid_from=TODAY,
        valid_until=TODAY + dt.timedelta(days=500),
    )

    assert services.seed_persona_mandates() == 2
    assert services.seed_persona_mandates() == 0
    assert services.may_act_for_company(people["femke"].person_id, "12345678", "vergunning").allowed


def test_expiring_mandates_are_announced_once_to_both(people):
    _mandate(people["jan"], people["eva"], end=TODAY + dt.timedelta(days=20))
    _mandate(people["sanne"], people["eva"], end=TODAY + dt.timedelta(days=200))

    assert notices.announce_expiring(days=30) == 2
    assert notices.announce_expiring(days=30) == 0
    assert len(notices.notices_for(people["jan"].person_id)) == 1


def test_the_notice_task_runs_in_the_worker_queue(people):
    from lifegate.identity.tasks import announce_expiring_mandates  # noqa: PLC0415

    _mandate(people["jan"], people["eva"], end=TODAY + dt.timedelta(days=3))

    result = announce_expiring_mandates.call()

    assert result == 2


def test_the_authorisation_api_answers_with_the_basis(client, people, catalog):
    _mandate(people["jan"], people["eva"])
    token = agency_token("belastingdienst-toeslagen")
    question = {
        "actor": {"bsn": people["eva"].bsn},
        "subject": {"bsn": people["jan"].bsn},
        "service": "zorgtoeslag",
    }

    answer = client.post(
        "/api/v1/identity/authorisations",
        question,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    ).json()

    assert answer["decision"] == "ALLOWED"
    assert answer["basis"] == "mandate"
    assert isinstance(answer["mandateId"], int)


def test_acting_for_a_child_in_the_portal(client, people, in_process_provider):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    client.post("/en/acting-for", {"acting_for": f"person:{people['noor'].person_id}"})

    assert "You are acting for Noor de Vries." in client.get("/en/profile").content.decode()


def test_a_revoked_mandate_stops_acting_for_at_once(client, people, in_process_provider):
    mandate = _mandate(people["jan"], people["eva"])
    flows.sign_in(client, f"nl:{people['eva'].person_id}")
    client.post("/en/acting-for", {"acting_for": f"person:{people['jan'].person_id}"})
    assert "You are acting for Jan Bakker." in client.get("/en/profile").content.decode()

    mandates.revoke(_self(people["jan"]), mandate.pk)

    assert "You are acting for yourself." in client.get("/en/profile").content.decode()
