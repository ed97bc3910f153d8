"""The extractor's shortcuts change its speed, never its claims: candidates left unparsed because no parse could
give them a claim, earlier sentences parsed ahead of the reading, and parser batches bounded in characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import toll
from toll.extract import dates, pipeline
from toll.model import Document

from ._helpers import PUBLISHED

SAMPLE = Path(__file__).resolve().parents[2] / "toll" / "data" / "sample.jsonl"

# Candidates (a casualty stem and a number) of every kind near the claimless rule's edges.
SENTENCES = [
    "The central bank held its main interest rate at 9.1 per cent on Tuesday.",
    "Belcastro Motors said it would absorb currency losses of about 3.7%.",
    "The vote was held at 10 a.m. and the bill was killed 52-48.",
    "Turnout in the 2nd round fell, and the measure died in committee.",
    "A 12-year-old boy was killed on Monday, medics said.",
    "At 3 pm, two soldiers were killed near the border.",
    "Shelling killed 40 percent of the livestock and a shepherd.",
    "About 9.5 percent of the displaced have returned, and 12 were wounded.",
    "The strike at 0400 wounded a guard.",
    "His son was injured when the 4.5-tonne truck hit the checkpoint.",
    "Some 30% of the 1,200 prisoners were released.",
    "Prices of held goods rose 3.2% in March.",
]


def _claims(docs: list[Document]) -> list[str]:
    return [json.dumps([c.to_dict() for c in r.claims], default=str) + str(r.error) for r in toll.extract_many(docs)]


def _sample_docs() -> list[Document]:
    docs = []
    for k, line in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines()):
        rec = json.loads(line)
        docs.append(Document(id=str(k), text=rec.get("text") or "", published=PUBLISHED))
    return docs


def _sentence_docs() -> list[Document]:
    # one document of all the sentences (history and context at work) and one document per sentence
    whole = Document(id="all", text=" ".join(SENTENCES), published=PUBLISHED)
    return [whole] + [Document(id=str(k), text=s, published=PUBLISHED) for k, s in enumerate(SENTENCES)]


def test_the_claimless_rule_skips_refused_figures_and_keeps_the_rest() -> None:
    text = " ".join(SENTENCES)
    doc = Document(id="d", text=text, published=PUBLISHED)
    plan = pipeline._plan(doc)
    assert plan is not None
    skipped = {plan.spans[i].text(text).strip() for i in pipeline._claimless(doc, plan)}
    assert SENTENCES[0] in skipped and SENTENCES[1] in skipped  # percentages alone
    assert SENTENCES[4] not in skipped and SENTENCES[8] not in skipped  # "A ... boy", "a guard": one person each
    assert SENTENCES[5] not in skipped  # "two soldiers": a figure in words


@pytest.mark.parametrize("docs", [_sentence_docs, _sample_docs], ids=["sentences", "sample"])
def test_skipping_claimless_candidates_changes_no_claim(docs, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    fast = _claims(docs())
    monkeypatch.setattr(pipeline, "_claimless", lambda doc, plan: set())
    assert _claims(docs()) == fast


@pytest.mark.parametrize("docs", [_sentence_docs, _sample_docs], ids=["sentences", "sample"])
def test_what_is_parsed_ahead_changes_no_claim(docs, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    planned = _claims(docs())
    monkeypatch.setattr(pipeline, "_plan_prefetch", lambda doc, plan: None)  # every earlier sentence on demand
    assert _claims(docs()) == planned


def test_a_sentence_read_as_context_stays_read_for_later_speakers() -> None:
    # The first sentence is read (as context) for "The Valdorian army said", whose speaker is named and needs no
    # antecedent; "He said" three sentences later still finds the person it names. What is parsed ahead, or
    # when, must not decide which earlier sentences count as read.
    text = (
        "President Irena Vasko visited the front on Monday. The Valdorian army said 30 soldiers were killed. "
        "Aid convoys reached the city. Shops reopened. He said 12 others were wounded."
    )
    claims = {c.value.low: c.claimant for c in toll.extract(text, published=PUBLISHED)}
    assert claims == {30: "The Valdorian army", 12: "President Irena Vasko"}


class _Model:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def pipe(self, texts: list[str], batch_size: int) -> list[str]:
        assert batch_size == len(texts)
        self.batches.append(list(texts))
        return list(texts)


def test_parser_batches_are_bounded_in_sentences_and_characters() -> None:
    longest = pipeline.sentences.MAX_SENTENCE
    texts = ["s" * 80] * (pipeline.BATCH + 5) + ["L" * longest] * 40 + ["t" * 10]
    model = _Model()
    assert list(pipeline._parse(model, texts)) == texts
    assert all(len(b) <= pipeline.BATCH for b in model.batches)
    assert all(sum(map(len, b)) <= pipeline.BATCH_CHARS for b in model.batches)
    assert len(model.batches[0]) == pipeline.BATCH  # short sentences fill a whole batch


def test_the_date_scan_lookahead_finds_what_the_plain_pattern_finds() -> None:
    plain = re.compile(dates._DATE.pattern.removeprefix(dates.DATE_LEAD), dates._DATE.flags)
    words = [*dates.MONTHS, *dates.WEEKDAYS, *dates._EXPLICIT, "since", "from", "between", "on", "today",
             "yesterday", "tonight", "this morning", "last night", "in the past 24 hours", "over the past day",
             "so far", "to date"]  # fmt: skip
    texts = [f"{pre} {w} 5 {m}, 2023" for w in words for pre, m in (("x", "May"), ("X", "JUNE"), ("", "sept."))]
    texts += [w.upper() + " 12 Dec" for w in words] + [w.title() + " 3rd Mar" for w in words]
    texts += [json.loads(line).get("text") or "" for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in dates._DATE.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text


def test_the_year_scan_lookahead_finds_what_the_plain_pattern_finds() -> None:
    plain = re.compile(dates._YEAR.pattern.removeprefix(dates.YEAR_LEAD), dates._YEAR.flags)
    texts = [f"{a}{pre}{y}{b}" for pre in ("", "since ", "from ", "after ", "Since ") for y in ("1999", "2024", "2100")
             for a, b in (("", ""), ("x ", "."), ("1,", " to 2003"), ("in ", "-2011"), ("(", ")"))]  # fmt: skip
    texts += [json.loads(line).get("text") or "" for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    for text in texts:
        for start in range(0, len(text), max(1, len(text) // 7)):  # scans that start inside the text, as per sentence
            got = [(m.span(), m.groupdict()) for m in dates._YEAR.finditer(text, start)]
            assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text, start)], text
