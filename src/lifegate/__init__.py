"""lifegate: proactive, life-event-based public services."""
