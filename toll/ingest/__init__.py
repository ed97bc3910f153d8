"""Bytes in, Documents out: text, HTML, JSON Lines, WARC, feeds and URLs; sources.read_inputs streams them all."""
