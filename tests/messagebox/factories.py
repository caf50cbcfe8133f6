# SPDX-License-Identifier: EUPL-1.2
"""Demo persons and companies, messages and request bodies for the message box tests."""

from __future__ import annotations

import datetime as dt
import itertools

from lifegate.demo import models as demo
from tests.messagebox.bodies import PDF, message_body, pdf_attachment, valid_bsn

__all__ = ["PDF", "company", "message_body", "pdf_attachment", "person", "valid_bsn"]

_ids = itertools.count(9_000_000)


def person(*, bsn: str = "", foreign_id: str = "", given_names: str = "Sanne") -> demo.Person:
    person_id = next(_ids)
    return demo.Person.objects.create(
        person_id=person_id,
        bsn=bsn or ("" if foreign_id else valid_bsn(person_id)),
        foreign_id=foreign_id,
        given_names=given_names,
        family_name="de Vries",
        sex="F",
        birth_date=dt.date(1994, 3, 1),
        nationality="NL",
        municipality_code="0344",
        yearly_income=26_000,
        assets=20_000,
        health_insured=True,
        registered_in_brp=not foreign_id,
        student=False,
    )


def company(owner: demo.Person, kvk_number: str = "90000001") -> demo.Company:
    return demo.Company.objects.create(
        kvk_number=kvk_number,
        name="Bakkerij Van Dijk",
        owner=owner,
        start_date=dt.date(2025, 6, 1),
        municipality_code="0344",
        legal_form="eenmanszaak",
    )
