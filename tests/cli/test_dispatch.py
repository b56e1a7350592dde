"""`ratify CMD …` builds and imports only CMD's module; the full parser (help, a mistyped command) is as before."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

import ratify
from ratify import cli
from ratify.cli import build_parser, main

SRC = Path(ratify.__file__).resolve().parents[1]


def registered(module: str) -> list[str]:
    """The sub-commands `module` adds to a parser, in order."""
    sub = argparse.ArgumentParser().add_subparsers()
    import_module(f"ratify.cli.{module}").register(sub)
    return list(sub.choices)


def test_the_command_table_is_what_each_module_registers() -> None:
    table = [(name, module) for module in cli._COMMAND_MODULES for name in registered(module)]
    assert list(cli._COMMANDS.items()) == table  # same commands, same modules, the order `--help` lists


@pytest.mark.parametrize("command", list(cli._COMMANDS))
def test_a_commands_own_parser_is_the_one_of_the_full_parser(command: str) -> None:
    def helps(parser: argparse.ArgumentParser) -> str:
        [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return str(action.choices[command].format_help())

    assert helps(build_parser(command)) == helps(build_parser())


def test_a_mistyped_command_lists_every_choice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["stauts", "KAZ"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "invalid choice: 'stauts'" in err
    assert all(f"'{name}'" in err or f" {name}" in err for name in cli._COMMANDS)


def test_help_and_version_use_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out == build_parser().format_help()
    assert all(name in out for name in cli._COMMANDS)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"ratify {ratify.__version__}\n"


# what a status answer must not wait for: the importer and its readers, the documents layer and its libraries,
# the graph library (each a tenth of a second or more); and the records themselves — attrs and cattrs alone
# cost as much as a whole country-code lookup, so status answers from the snapshot's status table
HEAVY = ("ratify.untc", "ratify.present", "ratify.cli.importing", "ratify.cli.reports", "ratify.cli.analysis",
         "jinja2", "babel", "docx", "networkx", "xml.etree.ElementTree", "attr", "attrs", "cattrs",
         "ratify.model.records", "ratify.query.catalog")
# the words of the command line and the languages' catalogues (gettext alone for English) are light
LIGHT = ("ratify.present", "ratify.present.i18n", "ratify.present.console")

SCRIPT = """
import contextlib, io, json, sys
from ratify.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("argv", [("status", "KAZ", "V-2"), ("status", "KAZ"),
                                  ("status", "Kazakhstan", "--format", "json"),
                                  ("status", "казахстан", "--lang", "ru", "--as-of", "2000-01-01")])
def test_a_status_answer_imports_nothing_heavy(tmp_path: Path, argv: tuple[str, ...]) -> None:
    """Nothing heavy, in English or in Russian (whose catalogue, compiled by Babel on the first run, is then
    read from the cache by the standard library's gettext)."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "RATIFY_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the second answer is measured: the first compiles a language's catalogue (by Babel) once
        done = subprocess.run([sys.executable, "-c", SCRIPT, *argv], cwd=tmp_path, env=env, capture_output=True,
                              text=True, check=True)
    result = json.loads(done.stdout)
    assert result["code"] == 0 and "1999-01-15" in result["out"]
    loaded = [m for m in result["modules"] if any(m == h or m.startswith(f"{h}.") for h in HEAVY)
              and m not in LIGHT]
    assert loaded == []


def test_a_brief_imports_neither_the_importer_nor_networkx(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "RATIFY_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, "brief", "KAZ", "-o", str(tmp_path / "kaz.html")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["code"] == 0 and "Kazakhstan" in (tmp_path / "kaz.html").read_text(encoding="utf-8")
    assert [m for m in result["modules"] if m.split(".")[0] == "networkx" or m.startswith("ratify.untc")] == []
