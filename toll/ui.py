"""Progress and the run summary for long jobs: a rich bar on a terminal, plain log lines elsewhere."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from toll.jobs import Summary

LOG_EVERY = 5.0  # seconds between plain progress lines when the output is not a terminal


class Reporter:
    """Shows a job's progress on `err` as it runs and prints its summary when it ends."""

    def __init__(self, err: TextIO, quiet: bool = False, label: str = "ingest") -> None:
        self.err = err
        self.quiet = quiet
        self.label = label
        self.tty = hasattr(err, "isatty") and err.isatty()
        self.shown_errors = 0
        self._last_log = time.monotonic()
        self._progress = None
        self._task = None

    def __enter__(self) -> Reporter:
        if self.tty and not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(bar_width=20),  # the number of documents is not known ahead: it pulses
                TextColumn("{task.fields[docs]} docs · {task.fields[rate]} docs/s · {task.fields[claims]} claims · "
                           "{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=Console(file=self.err),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, docs=0, rate="-", claims=0, failed=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, s: Summary) -> None:
        for problem in s.errors[self.shown_errors:]:
            self._line(f"toll: {problem}")
        self.shown_errors = len(s.errors)
        rate = f"{s.read / s.seconds:,.1f}" if s.seconds > 0 else "-"
        claims = s.claims
        if self._progress is not None:
            self._progress.update(self._task, docs=s.read, rate=rate, claims=claims, failed=s.failed)
        elif not self.quiet and time.monotonic() - self._last_log >= LOG_EVERY:
            self._last_log = time.monotonic()
            self._line(f"toll: {self.label}: {s.read} read, {s.new} new, {claims} claims, {s.failed} failed, "
                       f"{rate} docs/s")

    def summary(self, s: Summary, out: TextIO, db: str) -> None:
        self.update(s)
        rate = f"{s.read / s.seconds:,.1f}" if s.seconds > 0 else "-"
        if self.label == "reextract":
            lines = [
                f"reextract run {s.run_id} into {_safe_url(db)}: {s.read} documents in {s.seconds:.1f} s ({rate}/s)",
                f"  claims in the database: {s.claims_before} before, {s.claims_after} after",
                f"  failed:           {s.failed}" + (" (their old claims were kept)" if s.failed else ""),
            ]
        else:
            lines = [
                f"{self.label} run {s.run_id} into {_safe_url(db)}: {s.read} read in {s.seconds:.1f} s ({rate} docs/s)",
                f"  new documents:    {s.new}",
                f"  already stored:   {s.skipped}",
                f"  duplicates:       {s.duplicates} (same text at another URL: joined to its story)",
                f"  near-duplicates:  {s.near_duplicates} (reworded or edited copies: joined to their story)",
                f"  failed:           {s.failed}",
                f"  claims found:     {s.claims} reports (database: {s.claims_before} before, {s.claims_after} after)",
            ]
        t = s.totals
        if t:
            lines.append(f"  database now:     {t['claims']} claims reported, {t['independent_claims']} independent "
                         f"(echoes counted once), in {t['documents']} documents, {t['stories']} stories, "
                         f"{t['outlets']} outlets")
        for reason, n in _reasons(s.errors):
            lines.append(f"    {n} × {reason}")
        out.write("\n".join(lines) + "\n")
        out.flush()

    def _line(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            self.err.write(text + "\n")
            self.err.flush()


def _reasons(errors: list[str]) -> list[tuple[str, int]]:
    """Failures grouped by their problem (the part after the input's name), most common first."""
    counts: dict[str, int] = {}
    for e in errors:
        reason = e.split(": ", 1)[1] if ": " in e else e
        counts[reason] = counts.get(reason, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]


def _safe_url(url: str) -> str:
    """The database URL without its password."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        cred, host = rest.rsplit("@", 1)
        return f"{scheme}://{cred.split(':', 1)[0]}@{host}"
    return url
