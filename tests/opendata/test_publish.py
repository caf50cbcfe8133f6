# SPDX-License-Identifier: EUPL-1.2
"""`publish`: idempotent, immutable, versioned, within budget, all or nothing."""

import hashlib

import pytest
from django.core.management import CommandError, call_command

from lifegate.opendata import files, services
from lifegate.opendata.models import Distribution, ImmutableError, Observation, Release
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.publishing import PublishRefusedError, Refusal, publish
from lifegate.opendata.records import Period
from tests.opendata.conftest import TODAY, ListSource

pytestmark = pytest.mark.django_db


def test_publishing_a_month_stores_the_release_its_rows_and_checksummed_files(home, synthetic):
    result = publish("2025-06", activity=synthetic, today=TODAY)

    release = Release.objects.get()
    assert (release.period, release.version, result.version) == ("2025-06", 1, 1)
    assert release.epsilon == result.epsilon == result.budget.spent
    assert Observation.objects.count() == sum(result.rows.values())
    for item in Distribution.objects.all():
        body = (home / "opendata" / "2025-06" / "v1" / item.name).read_bytes()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (item.byte_size, item.sha256)
    assert Distribution.objects.count() == 9


def test_publishing_the_same_content_again_is_refused_and_changes_nothing(home, synthetic):
    publish("2025-06", activity=synthetic, today=TODAY)

    with pytest.raises(PublishRefusedError) as refused:
        publish("2025-06", activity=synthetic, today=TODAY)

    assert refused.value.reason is Refusal.SAME_CONTENT
    assert Release.objects.count() == 1


@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("2025-08", Refusal.NOT_ENDED),
        ("2030-01", Refusal.NOT_ENDED),
        ("2025-6", Refusal.BAD_PERIOD),
    ],
)
def test_a_month_that_has_not_ended_or_is_badly_written_is_refused(home, synthetic, period, reason):
    with pytest.raises(PublishRefusedError) as refused:
        publish(period, activity=synthetic, today=TODAY)

    assert refused.value.reason is reason
    assert not Release.objects.exists()


def test_a_release_beyond_the_yearly_budget_is_refused_and_nothing_is_written(home, synthetic):
    small = PrivacyParameters(yearly_epsilon=8.0)
    publish("2025-05", activity=synthetic, today=TODAY, params=small)

    with pytest.raises(PublishRefusedError, match="only 3 of its yearly") as refused:
        publish("2025-06", activity=synthetic, today=TODAY, params=small)

    assert refused.value.reason is Refusal.BUDGET
    assert list(Release.objects.values_list("period", flat=True)) == ["2025-05"]
    assert sorted(p.name for p in (home / "opendata").iterdir()) == ["2025-05"]


def test_a_correction_is_a_new_version_that_says_what_changed(home, synthetic):
    publish("2025-06", activity=synthetic, today=TODAY)
    corrected = ListSource(list(synthetic.records(Period(2025, 6)))[:-50])

    result = publish("2025-06", activity=corrected, today=TODAY, reason="Late cases removed")

    assert result.version == 2
    assert result.changes.startswith("Late cases removed — Corrects v1:")
    assert [r.period for r in services.current_releases()] == ["2025-06"]
    assert services.current_releases()[0].version == 2
    assert services.budgets()[0].spent == 2 * result.epsilon


def test_a_published_release_cannot_be_changed_or_deleted(home, synthetic):
    publish("2025-06", activity=synthetic, today=TODAY)
    release = Release.objects.get()

    release.changes = "rewritten"
    with pytest.raises(ImmutableError):
        release.save()
    with pytest.raises(ImmutableError):
        release.delete()
    with pytest.raises(ImmutableError):
        Observation.objects.all()[0].delete()


def test_a_failure_while_storing_leaves_no_release_and_no_files(home, synthetic, monkeypatch):
    def broken(staging, final):
        raise OSError("disk full")

    monkeypatch.setattr(files, "commit_folder", broken)

    with pytest.raises(OSError, match="disk full"):
        publish("2025-06", activity=synthetic, today=TODAY)

    assert not Release.objects.exists()
    assert not Distribution.objects.exists()
    assert list((home / "opendata").iterdir()) == []


def test_the_command_reports_progress_and_a_summary_then_refuses_a_second_run(home, capsys):
    call_command("opendata", "publish", "--period", "2025-06")

    out = capsys.readouterr().out
    assert "… reading the activity of 2025-06" in out
    assert "Published 2025-06 v1" in out
    assert "life-event-journeys.csv:" in out and "sha256" in out
    assert "privacy loss ε = 5; 2025: 5 of 72 spent, 67 left" in out
    with pytest.raises(CommandError, match=r"Not published \(already-published\)"):
        call_command("opendata", "publish", "--period", "2025-06")


def test_files_left_by_a_run_that_did_not_commit_are_set_aside_not_served(home, synthetic):
    leftover = home / "opendata" / "2025-06" / "v1"
    leftover.mkdir(parents=True)
    (leftover / "life-event-journeys.csv").write_text("stale")

    publish("2025-06", activity=synthetic, today=TODAY)

    served = (leftover / "life-event-journeys.csv").read_bytes()
    assert served != b"stale"
    assert [p.name.startswith(".abandoned-v1-") for p in leftover.parent.iterdir()].count(True) == 1
