# SPDX-License-Identifier: EUPL-1.2
"""The demo eID provider (OpenID Connect) and the platform's token endpoint for agencies."""
