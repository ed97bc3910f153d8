"""Reconciling documents: echoes of one story, and one claim reported by many documents."""
