"""Data folder → immutable Catalog: the store reads and checks the files, this builds the catalogue.

A folder whose bytes were validated before is served from its snapshot (`ratify.store.snapshot`):
the bundled data from the one installed with it, any other folder from the user's cache. Either way
the catalogue is the one the files give, with the same warnings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ratify.query.catalog import Catalog
from ratify.query.participations import Participations
from ratify.store.folder import FolderBytes, read_folder_bytes
from ratify.store.location import Origin, data_folder
from ratify.store.snapshot import Snapshot, folder_digest, known_snapshot, remember_snapshot

if TYPE_CHECKING:
    from ratify.store.read import FolderContents

__all__ = ["catalog_of", "load"]


def load(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Catalog:
    """Load a data folder into a Catalog; raise DataError on any error.

    Which folder: `path` if given, else ``$RATIFY_DATA``, else the user's own data folder (kept
    current by ``ratify update``) if it exists, else the bundled snapshot; ``bundled=True`` reads the
    bundled snapshot whatever else is set. ``Catalog.origin`` says which was read, and why.
    """
    origin = data_folder(path, bundled=bundled)
    return _catalog_of_bytes(read_folder_bytes(Path(origin.path)), origin)


def _catalog_of_bytes(raw: FolderBytes, origin: Origin) -> Catalog:
    digest = folder_digest(raw)
    snap = known_snapshot(raw, digest) if not raw.problems else None
    if snap is None:  # read afresh: parse, structure, check, compile (the modules that do it load only now)
        from ratify.store.read import compile_folder, structure_folder

        snap = compile_folder(structure_folder(raw), digest)
        remember_snapshot(snap, raw.folder)
    return _catalog(snap, raw.folder, origin)


def catalog_of(files: FolderContents, *, origin: Origin | None = None) -> Catalog:
    """The Catalog of what was read; raises DataError listing every problem if any is an error."""
    from ratify.store.read import compile_folder

    return _catalog(compile_folder(files), files.folder, origin)


def _catalog(snap: Snapshot, folder: Path, origin: Origin | None) -> Catalog:
    if snap.participations is not None:
        participations = Participations.of(snap.participations)
    else:
        participations = Participations.lazy(snap.order, snap.records, snap.make)
    return Catalog(
        instruments=snap.instruments,
        states=snap.states,
        groups=snap.groups,
        participations=participations,
        sources=snap.sources,
        procedure_definitions=snap.procedures,
        declines=snap.declines,
        path=folder,
        warnings=snap.warnings,
        origin=origin,
    )
