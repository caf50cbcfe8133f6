# SPDX-License-Identifier: EUPL-1.2
"""A user's mistake ends in one clear line and a non-zero exit, never a traceback."""

import socket

import pytest

from tests.conftest import free_port, lifegate_env, run_lifegate

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("postgres://lifegate:s3cret@127.0.0.1:1/lifegate", "the database does not answer"),
        ("not-a-url", "DATABASE_URL is not a database URL"),
        ("mysql://db/x", "does not support"),
    ],
)
def test_a_broken_database_url_is_one_line_that_says_what_to_do(
    lifegate_home, database_url, expected
):
    result = run_lifegate(["migrate"], lifegate_env(lifegate_home, DATABASE_URL=database_url))

    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "s3cret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serving_an_unmigrated_database_says_to_migrate(lifegate_home):
    result = run_lifegate(["serve", "--port", str(free_port())], lifegate_env(lifegate_home))

    assert result.returncode != 0
    assert "Run `lifegate migrate`" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_named_with_the_fix(lifegate_home):
    env = lifegate_env(lifegate_home)
    assert run_lifegate(["migrate", "-v0"], env).returncode == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = run_lifegate(["serve", "--port", str(port)], env)

    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "LIFEGATE_PORT" in result.stderr


def test_a_setting_with_a_wrong_type_is_named(lifegate_home):
    result = run_lifegate(["check"], lifegate_env(lifegate_home, LIFEGATE_DEBUG="perhaps"))

    assert result.returncode != 0
    assert "LIFEGATE_DEBUG='perhaps'" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_lists_every_variable_with_its_help(lifegate_home):
    result = run_lifegate(["settings"], lifegate_env(lifegate_home))

    assert result.returncode == 0
    for name in ("DATABASE_URL", "LIFEGATE_HOME", "LIFEGATE_PORT", "LIFEGATE_THEME_CSS"):
        assert name in result.stdout
