"""A data folder compiled for fast reading: its validated records, keyed by the exact bytes they came from.

Reading a folder afresh means parsing its TOML, structuring every record, validating the whole and
working out each entry into force: a few hundred milliseconds for the bundled data, seconds for the
whole depositary. A snapshot keeps the result — the records and the warnings of validation — under
the digest of the bytes of every file that was read. `ratify.load()` serves a snapshot only when the
folder's bytes, read now, have that digest: what is served was validated from exactly those bytes.

A snapshot is read only from where nobody else can have written it: the one built with the data
and installed inside the package (`scripts/build_data.py` writes it; a test checks it is what the
data gives), or the user's private cache, whose entries carry a MAC (see `ratify.store.cache`). It
is JSON — never code — and each record is a line of its own, parsed only when a question needs it.

A snapshot also holds the status table of its records (`ratify.query.status_table`), which the
query layer makes and reads; to this module it is two opaque sections. The file's layout, and where a
folder's snapshot is found, are `ratify.store.snapshot_file`'s: the header (JSON: everything but the
participations, and where each record of each instrument is in the body), then the body (a line of
JSON per record, in ASCII, so that an offset in the text is one in the file).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ratify.model.procedures import Procedure
from ratify.model.records import Group, Instrument, Participation, Source, State
from ratify.problems import Problem
from ratify.store.cache import default_cache
from ratify.store.convert import snapshot_converter
from ratify.store.snapshot_file import MAGIC, Sections, assemble, folder_digest, sections_of

__all__ = ["MAGIC", "Snapshot", "StatusSections", "folder_digest", "read_snapshot",
           "remember_snapshot", "snapshot_bytes"]

_DECODER = json.JSONDecoder()
StatusSections = tuple[bytes, bytes]  # the status table and its lines, made by `ratify.query.status_table`


@attrs.frozen
class Snapshot:
    """What a valid data folder holds, built: the records a `Catalog` is made of and the warnings.

    `participations` holds every record when the snapshot was compiled in this process; a snapshot
    read from bytes has `segments` instead, and `records`/`make` turn one instrument's records, then
    one record, into `Participation`s on demand.
    """

    digest: str
    instruments: tuple[Instrument, ...]
    states: tuple[State, ...]
    groups: tuple[Group, ...]
    sources: tuple[Source, ...]
    procedures: tuple[Procedure, ...]
    declines: tuple[str, ...]
    warnings: tuple[Problem, ...]
    order: tuple[str, ...]  # the instrument ids, in the order of their records
    participations: tuple[Participation, ...] | None = None
    # instrument id -> state code -> (start, end) of the record's JSON in `body`
    segments: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, repr=False)
    body: str = attrs.field(default="", repr=False)  # ASCII: an offset in it is one in the file
    _source_index: dict[str, Source] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_source_index", {s.id: s for s in self.sources})

    def records(self, instrument: str) -> Mapping[str, dict[str, Any]]:
        """The raw records of one instrument by state code, in record order; each parsed when looked up."""
        return _Records(self.body, self.segments.get(instrument, {}), instrument)

    def make(self, raw: dict[str, Any]) -> Participation:
        """One raw record (as `records` gives it) as a `Participation`; its sources are ids of `sources`."""
        if "sources" in raw:  # `raw` is this call's own: parsed afresh for it
            by_id = self._source_index
            raw["sources"] = [by_id[s] for s in raw["sources"]]
        return _participation_hook()(raw, Participation)


class _Records(Mapping[str, dict[str, Any]]):
    """One instrument's records in a snapshot's body: a state's is parsed when it is looked up."""

    __slots__ = ("_body", "_instrument", "_spans")

    def __init__(self, body: str, spans: Mapping[str, Any], instrument: str) -> None:
        self._body, self._spans, self._instrument = body, spans, instrument

    def __getitem__(self, state: str) -> dict[str, Any]:
        record: dict[str, Any] = _DECODER.raw_decode(self._body, self._spans[state][0])[0]  # no copy of the line
        record["state"], record["instrument"] = state, self._instrument
        return record

    def get(self, state: str, default: Any = None) -> Any:  # no KeyError raised and caught for absent states
        return self[state] if state in self._spans else default

    def __contains__(self, state: object) -> bool:
        return state in self._spans

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def snapshot_bytes(snap: Snapshot, folder: Path, status: StatusSections) -> bytes:
    """The snapshot as bytes (deterministic), with its status table; warnings name their files relative to
    `folder`."""
    conv = snapshot_converter()
    by_inst: dict[str, dict[str, Any]] = {i: {} for i in snap.order}
    for p in snap.participations or ():
        raw = conv.unstructure(p)
        raw.pop("instrument", None)  # the segment says which
        raw["sources"] = [s.id for s in p.sources]
        by_inst.setdefault(p.instrument, {})[p.state] = raw
    body = bytearray()
    segments: dict[str, dict[str, list[int]]] = {}
    for inst, records in by_inst.items():
        spans = segments[inst] = {}
        for state, raw in records.items():
            raw.pop("state", None)  # the key says which
            text = json.dumps(raw, separators=(",", ":")).encode("ascii")  # escaped: offsets are characters
            spans[state] = [len(body), len(body) + len(text)]
            body += text + b"\n"
    root = str(folder).rstrip("/\\")
    header = {
        "instruments": conv.unstructure(snap.instruments),
        "states": conv.unstructure(snap.states),
        "groups": conv.unstructure(snap.groups),
        "sources": conv.unstructure(snap.sources),
        "procedures": conv.unstructure(snap.procedures),
        "declines": list(snap.declines),
        "warnings": [conv.unstructure(attrs.evolve(w, file=_relative(w.file, root))) for w in snap.warnings],
        "order": list(snap.order),
        "segments": segments,
    }
    return assemble(snap.digest, {"status": status[0], "lines": status[1], "body": bytes(body),
                                  "header": json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()})


def _relative(file: str, root: str) -> str:
    for sep in ("/", "\\"):
        if file.startswith(root + sep):
            return file[len(root) + 1:].replace("\\", "/")
    return file


def read_snapshot(data: bytes | Sections, digest: str, folder: Path) -> Snapshot | None:
    """The snapshot in `data` if it is one of this format for the folder whose bytes have `digest`, else None."""
    found = sections_of(data, digest) if isinstance(data, bytes) else data
    if found is None:
        return None
    try:
        header = json.loads(found.section("header"))
        conv = snapshot_converter()
        warnings = tuple(attrs.evolve(w, file=str(folder / w.file) if not Path(w.file).is_absolute() else w.file)
                         for w in conv.structure(header["warnings"], tuple[Problem, ...]))
        return Snapshot(
            digest=digest,
            instruments=conv.structure(header["instruments"], tuple[Instrument, ...]),
            states=conv.structure(header["states"], tuple[State, ...]),
            groups=conv.structure(header["groups"], tuple[Group, ...]),
            sources=conv.structure(header["sources"], tuple[Source, ...]),
            procedures=conv.structure(header["procedures"], tuple[Procedure, ...]),
            declines=tuple(header["declines"]),
            warnings=warnings,
            order=tuple(header["order"]),
            segments=header["segments"],
            body=found.section("body").decode("ascii"),
        )
    except Exception:  # noqa: BLE001 - a snapshot that does not read is no snapshot: the folder is read afresh
        return None


@functools.cache
def _participation_hook() -> Callable[[Any, Any], Participation]:
    """The snapshot converter's hook for a record, looked up once (not on each of thousands of records)."""
    return snapshot_converter().get_structure_hook(Participation)


def remember_snapshot(snap: Snapshot, folder: Path, status: Callable[[], StatusSections]) -> StatusSections | None:
    """Keep the snapshot of a folder just read and found valid in the user's cache (if there is one), with
    the status table `status()` makes (only then: it costs a pass over every record); the table kept, if
    it was."""
    cache = default_cache()
    if cache is None or not snap.digest:
        return None
    sections = status()
    with cache:
        cache.put_snapshot(snap.digest, snapshot_bytes(snap, folder, sections))
    return sections
