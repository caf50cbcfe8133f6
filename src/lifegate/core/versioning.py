# SPDX-License-Identifier: EUPL-1.2
"""The API's version, in one place: the URI carries the major, the header the full version."""

API_VERSION = "1.0.0"
API_MAJOR = API_VERSION.split(".", maxsplit=1)[0]
API_PREFIX = f"/api/v{API_MAJOR}/"
