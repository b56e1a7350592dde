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
