# SPDX-License-Identifier: EUPL-1.2
"""Proactive runs and the offers they found. Other blocks read them through `services`."""

from __future__ import annotations

from django.db import models


class ProactiveRun(models.Model):
    """One population-wide run for a date; running the same date again replaces it and its
    offers (one run per date)."""

    id = models.UUIDField(primary_key=True, help_text="A new id each time a date is run.")
    as_of = models.DateField(unique=True, help_text="The day the rules were evaluated on.")
    engine = models.CharField(max_length=10, help_text="local or dask.")
    source = models.CharField(max_length=10, help_text="parquet or database.")
    persons = models.IntegerField(default=0)
    offers = models.IntegerField(default=0)
    seconds = models.FloatField(default=0)
    finished_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.as_of} ({self.engine})"


class EligibilityOffer(models.Model):
    """A service a person is entitled to (or for which we need to know more) on `as_of`."""

    # Written only by `offers.replace_run`, in the transaction that creates the run, so the
    # database need not check the key for each of a million rows (a deferred check of every
    # row at commit doubled the write); no index either: offers are found by date and person.
    run = models.ForeignKey(
        ProactiveRun,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    as_of = models.DateField()
    person_id = models.BigIntegerField(help_text="The registry person (demo population id).")
    service = models.CharField(max_length=40)
    status = models.CharField(max_length=20)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    period = models.CharField(max_length=10)
    start_date = models.DateField(null=True)
    household_key = models.BigIntegerField(help_text="One key per allowance household.")

    class Meta:
        # The unique index also serves every lookup (`as_of` and `person_id` lead it); one
        # index less to maintain while a run writes its million offers.
        constraints = [
            models.UniqueConstraint(
                fields=["as_of", "person_id", "service"], name="rules_offer_once_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.status}"
