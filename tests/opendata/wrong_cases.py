# SPDX-License-Identifier: EUPL-1.2
"""A cases stand-in that gives a look-alike of the record type instead of the type itself."""

import datetime as dt
from types import SimpleNamespace


def activity(first_day: dt.date, last_day: dt.date) -> list[SimpleNamespace]:
    return [SimpleNamespace(subject="7", kind="journey-started", day=first_day)]
