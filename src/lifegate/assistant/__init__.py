# SPDX-License-Identifier: EUPL-1.2
"""The service finder (human-centric AI) and the algorithm register."""
