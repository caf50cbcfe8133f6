# SPDX-License-Identifier: EUPL-1.2
"""Rules as code: the Dutch rules (OpenFisca), the eligibility service and population runs."""
