# SPDX-License-Identifier: EUPL-1.2
"""Identity: sign-in (OpenID Connect), levels of assurance, cross-border identities, mandates."""
