"""Where the UNTC files the tests read are: the few kept for the tests only, the raw sources of the
bundled data (sources/untc, not copied twice), and the full shared corpus when present."""

from __future__ import annotations

from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]


class _Fixtures:
    """`FIXTURES / "V-5.en.xml"`: the file from tests/fixtures/untc, else from sources/untc."""

    folders = (_REPO / "tests" / "fixtures" / "untc", _REPO / "sources" / "untc")

    def __truediv__(self, name: str) -> Path:
        for folder in self.folders:
            if (folder / name).exists():
                return folder / name
        return self.folders[0] / name


FIXTURES = _Fixtures()
# CI keeps the shared research folder beside the repository: ../shared from the repo root.
SHARED = _REPO.parent / "shared" / "fixtures" / "untc"
