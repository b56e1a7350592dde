"""The bundled instrument files are exactly what the committed raw sources and overlay give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_data.py"


@pytest.mark.skipif(not SCRIPT.exists(), reason="not a source checkout")
def test_bundled_data_is_reproducible_from_the_sources() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="not a source checkout")
def test_a_bad_generated_file_is_regenerated_not_read(tmp_path: Path) -> None:
    """The build reads only the raw sources, the overlay and the register of states, never its own output."""
    import os
    import shutil

    for part in ("scripts", "sources"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copytree(REPO / "data", tmp_path / "data", symlinks=True)
    broken = tmp_path / "data" / "instruments" / "iccpr-1966.toml"
    good = broken.read_bytes()
    broken.write_text('[instrument]\nid = "iccpr-1966"\nnot_a_field = 1\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    script = tmp_path / "scripts" / "build_data.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert broken.read_bytes() == good
    again = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False,
                           env=env)
    assert again.returncode == 0, again.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="not a source checkout")
def test_a_bad_register_of_states_is_reported_not_a_traceback(tmp_path: Path) -> None:
    import os
    import shutil

    for part in ("scripts", "sources"):
        shutil.copytree(REPO / part, tmp_path / part)
    shutil.copytree(REPO / "data", tmp_path / "data", symlinks=True)
    states = tmp_path / "data" / "states.toml"
    states.write_text(states.read_text(encoding="utf-8") + '\n[ZZZ]\nkind = "planet"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, str(tmp_path / "scripts" / "build_data.py"), "--check"],
                          capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "states.toml" in done.stderr and "ZZZ" in done.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="not a source checkout")
def test_a_statement_given_only_in_an_end_note_keeps_its_words_and_its_quotation_is_checked() -> None:
    """Afghanistan's CAT reservation on art. 20 stands only in end note 14 of the page: the overlay gives
    its words (`text`), and a quotation not in them is a problem, not a silent summary."""
    import datetime as dt
    import importlib.util

    import attrs

    from ratify.model.records import Localized, StatementKind
    from ratify.store.read import read_instrument_file

    spec = importlib.util.spec_from_file_location("build_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    f = read_instrument_file(REPO / "data" / "instruments" / "cat-1984.toml")
    f = attrs.evolve(f, participants=tuple(attrs.evolve(p, statements=()) if p.state == "AFG" else p
                                           for p in f.participants))
    words = "… invoking paragraph 1 of the article 28, of the Convention, does not recognize the authority …"
    entry = build.StatementEntry(instrument="IV-9", state="AFG", kind=StatementKind.RESERVATION,
                                 summary=Localized(en="x"), made_on="consent", articles=("28(1)", "20"),
                                 withdrawn=dt.date(2018, 4, 17), quote="does not recognize the authority",
                                 text=words)
    problems: list[str] = []
    out = build.apply_statements(f, [entry], problems)
    (afg,) = next(p for p in out.participants if p.state == "AFG").statements
    assert problems == [] and afg.text == words and afg.date == dt.date(1987, 4, 1)
    build.apply_statements(f, [attrs.evolve(entry, quote="does recognize")], problems)
    assert len(problems) == 1 and "end note" in problems[0] and "does recognize" in problems[0]
