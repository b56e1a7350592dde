"""Where the UNTC fixtures are: the copies kept in the repo, and the full shared corpus when present."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "untc"
# CI keeps the shared research folder beside the repository: ../shared from the repo root.
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "untc"
