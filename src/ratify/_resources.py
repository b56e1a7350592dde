"""Where the bundled data and templates are: inside the installed package, or the source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_data", "bundled_templates"]

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_HERE / name, _HERE.parents[1] / name):  # wheel: ratify/<name>; checkout: <repo>/<name>
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled {name!r} folder is missing from this installation of ratify")


def bundled_data() -> Path:
    """The dataset that ships with ratify (never written to at run time)."""
    return _find("data")


def bundled_templates() -> Path:
    return _find("templates")
