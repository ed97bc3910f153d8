"""Claimant kinds: the victims' own side, their adversary, third parties, international bodies, independent counts;
the curated table, a user's table over it, and bad tables refused with the line that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from toll.errors import InputError
from toll.reconcile.kinds import Kinds, canonical, demonym_map, demonyms, key, named_party

AT_WAR = frozenset({frozenset({"valdoria", "karvenia"}), frozenset({"ukraine", "russia"})})
KINDS = Kinds.default()


@pytest.mark.parametrize(
    ("claimant", "victims", "kind"),
    [
        ("Valdoria's defence ministry", "Karvenia", "adversary"),
        ("the Valdorian defence ministry", "Karvenia", "adversary"),
        ("Valdoria's defence ministry", "Valdoria", "self"),
        ("Karvenia's defence ministry", "Karvenia", "self"),
        ("The Karvenian government", "Karvenia", "self"),
        ("Karvenia's defence ministry", "Valdoria", "adversary"),
        ("officials in Lenskaya", "Valdoria", "adversary"),
        ("President Irena Vasko", "Valdoria", "self"),
        ("Eskarian defence intelligence", "Karvenia", "third_party"),
        ("officials in Halvik", "Karvenia", "third_party"),
        ("The Casualty Ledger Project", "Karvenia", "independent"),
        ("An independent monitoring group", "Karvenia", "independent"),
        ("The UN human rights monitoring mission in Valdoria", "Valdoria", "international"),
        ("The International Committee of the Red Cross", None, "international"),
        ("the U.N. refugee agency", "Valdoria", "international"),
        ("Ukraine's general staff", "Russia", "adversary"),
        ("the Russian defence ministry", "Ukraine", "adversary"),
        ("U.S. officials", "Russia", "third_party"),
        ("the Pentagon", "Russia", "third_party"),
        ("NATO officials", "Russia", "third_party"),
        ("Mediazona", "Russia", "independent"),
        ("The Free Ostrel Brigade", "Free Ostrel Brigade", "self"),
        ("Municipal officials", "Valdoria", "unknown"),
        ("a ministry spokesman", "Karvenia", "unknown"),
        # with no victim party, a state's voice cannot be told self from adversary
        ("Valdoria's defence ministry", None, "unknown"),
        (None, "Karvenia", "unknown"),
    ],
)
def test_a_claimant_gets_its_kind_relative_to_the_victims(claimant: str | None, victims: str | None, kind: str) -> None:
    parties = [victims] if victims else []
    assert KINDS.kind(key(claimant), victims, AT_WAR if parties else frozenset()) == kind
    assert KINDS.kind(canonical(key(claimant), demonym_map(["Valdoria", "Karvenia", *parties])), victims, AT_WAR) == kind


@pytest.mark.parametrize(
    ("claimant", "victims", "kind"),
    [
        # without the two sides claiming each other's losses, a state is only a third party to the other's dead
        ("Valdoria's defence ministry", "Karvenia", "third_party"),
        ("Karvenia's defence ministry", "Karvenia", "self"),
    ],
)
def test_adversary_needs_a_pair_at_war(claimant: str, victims: str, kind: str) -> None:
    assert KINDS.kind(key(claimant), victims, frozenset()) == kind


@pytest.mark.parametrize(
    ("party", "form", "names_it"),
    [
        ("Valdoria", "valdorian", True),
        ("Valdoria", "valdorians", True),
        ("Karvenia", "karvenian", True),
        ("Ukraine", "ukrainian", True),
        ("Russia", "russians", True),
        ("Sudan", "sudanese", True),
        ("Israel", "israeli", True),
        ("Eskaria", "eskarian", True),
        ("Iran", "iranian", True),
        ("Valdoria", "valdez", False),
        ("Oman", "omen", False),
        ("Mali", "male", False),
        ("Karvenia", "karma", False),
    ],
)
def test_the_demonym_rule(party: str, form: str, names_it: bool) -> None:
    assert (form in demonyms(party)) is names_it


@pytest.mark.parametrize(
    ("claimant", "parties", "named"),
    [
        ("valdoria defence ministry", ["Valdoria", "Karvenia"], "valdoria"),
        ("karvenian government", ["Valdoria", "Karvenia"], "karvenia"),
        # the first party named is the one that speaks: "Valdoria's envoy to Karvenia" is Valdorian
        ("valdoria envoy to karvenia", ["Karvenia", "Valdoria"], "valdoria"),
        ("nigerian army", ["Niger", "Nigeria"], "nigeria"),
        ("free ostrel brigade", ["Free Ostrel Brigade", "Karvenia"], "free ostrel brigade"),
        ("municipal officials", ["Valdoria", "Karvenia"], None),
    ],
)
def test_named_party_takes_the_first_and_longest_name(claimant: str, parties: list[str], named: str | None) -> None:
    assert named_party(claimant, parties) == named
    assert named_party(claimant, list(reversed(parties))) == named


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Valdoria's defence ministry", "the Valdorian defence ministry", True),
        ("The Valdorian defence ministry", "VALDORIA'S DEFENCE MINISTRY", True),
        ("U.S. officials", "US officials", True),
        ("Valdoria's defence ministry", "Karvenia's defence ministry", False),
        ("Eskarian defence intelligence", "Eskarian intelligence officials", False),
    ],
)
def test_one_claimant_however_it_is_spelled(a: str, b: str, same: bool) -> None:
    forms = demonym_map(["Valdoria", "Karvenia", "Eskaria"])
    assert (canonical(key(a), forms) == canonical(key(b), forms)) is same


@pytest.mark.parametrize(
    ("claimant", "victims", "kind"),
    [
        # the table's "bbc russian" still matches once "russian" is read as Russia
        ("BBC Russian", "Russia", "independent"),
        ("the Syrian Observatory for Human Rights", "Syria", "independent"),
        ("the Russian defence ministry", "Russia", "self"),
    ],
)
def test_table_patterns_match_claimants_with_their_demonyms_rewritten(claimant: str, victims: str, kind: str) -> None:
    forms = demonym_map([victims])
    assert KINDS.canonicalised(forms).kind(canonical(key(claimant), forms), victims) == kind


def _table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kinds.tsv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "claimant", "victims", "kind"),
    [
        # a user who trusts Eskaria's intelligence service as an independent count
        ("eskarian defence intelligence\tindependent\n", "Eskarian defence intelligence", "Karvenia", "independent"),
        # a user who knows Marrowgate's officials were Karvenian-installed
        ("officials in marrowgate\tstate\tKarvenia\n", "officials in Marrowgate", "Valdoria", "adversary"),
        # a user's state row adds a party the defaults do not know, demonyms included
        ("ostravia\tstate\tOstravia\n", "the Ostravian foreign ministry", "Karvenia", "third_party"),
        ("# a comment\n\npattern\tkind\tparty\nhalvik\tunknown\n", "officials in Halvik", "Karvenia", "unknown"),
    ],
)
def test_a_users_table_overrides_the_defaults(
    tmp_path: Path, rows: str, claimant: str, victims: str, kind: str
) -> None:
    extended = KINDS.extended(_table(tmp_path, rows))
    assert extended.kind(key(claimant), victims, AT_WAR) == kind
    assert KINDS.kind(key(claimant), victims, AT_WAR) != kind


def test_the_default_table_is_read_once_and_loads_from_its_file() -> None:
    assert Kinds.default() is Kinds.default()
    from toll.reconcile.kinds import DEFAULT_TABLE

    assert Kinds.load(DEFAULT_TABLE).rows == Kinds.default().rows


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("nato\tthird party\n", "line 1: unknown kind 'third party'"),
        ("nato\n", "line 1: expected pattern, kind"),
        ("# header\nnato\tthird_party\tNATO\textra\n", "line 2: expected pattern, kind"),
        ("marrowgate\tstate\n", "line 1: a party is given exactly for the kind 'state'"),
        ("nato\tthird_party\tNATO\n", "line 1: a party is given exactly for the kind 'state'"),
        ("...\tindependent\n", "line 1: the pattern is empty"),
    ],
)
def test_a_bad_table_is_refused_naming_the_file_and_line(tmp_path: Path, text: str, problem: str) -> None:
    path = _table(tmp_path, text)
    with pytest.raises(InputError) as err:
        Kinds.load(path)
    assert str(err.value).startswith(f"{path}: {problem}")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("content", [None, b"nato\tthird_party\n\xff\xfe\n"])
def test_an_unreadable_table_is_an_input_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "kinds.tsv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as err:
        KINDS.extended(path)
    assert str(err.value).startswith(f"{path}: cannot read the claimant kinds table")
