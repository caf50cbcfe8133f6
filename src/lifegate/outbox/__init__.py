# SPDX-License-Identifier: EUPL-1.2
"""Transactional outbox: events written with the change, delivered as CloudEvents by webhook."""
