# SPDX-License-Identifier: EUPL-1.2
"""The standards copied into the repository are the ones the project was given."""

import pytest

from tests.conftest import REPO

SHARED = REPO.parent / "shared" / "standards"
VENDORED = REPO / "standards"


def _files(root):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def test_the_vendored_standards_include_the_shapes_and_the_api_ruleset():
    names = {str(p) for p in _files(VENDORED)}

    assert "cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl" in names
    assert "dcat-ap-3.0.1/dcat-ap-SHACL.ttl" in names
    assert "nl-api-design-rules/linter.yaml" in names


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared/standards beside this checkout")
def test_the_vendored_standards_equal_the_shared_originals():
    assert _files(VENDORED) == _files(SHARED)
    for relative in _files(SHARED):
        assert (VENDORED / relative).read_bytes() == (SHARED / relative).read_bytes(), relative
