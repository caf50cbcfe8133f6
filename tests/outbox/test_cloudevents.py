# SPDX-License-Identifier: EUPL-1.2
"""CloudEvents envelopes, webhook signatures and backoff (pure functions)."""

import datetime as dt

import pytest

from lifegate.outbox import cloudevents

NOW = dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)


def _event():
    return cloudevents.envelope(
        event_id="6f1c…",
        event_type="nl.lifegate.messagebox.message-read",
        source="https://x/api",
        subject="m-1",
        time=NOW,
        data={"messageId": "m-1"},
        sequence=7,
    )


def test_an_envelope_has_the_required_cloudevents_attributes():
    event = _event()

    assert {"specversion", "id", "source", "type"} <= set(event)
    assert event["specversion"] == "1.0"
    assert event["time"] == "2025-07-01T12:00:00Z"
    assert event["sequence"] == "7"


def test_a_signed_delivery_verifies_with_the_secret():
    secret = cloudevents.new_secret()
    body = cloudevents.encode(_event())

    headers = cloudevents.signature_headers(secret, "evt-1", NOW, body)

    assert cloudevents.verify(secret, headers, body, NOW)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda h, b: (h, b + b" "),
        lambda h, b: ({**h, "webhook-id": "evt-2"}, b),
        lambda h, b: ({**h, "webhook-signature": "v1,AAAA"}, b),
        lambda h, b: ({k: v for k, v in h.items() if k != "webhook-timestamp"}, b),
    ],
)
def test_a_tampered_delivery_does_not_verify(tamper):
    secret = cloudevents.new_secret()
    body = cloudevents.encode(_event())
    headers, changed = tamper(cloudevents.signature_headers(secret, "evt-1", NOW, body), body)

    assert not cloudevents.verify(secret, headers, changed, NOW)


def test_an_old_signature_is_refused_so_it_cannot_be_replayed():
    secret = cloudevents.new_secret()
    body = b"{}"
    headers = cloudevents.signature_headers(secret, "evt-1", NOW, body)

    assert not cloudevents.verify(secret, headers, body, NOW + dt.timedelta(minutes=6))


@pytest.mark.parametrize(("attempts", "wait"), [(1, 10), (2, 20), (3, 40), (9, 2560), (20, 3600)])
def test_retries_back_off_exponentially_up_to_an_hour(attempts, wait):
    assert cloudevents.backoff(attempts, 10) == wait
