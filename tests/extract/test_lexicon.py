"""Specification: the reviewed word lists agree with each other."""

from __future__ import annotations

from toll.extract.lexicon import load


def test_every_armed_group_is_a_party_the_lexicon_names() -> None:
    lex = load()
    unknown = sorted(lex.armed_groups - set(lex.parties.values()))
    assert not unknown, f"armed_groups.tsv names parties that parties.tsv does not: {unknown}"


def test_no_state_is_listed_as_an_armed_group() -> None:
    # a state here would lose its unnamed dead to nobody (main_party skips the armed group)
    states = {"Russia", "Ukraine", "Israel", "Palestine", "Sudan", "Nigeria", "Pakistan", "India", "Syria", "Iraq"}
    assert not (load().armed_groups & states)


def test_every_region_is_a_party_and_its_state_too() -> None:
    lex = load()
    names = set(lex.parties.values())
    bad = sorted(f"{r} -> {s}" for r, s in lex.region_states.items() if r not in names or s not in names)
    assert not bad, f"regions.tsv names parties that parties.tsv does not: {bad}"
