# SPDX-License-Identifier: EUPL-1.2
"""Message box: secure messages from agencies to citizens and businesses."""
