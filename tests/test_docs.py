"""Every command-line option and every setting is documented in the README (datasette's rule)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from toll import cli
from toll.settings import HELP, Settings
from toll.store import EXPORT_COLUMNS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _options(cmd: click.Command) -> list[str]:
    return [o for p in cmd.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")]


COMMANDS = {name: cmd for name, cmd in cli.main.commands.items()}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    assert f"`toll {command}" in README


@pytest.mark.parametrize(
    ("command", "option"), [(name, o) for name, cmd in sorted(COMMANDS.items()) for o in _options(cmd)]
)
def test_every_option_of_every_command_is_documented(command: str, option: str) -> None:
    section = README.split(f"`toll {command}", 1)[1]
    assert option in section, f"toll {command} {option} is not in the README"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_ingest_setting_is_documented_with_its_variable(name: str) -> None:
    assert f"`{name}`" in README and f"`TOLL_{name.upper()}`" in README
    assert name in HELP


@pytest.mark.parametrize("column", EXPORT_COLUMNS)
def test_every_export_column_is_documented(column: str) -> None:
    section = README.split("`toll export", 1)[1]
    assert re.search(rf"`{column}`", section)


@pytest.mark.parametrize("fmt", cli.FORMATS)
def test_every_format_is_documented(fmt: str) -> None:
    assert f"--format {fmt}" in README


@pytest.mark.parametrize("column", cli.CSV_COLUMNS)
def test_every_csv_column_is_documented(column: str) -> None:
    assert re.search(rf"\b{column}\b", README)


@pytest.mark.parametrize("setting", ["PARSE_BUDGET", "BATCH", "DOCS_PER_CHUNK", "MAX_SENTENCE", "MAX_BYTES"])
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in README


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].replace("pip install", "python -m pip install -q") in ci
