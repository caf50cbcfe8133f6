# SPDX-License-Identifier: EUPL-1.2
"""Once-only exchange: every read of personal data, its policy and its log; see README.md."""
