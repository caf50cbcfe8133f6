# SPDX-License-Identifier: EUPL-1.2
"""What issuing and verifying leave behind goes a day after it is of no more use: verdicts
(with the claims the holder disclosed), offers no one collected, and the tokens of expired
credentials. What is still of use stays, and renewal still works after a sweep. Wallet,
issuer and desk over real HTTP on loopback."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lifegate.credentials import housekeeping, presentations, services, tasks
from lifegate.credentials.models import (
    CredentialOffer,
    IssuanceGrant,
    IssuedCredential,
    PresentationRequest,
)
from lifegate.credentials.openid4vc import PRE_AUTHORIZED_GRANT, parse_offer_link
from lifegate.credentials.wallet import Wallet
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.timedelta(days=1)
TASK = "lifegate.credentials.tasks.housekeep"


def _received(http: httpx.Client, served: str, configuration: str = "diploma") -> Wallet:
    wallet = Wallet({}, http, served)
    offer = services.create_offer(configuration, AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    return wallet


def _expire_credentials(configuration: str, at: dt.datetime) -> None:
    IssuedCredential.objects.filter(configuration=configuration).update(expires_at=at)


@pytest.mark.parametrize(
    ("expired_ago", "kept"),
    [
        (dt.timedelta(hours=1), True),  # the desk may still look back at it today
        (DAY - dt.timedelta(minutes=1), True),
        (DAY + dt.timedelta(minutes=1), False),
    ],
)
def test_a_verdict_with_the_disclosed_claims_goes_a_day_after_its_request_expired(
    served: str, http: httpx.Client, expired_ago: dt.timedelta, kept: bool
) -> None:
    wallet = _received(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    request = PresentationRequest.objects.get()
    assert "Master of Science" in str(request.verdict)  # what the holder disclosed
    now = request.expires_at + expired_ago

    swept = housekeeping.sweep(now)

    assert PresentationRequest.objects.exists() is kept
    assert swept.requests == (0 if kept else 1)


def test_the_desk_is_told_a_swept_verdict_is_not_found(served: str, http: httpx.Client) -> None:
    wallet = _received(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    request = PresentationRequest.objects.get()
    page = reverse("credentials:verdict", args=["university", request.id])

    housekeeping.sweep(request.expires_at + 2 * DAY)

    assert http.get(f"{served}{page}").status_code == 404


def test_an_offer_no_one_collected_goes_a_day_after_it_expired(served: str) -> None:
    services.create_offer("diploma", AHMED_ID)
    offer = CredentialOffer.objects.get()

    early = housekeeping.sweep(offer.expires_at + DAY - dt.timedelta(minutes=1))
    late = housekeeping.sweep(offer.expires_at + DAY + dt.timedelta(minutes=1))

    assert (early.offers, late.offers) == (0, 1)
    assert not CredentialOffer.objects.exists()


def test_the_tokens_of_a_credential_go_a_day_after_it_expired(
    served: str, http: httpx.Client
) -> None:
    diploma = _received(http, served, "diploma")
    residence = _received(http, served, "residence")
    assert check_at_the_university(diploma)["ok"] is True
    diploma.renew(diploma.held()[0].id)  # a second grant, renewing the first copy
    now = timezone.now()
    _expire_credentials("diploma", now)

    early = housekeeping.sweep(now + DAY - dt.timedelta(minutes=1))
    late = housekeeping.sweep(now + DAY + dt.timedelta(minutes=1))

    assert (early.grants, early.offers) == (0, 0)
    assert (late.grants, late.offers) == (2, 1)  # the offer's grant and the renewal's
    assert set(CredentialOffer.objects.values_list("configuration", flat=True)) == {"residence"}
    assert IssuanceGrant.objects.get().offer.configuration == "residence"
    assert IssuedCredential.objects.filter(configuration="diploma").count() == 6  # kept
    assert residence.can_renew(residence.held()[0])


def test_a_redeemed_offer_whose_credential_was_never_fetched_goes_with_its_token(
    served: str, http: httpx.Client
) -> None:
    offer = services.create_offer("diploma", AHMED_ID)
    code = parse_offer_link(offer.link)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code}
    token = http.post(f"{served}/credentials/token", data={**form, "tx_code": offer.tx_code})
    assert token.status_code == 200  # and the wallet never called the credential endpoint
    grant = IssuanceGrant.objects.get()

    early = housekeeping.sweep(grant.expires_at + DAY - dt.timedelta(minutes=1))
    late = housekeeping.sweep(grant.expires_at + DAY + dt.timedelta(minutes=1))

    assert (early.grants, early.offers) == (0, 0)
    assert (late.grants, late.offers) == (1, 1)
    assert not CredentialOffer.objects.exists()


def test_a_credential_in_use_renews_after_a_sweep(served: str, http: httpx.Client) -> None:
    wallet = _received(http, served)
    assert check_at_the_university(wallet)["ok"] is True

    swept = housekeeping.sweep(timezone.now() + 2 * DAY)  # its offer expired long ago
    renewed = wallet.renew(wallet.held()[0].id)

    assert (swept.grants, swept.offers) == (0, 0)
    assert renewed.unshown == renewed.copies
    assert check_at_the_university(wallet)["ok"] is True


def test_a_new_offer_or_request_plans_a_sweep_within_the_hour(served: str) -> None:
    housekeeping.HOUSEKEEPING.forget()
    before = timezone.now()
    services.create_offer("diploma", AHMED_ID)
    housekeeping.HOUSEKEEPING.forget()
    presentations.start("university", "en")

    queued = DBTaskResult.objects.filter(task_path=TASK, status="READY")

    assert queued.count() == 1  # the second finds the first already planned
    run_after = queued.get().run_after
    assert run_after is not None
    assert before + housekeeping.NEXT_SWEEP <= run_after <= timezone.now() + housekeeping.NEXT_SWEEP


def test_the_job_sweeps_and_plans_its_next_run_while_anything_is_left(served: str) -> None:
    services.create_offer("diploma", AHMED_ID)
    DBTaskResult.objects.all().delete()

    counts = tasks.housekeep.call()
    planned = DBTaskResult.objects.filter(task_path=TASK, status="READY").count()
    CredentialOffer.objects.all().delete()
    DBTaskResult.objects.all().delete()
    tasks.housekeep.call()

    assert counts == {"requests": 0, "offers": 0, "grants": 0}  # nothing is old enough yet
    assert planned == 1
    assert not DBTaskResult.objects.exists()  # nothing left: woken by the next offer
