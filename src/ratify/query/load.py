"""Data folder → immutable Catalog: the store reads and checks the files, this builds the catalogue."""

from __future__ import annotations

import os
from pathlib import Path

from ratify.errors import DataError, Problem
from ratify.model.records import Instrument, Participation, Source
from ratify.query.catalog import Catalog
from ratify.resources import bundled_data
from ratify.store.read import FolderContents, check_folder, participations_of_file, read_folder

__all__ = ["catalog_of", "load"]


def load(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load a data folder (default: the bundled dataset) into a Catalog; raise DataError on any error."""
    return catalog_of(read_folder(Path(path) if path is not None else bundled_data()))


def catalog_of(files: FolderContents) -> Catalog:
    """The Catalog of what was read; raises DataError listing every problem if any is an error."""
    problems = check_folder(files)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return _build(files, tuple(problems))


def _build(files: FolderContents, warnings: tuple[Problem, ...]) -> Catalog:
    sources: dict[str, Source] = {}
    instruments: list[Instrument] = []
    participations: list[Participation] = []
    for f in files.instruments.values():
        instruments.append(f.instrument)
        sources.update({s.id: s for s in f.sources})
        participations += participations_of_file(f)
    return Catalog(
        instruments=tuple(instruments),
        states=tuple(files.states.values()),
        groups=tuple(files.groups.values()),
        participations=tuple(participations),
        sources=tuple(sources.values()),
        path=files.folder,
        warnings=warnings,
    )
