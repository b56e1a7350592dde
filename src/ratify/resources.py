"""Where ratify's run-time resources are: one folder each, beside this module, installed or not.

`data/` and `templates/` live at the top of the source tree (as the design card has them) and are
linked into the package, so a checkout and an installed wheel find them the same way.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_data", "bundled_snapshot", "bundled_templates", "geometry_file", "locale_folder", "resource"]

_HERE = Path(__file__).resolve().parent


def resource(name: str) -> Path:
    """The resource folder or file `name` inside the package; a clear error if the install lacks it."""
    path = _HERE / name
    if not path.exists():
        raise FileNotFoundError(f"the bundled {name!r} is missing from this installation of ratify ({path})")
    return path


def bundled_data() -> Path:
    """The dataset that ships with ratify (never written to at run time)."""
    return resource("data")


def bundled_snapshot() -> Path:
    """The snapshot of the bundled data (see `ratify.store.snapshot`); an install may lack it (then the
    data is read afresh), so this path is not checked."""
    return _HERE / "store" / "bundled.snapshot"


def bundled_templates() -> Path:
    """The jinja2 templates of documents and notebook displays."""
    return resource("templates")


def locale_folder() -> Path:
    """The gettext catalogues, one folder per language."""
    return resource("locale")


def geometry_file() -> Path:
    """The world geometry the maps draw (derived from Natural Earth; see geo/SOURCES.md)."""
    return resource("geo/world.json")
