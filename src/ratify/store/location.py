"""Which data folder to read, and which one `ratify update` writes: one rule for the CLI and the library.

Reading: a folder given explicitly (``--data DIR``, ``ratify.load(path)``), else ``$RATIFY_DATA``,
else the user's own data folder if it exists, else the bundled snapshot. ``bundled=True`` (the CLI's
``--bundled``) asks for the bundled snapshot whatever else is set.

Writing (``ratify update``): the folder given, else ``$RATIFY_DATA``, else the user's data folder —
created from the bundled snapshot on first use. The bundled snapshot is never written.

The user's data folder: ``$XDG_DATA_HOME/ratify`` (default ``~/.local/share/ratify``) on Linux and
other Unix systems, ``~/Library/Application Support/ratify`` on macOS, ``%LOCALAPPDATA%\\ratify\\data``
on Windows.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import NamedTuple

from ratify.errors import OutputError
from ratify.resources import bundled_data

__all__ = ["DATA_VARIABLE", "DataOrigin", "Origin", "data_folder", "update_folder", "user_data_folder"]

DATA_VARIABLE = "RATIFY_DATA"


class DataOrigin(enum.Enum):
    """Why a data folder was chosen."""

    ARGUMENT = "argument"  # given to load() or with --data
    ENVIRONMENT = "environment"  # $RATIFY_DATA
    USER = "user"  # the user's own data folder, kept current by `ratify update`
    BUNDLED = "bundled"  # the snapshot that ships with ratify


class Origin(NamedTuple):
    """Where a catalogue's data was read from: why (`kind`) and which folder (`path`).

    A named tuple, not an attrs class: `ratify status` chooses its folder before anything imports attrs.
    """

    kind: DataOrigin
    path: Path


def user_data_folder() -> Path:
    """The user's own data folder for this platform (it may not exist yet)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ratify" / "data"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "ratify"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "ratify"


def _environment() -> Path | None:
    value = os.environ.get(DATA_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def data_folder(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Origin:
    """The folder to read data from, and why: `path`, $RATIFY_DATA, the user's folder, the bundled snapshot."""
    if bundled:
        if path is not None:
            raise ValueError("give a data folder or ask for the bundled snapshot, not both")
        return Origin(DataOrigin.BUNDLED, bundled_data())
    if path is not None:
        return Origin(DataOrigin.ARGUMENT, Path(path))
    env = _environment()
    if env is not None:
        return Origin(DataOrigin.ENVIRONMENT, env)
    user = user_data_folder()
    if _holds_data(user):
        return Origin(DataOrigin.USER, user)
    return Origin(DataOrigin.BUNDLED, bundled_data())


def _holds_data(folder: Path) -> bool:
    """Whether the user's data folder exists and holds something. One that cannot even be looked at (a
    folder on its way that this user may not enter) is not used: the bundled snapshot is, with one
    warning line — and every output names the data it used."""
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError as exc:
        import logging  # only when there is something to say: it costs start-up time

        logging.getLogger("ratify.data").warning(
            "ratify: warning: your data folder %s cannot be read (%s); using the bundled snapshot",
            folder, exc.strerror or exc)
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def update_folder(path: str | os.PathLike[str] | None = None) -> Origin:
    """The folder `ratify update` writes: `path`, else $RATIFY_DATA, else the user's folder (never the bundled one).

    The user's folder is not created here (see `ensure_user_folder`): a dry run writes nothing.
    """
    if path is not None:
        origin = Origin(DataOrigin.ARGUMENT, Path(path))
    elif (env := _environment()) is not None:
        origin = Origin(DataOrigin.ENVIRONMENT, env)
    else:
        origin = Origin(DataOrigin.USER, user_data_folder())
    if _same(origin.path, bundled_data()):
        raise OutputError(f"{origin.path}: the bundled snapshot is never written; update a folder of your own "
                          "(--data DIR, $RATIFY_DATA or the user data folder)")
    return origin


def ensure_user_folder(folder: Path) -> bool:
    """Create `folder` as a copy of the bundled snapshot if it does not exist or is empty; whether it did."""
    from ratify.store.transaction import create_folder

    if folder.is_dir() and any(folder.iterdir()):
        return False
    create_folder(bundled_data(), folder)
    return True
