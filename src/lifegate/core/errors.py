# SPDX-License-Identifier: EUPL-1.2
"""Errors a user can fix: their message says what is wrong and what to do next."""


class UserFacingError(Exception):
    """Printed as one line by the `lifegate` command, without a traceback."""
