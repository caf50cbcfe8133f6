# SPDX-License-Identifier: EUPL-1.2
"""The Dutch demo rules as an OpenFisca country package (pure: no Django, no IO but its files).

    system = tax_benefit_system()          # built once per process, then shared
    system.variables["kinderbijslag"]      # an OpenFisca Variable, `label` in Dutch
    LABELS_EN["kinderbijslag"]             # its English label

Parameters are dated YAML under `parameters/`; YAML tests a policy officer can read are
under `tests/` (run them with `lifegate.rules.yaml_tests.run_yaml_tests`).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from lifegate.rules.openfisca_nl.entities import entities
from lifegate.rules.openfisca_nl.variables import ALL_VARIABLES, LABELS_EN
from lifegate.rules.rule_files import (
    RuleFileError,
    RuleFileProblem,
    check_parameter_files,
    class_location,
)

PACKAGE_DIR = Path(__file__).resolve().parent
PARAMETERS_DIR = PACKAGE_DIR / "parameters"
TESTS_DIR = PACKAGE_DIR / "tests"
# The rules hold figures published for 2025 (AOW ages to 2027); later years carry them forward.
VALID_FROM = dt.date(2025, 1, 1)
VALID_UNTIL = dt.date(2027, 12, 31)


class DutchTaxBenefitSystem(TaxBenefitSystem):  # type: ignore[misc]  # openfisca has no stubs
    """The entities, every rule variable and the parameters of `parameters_dir`.

    Raises `RuleFileError` naming the file and line of a broken parameter or variable.
    """

    def __init__(self, parameters_dir: Path = PARAMETERS_DIR) -> None:
        super().__init__(entities)
        problems = check_parameter_files(parameters_dir)
        for variable in ALL_VARIABLES:
            try:
                self.add_variable(variable)
            except Exception as error:
                problems.append(class_location(variable, str(error)))
        if problems:
            raise RuleFileError(problems)
        try:
            self.load_parameters(str(parameters_dir))
        except Exception as error:
            raise RuleFileError([RuleFileProblem(parameters_dir, 1, str(error))]) from error


# The name `openfisca serve --country-package lifegate.rules.openfisca_nl` looks for.
CountryTaxBenefitSystem: type[DutchTaxBenefitSystem] = DutchTaxBenefitSystem


@cache
def tax_benefit_system() -> DutchTaxBenefitSystem:
    """The shared system (building it reads every parameter file: do it once)."""
    return DutchTaxBenefitSystem()


# The name OpenFisca's tools (`openfisca serve`, `openfisca test`) look for in a country package.
CountryTaxBenefitSystem = DutchTaxBenefitSystem

__all__ = [
    "LABELS_EN",
    "PARAMETERS_DIR",
    "TESTS_DIR",
    "VALID_FROM",
    "VALID_UNTIL",
    "CountryTaxBenefitSystem",
    "DutchTaxBenefitSystem",
    "tax_benefit_system",
]
