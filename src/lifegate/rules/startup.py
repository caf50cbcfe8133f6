# SPDX-License-Identifier: EUPL-1.2
"""Load the rules at start-up; a broken rule file becomes one line saying file and line."""

from __future__ import annotations

import os
from pathlib import Path

from lifegate.core.errors import UserFacingError
from lifegate.rules.rule_files import RuleFileError, load_rules


class BrokenRulesError(UserFacingError):
    """The rules cannot be loaded; the message names each file and line."""


def check_rules(parameters_dir: Path | None = None) -> None:
    """Raise `BrokenRulesError` (one line, printed by the `lifegate` command) if a rule file
    is wrong."""
    # numexpr (under OpenFisca) logs its thread count on every start unless told; tell it.
    os.environ.setdefault("NUMEXPR_MAX_THREADS", str(os.cpu_count() or 1))
    try:
        load_rules(parameters_dir)
    except RuleFileError as error:
        where = "; ".join(str(problem) for problem in error.problems)
        raise BrokenRulesError(
            f"the rules cannot be loaded: {where}. Fix the rule file and start again."
        ) from error
