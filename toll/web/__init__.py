"""The dashboard and HTTP API (`toll serve`): ladders, timelines, claims and their evidence, read-only."""

from __future__ import annotations

from toll.web.app import create_app, serve

__all__ = ["create_app", "serve"]
