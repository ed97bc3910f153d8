"""Hand-built ladders for the report tests: the sample war's shape, written from the model types alone."""

from __future__ import annotations

from datetime import date

from toll.model import Citation, Contradiction, Estimate, Ladder, Point, Rung

D = date
VMOD = "Valdoria's defence ministry"
KMOD = "Karvenia's defence ministry"
ESK = "Eskarian defence intelligence"
CLP = "The Casualty Ledger Project"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def cite(claim_id: str, doc: str, evidence: str, echo: str | None = None, claimant: str | None = None,
         raw: str = "", outlet: str | None = "Continental Press", published: date | None = None) -> Citation:
    """One report; its echo key defaults to its own claim id (an independent claim)."""
    return Citation(claim_id, echo or f"echo-{claim_id}", doc, outlet, f"https://{doc}.example/", published,
                    claimant, raw, evidence)


def point(low: int | None, high: int | None = None, kind: str = "exact", as_of: date | None = None,
          *cites: Citation) -> Point:
    if high is None and kind in ("exact", "approx"):
        high = low
    return Point(low, high, kind, as_of, cites)


def rung(claimant: str | None, kind: str, *figures: Point, speaks_for: str | None = None) -> Rung:
    """A rung whose figures are given oldest first; its counts are those of its figures' reports."""
    every = [c for p in figures for c in p.citations]
    return Rung(claimant, kind, figures[-1], tuple(figures[:-1]), len({c.echo_key for c in every}), len(every),
                speaks_for, (claimant,) if claimant else ())


def ladder(*rungs: Rung, estimate: Estimate, party: str | None = "Karvenia", role: str = "military",
           category: str = "killed", scope: str = "current", contradictions: tuple[Contradiction, ...] = ()) -> Ladder:
    return Ladder(scope, party, role, category, rungs, estimate, contradictions)


def war() -> Ladder:
    """Karvenian soldiers killed: the adversary's claims, a neutral neighbour's ranges, a floor of named dead, and
    the victims' own count; one claim reported twice (an echo); one contradiction on one day."""
    v_first = cite("c-v1", "s03", "Valdoria's defence ministry said 1,200 Karvenian soldiers had been killed.",
                   echo="e-v1", claimant=VMOD, raw="1,200", published=D(2031, 2, 20))
    v_echo = cite("c-v1b", "s04", "The ministry in Marrowgate put Karvenian dead at 1,200 on Thursday.",
                  echo="e-v1", claimant=VMOD, raw="1,200", outlet="Harbour Line News", published=D(2031, 2, 21))
    v_2000 = cite("c-v2", "s05", "More than 2,000 Karvenian troops have died, the Valdorian ministry said.",
                  claimant=VMOD, raw="More than 2,000")
    v_late = cite("c-v4", "s26", "Valdoria now says more than 13,500 Karvenian soldiers have been killed.",
                  claimant=VMOD, raw="more than 13,500")
    k_96 = cite("c-k1", "s05", "Karvenia's defence ministry acknowledged 96 of its soldiers had been killed.",
                claimant=KMOD, raw="96")
    valdoria = rung(VMOD, "adversary",
                    point(1200, None, "exact", D(2031, 2, 20), v_first, v_echo),
                    point(2000, None, "lower_bound", D(2031, 2, 24), v_2000),
                    point(13500, None, "lower_bound", D(2031, 6, 10), v_late), speaks_for="valdoria")
    eskaria = rung(ESK, "third_party",
                   point(5000, 7000, "range", D(2031, 4, 9),
                         cite("c-e1", "s16", "Eskarian intelligence estimated 5,000 to 7,000 Karvenian dead.", raw="5,000 to 7,000")),
                   point(11000, 14000, "range", D(2031, 6, 4),
                         cite("c-e2", "s24", "Eskaria now estimates between 11,000 and 14,000 killed.", raw="between 11,000 and 14,000")))
    ledger = rung(CLP, "independent",
                  point(212, None, "lower_bound", D(2031, 3, 14),
                        cite("c-l1", "s10", "The project has named at least 212 Karvenian dead.", raw="at least 212")),
                  point(2893, None, "lower_bound", D(2031, 6, 6),
                        cite("c-l2", "s25", "The ledger now names at least 2,893 Karvenian soldiers.", raw="at least 2,893")))
    karvenia = rung(KMOD, "self",
                    point(96, None, "exact", D(2031, 2, 24), k_96),
                    point(1020, None, "exact", D(2031, 5, 13),
                          cite("c-k2", "s22", "Karvenia said 1,020 of its servicemen had been killed.", raw="1,020")),
                    speaks_for="karvenia")
    estimate = Estimate(2893, 12500, 14000, "low 2,893: highest floor; high 14,000: highest third party; best 12,500",
                        (), (CLP,), (ESK,), (ESK,))
    clash = Contradiction(D(2031, 2, 24), VMOD, valdoria.history[1], KMOD, karvenia.history[0], 2000 / 96)
    return ladder(valdoria, eskaria, ledger, karvenia, estimate=estimate, contradictions=(clash,))


def adversary_only() -> Ladder:
    """Valdorian casualties counted by nobody but their enemy: the estimate must carry its flag."""
    k = rung(KMOD, "adversary",
             point(2300, None, "lower_bound", D(2031, 4, 15),
                   cite("c-a1", "s17", "Karvenia claimed more than 2,300 Valdorian casualties.", raw="more than 2,300")),
             speaks_for="karvenia")
    flags = (f"adversary claim used for low: {KMOD}", f"adversary claim used for high: {KMOD}")
    estimate = Estimate(2300, 2300, 2300, "low 2,300: falling back to adversary", flags, (KMOD,), (KMOD,), (KMOD,))
    return ladder(k, estimate=estimate, party="Valdoria", category="casualties")


def historical() -> Ladder:
    """A comparison with the 1998 war, undated in its own wording: it must stay apart from the current war."""
    r = rung(None, "unknown",
             point(4500, None, "approx", None,
                   cite("c-h1", "s16", "In the 1998 Ostrel war Karvenia lost about 4,500 soldiers.", raw="about 4,500")))
    estimate = Estimate(4500, 4500, 4500, "unclassified", ("unclassified claimant used for low: unattributed",))
    return ladder(r, estimate=estimate, scope="historical 1998")


def ceiling() -> Ladder:
    """Missing soldiers: a ceiling ("up to 40") and a vague count ("dozens")."""
    r = rung("A ministry spokesman", "unknown",
             point(None, 40, "upper_bound", D(2031, 3, 19),
                   cite("c-u1", "s11", "Up to 40 Karvenian soldiers were missing, a spokesman said.", raw="Up to 40")),
             point(24, None, "vague", D(2031, 3, 25),
                   cite("c-u2", "s12", "Dozens of soldiers remain unaccounted for, he said.", raw="Dozens")))
    return ladder(r, estimate=Estimate(24, 24, 40, "unclassified"), category="missing")


def hostile() -> Ladder:
    """Data that is markup in every format the report writes: HTML, XML, markdown, rich console markup."""
    name = 'The <b>"Ministry"</b> & [bold red]Co[/] | x'
    evidence = f"Officials said {SCRIPT} 14 people {IMG} were killed | [link](https://evil.example) *now* \x00."
    r = rung(name, "adversary",
             point(14, None, "exact", D(2031, 3, 1), cite("c-x1", "doc<1>&", evidence, claimant=name, raw="14")))
    estimate = Estimate(14, 14, 14, f"method {SCRIPT}", (f"adversary claim used for low: {name}",), (name,))
    return ladder(r, estimate=estimate, party=f"Ostrel {IMG}", category="killed")


LADDERS = {"war": war, "adversary_only": adversary_only, "historical": historical, "ceiling": ceiling,
           "hostile": hostile}


def claim_ids(x: Ladder) -> set[str]:
    return {i for r in x.rungs for p in (*r.history, r.latest) for i in p.claim_ids}
