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
