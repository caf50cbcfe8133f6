# SPDX-License-Identifier: EUPL-1.2
"""Cross-border evidence, modelled on the EU Once-Only Technical System (OOTS)."""
