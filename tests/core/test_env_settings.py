# SPDX-License-Identifier: EUPL-1.2
import stat

import pytest

from lifegate.config import env
from lifegate.config.secrets import load_or_create_secret


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False), ("No", False)]
)
def test_a_boolean_setting_reads_the_usual_spellings(raw, expected):
    assert env.DEBUG.read({"LIFEGATE_DEBUG": raw}) is expected


def test_an_unset_setting_gives_its_default():
    assert env.PORT.read({}) == 8000


@pytest.mark.parametrize(
    ("setting", "raw"), [(env.PORT, "eighty"), (env.DEBUG, "maybe"), (env.WORKERS, "2.5")]
)
def test_a_wrong_value_is_refused_with_the_variable_and_what_to_do(setting, raw):
    with pytest.raises(env.SettingError) as error:
        setting.read({setting.name: raw})

    assert setting.name in str(error.value)
    assert "Fix or unset it" in str(error.value)


def test_every_setting_is_declared_once_with_help():
    names = [s.name for s in env.ALL]

    assert len(names) == len(set(names))
    assert all(s.help for s in env.ALL)
    assert {"DATABASE_URL", "LIFEGATE_HOME", "LIFEGATE_PORT"} <= set(names)


def test_a_secret_is_generated_once_private_and_then_kept(tmp_path):
    first = load_or_create_secret(tmp_path, "signing-key")
    second = load_or_create_secret(tmp_path, "signing-key")

    assert first == second
    assert len(first) >= 40
    mode = stat.S_IMODE((tmp_path / "secrets" / "signing-key").stat().st_mode)
    assert mode == 0o600
