# SPDX-License-Identifier: EUPL-1.2
"""New copies of a credential whose copies have all been shown (OpenID4VCI refresh token):
Ahmed shows his diploma at five desks, asks DUO for new copies, and shows those. Only while
the diploma is valid and the registry still says the same; a refresh token used twice stops
renewal. Wallet, issuer and desks over real HTTP on loopback."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from lifegate.credentials import issuance, renewal, services, trust
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.models import CredentialStatus, IssuedCredential
from lifegate.credentials.openid4vc import PAUSED_ERROR
from lifegate.credentials.sdjwt import parse_sd_jwt
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import (
    CANNOT_RENEW,
    NO_SUCH_CREDENTIAL,
    NOTHING_SHOWN,
    RENEWAL_PAUSED,
    RENEWAL_REFUSED,
    UNREACHABLE,
)
from lifegate.demo import models as demo_tables
from lifegate.exchange import models as exchange_tables
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def _diploma(http: httpx.Client, served: str) -> tuple[Wallet, IssuedCredential]:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    first = IssuedCredential.objects.one_per_credential().get()
    return wallet, first


def _shown_everywhere(wallet: Wallet) -> None:
    for _ in range(BATCH_SIZE):
        assert check_at_the_university(wallet)["ok"] is True


def _payloads(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [parse_sd_jwt(entry["credential"]).unverified_payload() for entry in entries]


def test_new_copies_take_the_place_of_those_shown_and_are_accepted(
    served: str, http: httpx.Client
) -> None:
    wallet, first = _diploma(http, served)
    before = _payloads(wallet.state["credentials"])
    _shown_everywhere(wallet)
    assert (wallet.held()[0].unshown, wallet.can_renew(wallet.held()[0])) == (0, True)

    renewed = wallet.renew(wallet.held()[0].id)

    after = _payloads(wallet.state["credentials"])
    assert (renewed.copies, renewed.unshown) == (BATCH_SIZE, BATCH_SIZE)
    assert len(wallet.held()) == 1
    assert {(p["iat"], p["exp"]) for p in after} == {(before[0]["iat"], before[0]["exp"])}
    assert not {p["cnf"]["jwk"]["x"] for p in after} & {p["cnf"]["jwk"]["x"] for p in before}
    rows = IssuedCredential.objects.all()
    assert len(rows) == 2 * BATCH_SIZE
    assert {row.copy_of_id for row in rows if row.pk != first.pk} == {first.pk}
    assert len({(row.status_list_id, row.status_index) for row in rows}) == 2 * BATCH_SIZE
    assert [check_at_the_university(wallet)["ok"] for _ in range(BATCH_SIZE)] == [True] * 5
    assert services.issued_to(AHMED_ID)[0].id == first.pk  # still one credential


def test_a_suspension_reaches_the_new_copies_too(served: str, http: httpx.Client) -> None:
    wallet, first = _diploma(http, served)
    _shown_everywhere(wallet)
    wallet.renew(wallet.held()[0].id)

    services.set_status("duo", first.pk, CredentialStatus.SUSPENDED, by="ambtenaar-duo")
    trust.forget()  # a desk whose copy of the status list has expired

    assert set(IssuedCredential.objects.values_list("status", flat=True)) == {"suspended"}
    assert check_at_the_university(wallet)["reason"] == "suspended"


def test_a_revoked_credential_gets_no_new_copies_and_the_wallet_stops_asking(
    served: str, http: httpx.Client
) -> None:
    wallet, first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    services.set_status("duo", first.pk, CredentialStatus.REVOKED, by="ambtenaar-duo")
    reads = _registry_reads()

    with pytest.raises(WalletError) as refused:
        wallet.renew(wallet.held()[0].id)

    assert refused.value.message == RENEWAL_REFUSED
    assert "the credential is revoked" in refused.value.detail
    assert wallet.can_renew(wallet.held()[0]) is False  # the refused token is forgotten
    assert IssuedCredential.objects.count() == BATCH_SIZE
    assert _registry_reads() == reads  # refused before the registries were read


def test_a_suspended_credential_gets_new_copies_once_reinstated(
    served: str, http: httpx.Client
) -> None:
    wallet, first = _diploma(http, served)
    _shown_everywhere(wallet)
    services.set_status("duo", first.pk, CredentialStatus.SUSPENDED, by="ambtenaar-duo")
    reads = _registry_reads()

    with pytest.raises(WalletError) as paused:
        wallet.renew(wallet.held()[0].id)
    kept = wallet.can_renew(wallet.held()[0])
    services.set_status("duo", first.pk, CredentialStatus.VALID, by="ambtenaar-duo")
    trust.forget()  # a desk whose copy of the status list has expired
    renewed = wallet.renew(wallet.held()[0].id)

    assert (paused.value.message, paused.value.code) == (RENEWAL_PAUSED, PAUSED_ERROR)
    assert "the credential is suspended" in paused.value.detail
    assert kept is True  # the refresh token serves again once the suspension is lifted
    assert _registry_reads() == reads + 1  # only the renewal that was given read them
    assert (renewed.copies, renewed.unshown) == (BATCH_SIZE, BATCH_SIZE)
    assert check_at_the_university(wallet)["ok"] is True


@pytest.mark.parametrize("also", ["expired", "copies used up"])
def test_a_suspended_credential_that_could_not_be_renewed_anyway_is_refused_for_good(
    served: str, http: httpx.Client, monkeypatch: pytest.MonkeyPatch, also: str
) -> None:
    wallet, first = _diploma(http, served)
    _shown_everywhere(wallet)
    services.set_status("duo", first.pk, CredentialStatus.SUSPENDED, by="ambtenaar-duo")
    if also == "expired":
        IssuedCredential.objects.update(expires_at=first.issued_at)
    else:
        monkeypatch.setattr(renewal, "MAX_COPIES", BATCH_SIZE)

    with pytest.raises(WalletError) as refused:
        wallet.renew(wallet.held()[0].id)

    assert refused.value.message == RENEWAL_REFUSED  # not "ask again once reinstated"
    assert wallet.can_renew(wallet.held()[0]) is False


def test_a_suspension_between_token_and_credential_keeps_the_next_refresh_token(
    served: str, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    wallet, first = _diploma(http, served)
    _shown_everywhere(wallet)
    keep = wallet._keep_renewal

    def kept_then_suspended(*args: Any) -> None:
        keep(*args)  # the token endpoint answered: now the issuer suspends it
        services.set_status("duo", first.pk, CredentialStatus.SUSPENDED, by="ambtenaar-duo")

    monkeypatch.setattr(wallet, "_keep_renewal", kept_then_suspended)
    with pytest.raises(WalletError) as paused:
        wallet.renew(wallet.held()[0].id)
    monkeypatch.undo()
    services.set_status("duo", first.pk, CredentialStatus.VALID, by="ambtenaar-duo")
    renewed = wallet.renew(wallet.held()[0].id)

    assert (paused.value.message, paused.value.code) == (RENEWAL_PAUSED, PAUSED_ERROR)
    assert IssuedCredential.objects.count() == 2 * BATCH_SIZE  # the first five, then five new
    assert (renewed.copies, renewed.unshown) == (BATCH_SIZE, BATCH_SIZE)


def test_no_new_copies_once_the_registry_says_something_else(
    served: str, http: httpx.Client
) -> None:
    wallet, _first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    demo_tables.Diploma.objects.filter(level="master").update(programme="Data Science")
    reads = _registry_reads()

    with pytest.raises(WalletError) as refused:
        wallet.renew(wallet.held()[0].id)

    assert refused.value.message == RENEWAL_REFUSED
    assert "the registries say something else now" in refused.value.detail
    assert wallet.can_renew(wallet.held()[0]) is False
    assert IssuedCredential.objects.count() == BATCH_SIZE
    assert _registry_reads() == reads + 1  # the read that found it out is in the log


def test_a_refresh_token_used_twice_stops_renewal_for_everyone(
    served: str, http: httpx.Client
) -> None:
    wallet, _first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    stolen = _refresh_token(wallet)
    wallet.renew(wallet.held()[0].id)  # the holder renews first: their token is spent
    unused = _refreshed(http, served, _refresh_token(wallet))  # an access token not yet used

    replayed = http.post(
        f"{served}/credentials/token",
        data={"grant_type": "refresh_token", "refresh_token": stolen},
    )
    assert check_at_the_university(wallet)["ok"] is True
    with pytest.raises(WalletError) as holder_after:
        wallet.renew(wallet.held()[0].id)

    assert replayed.status_code == 400
    assert replayed.json()["error"] == "invalid_grant"
    assert "used before" in replayed.json()["error_description"]
    assert holder_after.value.message == RENEWAL_REFUSED
    assert "renewal is stopped" in holder_after.value.detail  # for good, lost answer or not
    assert _credential_call(http, served, unused).status_code == 401  # withdrawn as well
    assert IssuedCredential.objects.count() == BATCH_SIZE + 1  # the holder's one renewal


def test_a_wallet_whose_answer_was_lost_may_ask_again_at_once(
    served: str, http: httpx.Client
) -> None:
    wallet, _first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    lost = [_refreshed(http, served, _refresh_token(wallet)) for _ in range(2)]  # never arrived

    renewed = wallet.renew(wallet.held()[0].id)  # the same refresh token, a third time

    assert (renewed.copies, renewed.unshown) == (BATCH_SIZE, BATCH_SIZE)
    assert [_credential_call(http, served, t).status_code for t in lost] == [401, 401]
    for token in lost:  # nor can their refresh tokens be used any more
        refused = http.post(
            f"{served}/credentials/token",
            data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
        )
        assert refused.json()["error"] == "invalid_grant"


def _refresh_token(wallet: Wallet) -> str:
    return str(wallet.state["renewals"][wallet.held()[0].batch]["refresh_token"])


def _refreshed(http: httpx.Client, served: str, refresh_token: str) -> dict[str, Any]:
    """The token endpoint's answer to `refresh_token`, as whoever holds it would get it."""
    answer = http.post(
        f"{served}/credentials/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _credential_call(http: httpx.Client, served: str, token: dict[str, Any]) -> httpx.Response:
    return http.post(
        f"{served}/credentials/credential",
        json={"credential_configuration_id": "diploma", "proofs": {"jwt": ["x"]}},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )


def _registry_reads() -> int:
    return exchange_tables.ProcessingRecord.objects.count()


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "refresh_token"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "not-one-we-gave"}, "invalid_grant"),
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
    ],
)
def test_the_token_endpoint_refuses_a_bad_refresh(
    served: str, http: httpx.Client, form: dict[str, str], error: str
) -> None:
    answer = http.post(f"{served}/credentials/token", data=form)

    assert answer.status_code == 400
    assert answer.json()["error"] == error
    assert answer.headers["Cache-Control"] == "no-store"


def test_no_more_than_max_copies_of_one_credential(
    served: str, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(renewal, "MAX_COPIES", BATCH_SIZE + 3)
    wallet, _first = _diploma(http, served)
    _shown_everywhere(wallet)

    with pytest.raises(WalletError) as refused:
        wallet.renew(wallet.held()[0].id)  # five more would make ten

    assert refused.value.message == RENEWAL_REFUSED
    assert f"{BATCH_SIZE + 3} copies of this credential were issued already" in (
        refused.value.detail
    )
    assert IssuedCredential.objects.count() == BATCH_SIZE


def test_a_wallet_asks_for_as_many_copies_as_it_has_shown(served: str, http: httpx.Client) -> None:
    wallet, _first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True

    renewed = wallet.renew(wallet.held()[0].id)

    assert (renewed.copies, renewed.unshown) == (BATCH_SIZE, BATCH_SIZE)
    assert IssuedCredential.objects.count() == BATCH_SIZE + 1


def test_the_access_token_of_a_renewal_gives_copies_once(served: str, http: httpx.Client) -> None:
    wallet, _first = _diploma(http, served)
    refresh = wallet.state["renewals"][wallet.held()[0].batch]["refresh_token"]
    token = http.post(
        f"{served}/credentials/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh},
    ).json()
    take = Wallet({}, http, served)  # another wallet, as anyone holding the tokens would be
    meta, _endpoint = take._metadata(served)

    take._take_copies(meta, "diploma", token, "b", wanted=2, refused=RENEWAL_REFUSED)
    with pytest.raises(WalletError) as again:
        take._take_copies(meta, "diploma", token, "b", wanted=2, refused=RENEWAL_REFUSED)

    assert "401" in again.value.detail
    assert IssuedCredential.objects.count() == BATCH_SIZE + 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("none", NOTHING_SHOWN),
        ("unknown id", NO_SUCH_CREDENTIAL),
        ("kept before renewals", CANNOT_RENEW),
        ("damaged", CANNOT_RENEW),
    ],
)
def test_the_wallet_says_why_it_asks_for_no_new_copies(
    served: str, http: httpx.Client, change: str, message: str
) -> None:
    wallet, _first = _diploma(http, served)
    credential_id = wallet.held()[0].id
    if change != "none":
        assert check_at_the_university(wallet)["ok"] is True
    if change == "unknown id":
        credential_id = "no-such-id"
    elif change == "kept before renewals":
        del wallet.state["renewals"]
    elif change == "damaged":
        del wallet.state["renewals"][wallet.held()[0].batch]["refresh_token"]

    with pytest.raises(WalletError) as refused:
        wallet.renew(credential_id)

    assert refused.value.message == message
    assert IssuedCredential.objects.count() == BATCH_SIZE


def test_an_unreachable_issuer_leaves_the_refresh_token_for_later(
    served: str, http: httpx.Client
) -> None:
    wallet, _first = _diploma(http, served)
    assert check_at_the_university(wallet)["ok"] is True
    renewal_record = wallet.state["renewals"][wallet.held()[0].batch]
    renewal_record["issuer"] = "http://127.0.0.1:9"  # nothing listens there

    with pytest.raises(WalletError) as refused:
        wallet.renew(wallet.held()[0].id)

    assert refused.value.message == UNREACHABLE
    assert wallet.can_renew(wallet.held()[0])


def test_a_renewed_credential_keeps_its_id_and_its_place(served: str, http: httpx.Client) -> None:
    wallet, _first = _diploma(http, served)
    offer = services.create_offer("residence", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    before = [h.id for h in wallet.held()]
    assert check_at_the_university(wallet)["ok"] is True  # the diploma, listed first

    wallet.renew(before[0])

    assert [h.id for h in wallet.held()] == before


def test_the_offer_stays_collected_once_its_credential_is_renewed(
    served: str, http: httpx.Client
) -> None:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    assert check_at_the_university(wallet)["ok"] is True

    wallet.renew(wallet.held()[0].id)

    assert issuance.offer_state(offer.id, AHMED_ID) == issuance.OfferState.COLLECTED
