# SPDX-License-Identifier: EUPL-1.2
"""Every text has a Dutch translation, and the compiled catalogues are up to date."""

from pathlib import Path

import polib
import pytest

import lifegate

CATALOGUES = sorted(Path(lifegate.__file__).parent.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_there_are_translation_catalogues():
    assert CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parts[-5:-3]))
def test_every_text_is_translated_and_not_fuzzy(po_path):
    po = polib.pofile(str(po_path))

    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parts[-5:-3]))
def test_the_compiled_catalogue_matches_its_source(po_path):
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(po_path.with_suffix(".mo")))

    compiled = {e.msgid: e.msgstr for e in mo}
    assert {e.msgid: e.msgstr for e in po.translated_entries()} == {
        k: v for k, v in compiled.items() if k
    }, f"run `lifegate compilemessages` and commit {po_path.with_suffix('.mo')}"
