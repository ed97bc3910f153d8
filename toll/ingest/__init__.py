"""Bytes in, Documents out: plain text, HTML (via trafilatura) and JSON Lines batches. Imports only the core."""
