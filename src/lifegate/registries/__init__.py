# SPDX-License-Identifier: EUPL-1.2
"""Base registries as separate services (Haal Centraal style); see README.md."""
