"""The dashboard's data, one method per view: the HTML pages and the JSON API both call these."""

from __future__ import annotations

import math
from typing import Any

from toll.model import Ladder
from toll.reconcile.kinds import Kinds
from toll.reconcile.ladder import ladders
from toll.settings import Settings
from toll.store import browse as queries
from toll.store.browse import ClaimFilter
from toll.store.readonly import ReadOnlyDB
from toll.store.records import reported_query, to_reported
from toll.web.views import LadderCache, evidence_segments, figure_segments, find_ladder


class Dashboard:
    """A read-only database and the ladders computed from it."""

    def __init__(self, db: ReadOnlyDB, settings: Settings | None = None) -> None:
        self.db = db
        settings = settings or Settings()
        # the same claimant kinds and contradiction factor as `toll report`, so the two never disagree
        self._kinds = Kinds.default().extended(settings.claimant_kinds) if settings.claimant_kinds else None
        self._factor = settings.contradiction_factor
        self._cache = LadderCache()

    def ladders(self) -> list[Ladder]:
        """Every ladder of the stored claims; recomputed only when the claims have changed."""
        with self.db.read() as conn:
            key = queries.version(conn)
        return self._cache.get(key, self._build)

    def _build(self) -> list[Ladder]:
        # rows fetched first, ladders built after: the time limit is for SQL, not for the Python that follows
        with self.db.read() as conn:
            rows = conn.execute(reported_query()).all()
        return ladders((to_reported(r) for r in rows), self._kinds, contradiction_factor=self._factor)

    def counts(self) -> dict[str, int]:
        with self.db.read() as conn:
            return queries.counts(conn)

    def ladder(self, scope: str, party: str, role: str, category: str) -> Ladder | None:
        return find_ladder(self.ladders(), scope, party, role, category)

    def claims(self, f: ClaimFilter) -> dict[str, Any]:
        """One page of matching claims, with the totals a pager needs."""
        with self.db.read() as conn:
            items, total = queries.list_claims(conn, f)
        return _paged(items, total, f.page, f.per_page)

    def choices(self) -> dict[str, list[str]]:
        with self.db.read() as conn:
            return queries.choices(conn)

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        """One claim, its document's text cut for highlighting, and every report of it."""
        with self.db.read() as conn:
            found = queries.claim(conn, claim_id)
            if found is None:
                return None
            echoes = queries.echoes_of(conn, found["echo_key"])
        text = found.pop("text")
        segments = evidence_segments(
            text, found["char_start"], found["char_end"], found["figure_start"], found["figure_end"]
        )
        return {"claim": found, "segments": segments, "echoes": echoes}

    def document(self, doc_key: str) -> dict[str, Any] | None:
        """One document and its claims, its text cut at every claim's figure."""
        with self.db.read() as conn:
            found = queries.document(conn, doc_key)
        if found is None:
            return None
        marks = [(c["figure_start"], c["figure_end"], c["claim_id"]) for c in found["claims"]]
        found["segments"] = figure_segments(found["text"], marks)
        return found

    def outlets(self, page: int, per_page: int) -> dict[str, Any]:
        with self.db.read() as conn:
            items, total = queries.list_outlets(conn, page, per_page)
        return _paged(items, total, page, per_page)

    def echoes(self, page: int, per_page: int) -> dict[str, Any]:
        with self.db.read() as conn:
            items, total = queries.list_echoes(conn, page, per_page)
        return _paged(items, total, page, per_page)


def _paged(items: list[dict[str, Any]], total: int, page: int, per_page: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    return {"items": items, "total": total, "page": page, "per_page": per_page, "pages": pages}
