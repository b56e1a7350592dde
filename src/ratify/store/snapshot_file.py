"""A snapshot file's layout, and where a folder's snapshot is found: bytes only, nothing structured.

A snapshot (see `ratify.store.snapshot`) is found by the digest of the folder's bytes — the one
installed with the bundled data, else the one kept in the user's cache — and cut into its sections
here. Nothing in this module imports attrs or cattrs: `ratify status` reads the status section of a
snapshot (`ratify.query.status_table`) without structuring a record.

Layout:

    ratify snapshot 4                      the format
    <digest>                               the folder's bytes it was made from (`folder_digest`)
    {"status": [a, b], "lines": …, …}      where each section is, counted from the byte after this line
    <sections>                             status (JSON), its lines, header (JSON), body (a line per record)

Offsets are of bytes; the body and the status lines are ASCII, so an offset in their text is one in the file.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from ratify.resources import bundled_snapshot
from ratify.store.folder import FolderBytes

__all__ = ["MAGIC", "SECTIONS", "Sections", "assemble", "folder_digest", "sections_of", "snapshot_data"]

MAGIC = b"ratify snapshot 4\n"
SECTIONS = ("status", "lines", "header", "body")


def folder_digest(raw: FolderBytes) -> str:
    """The digest of every file read from the folder: its path in the folder, its length and its bytes."""
    h = hashlib.sha256(MAGIC)
    for name in sorted(raw.files):
        data = raw.files[name]
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


class Sections(NamedTuple):
    """A snapshot's bytes and the span of each of its sections in them."""

    data: bytes
    spans: dict[str, tuple[int, int]]

    def section(self, name: str) -> bytes:
        start, end = self.spans[name]
        return self.data[start:end]


def assemble(digest: str, sections: dict[str, bytes]) -> bytes:
    """A snapshot file of `sections` (each ASCII; one of `SECTIONS` each) for the folder of `digest`."""
    spans, at = {}, 0
    for name in SECTIONS:
        spans[name] = [at, at + len(sections[name])]
        at += len(sections[name]) + 1
    toc = json.dumps(spans, separators=(",", ":")).encode("ascii")
    return MAGIC + digest.encode("ascii") + b"\n" + toc + b"\n" + b"\n".join(sections[n] for n in SECTIONS)


def sections_of(data: bytes, digest: str, names: tuple[str, ...] = SECTIONS) -> Sections | None:
    """The sections `names` of `data` if it is a snapshot of this format for the folder whose bytes have
    `digest` (and holds those sections whole), else None."""
    head = MAGIC + digest.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None
    end = data.find(b"\n", len(head))
    spans = _spans(data[len(head):end + 1], end + 1) if end > 0 else None
    if spans is None or any(not (n in spans and spans[n][1] <= len(data)) for n in names):
        return None
    return Sections(data, {n: spans[n] for n in names})


def _spans(toc: bytes, base: int) -> dict[str, tuple[int, int]] | None:
    """The spans of the sections a table of contents line gives, from `base` on; None if it gives none."""
    try:
        found = json.loads(toc)
        spans = {name: (base + int(found[name][0]), base + int(found[name][1])) for name in SECTIONS}
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return spans if all(base <= a <= b for a, b in spans.values()) else None


def snapshot_data(digest: str, names: tuple[str, ...] = SECTIONS) -> Sections | None:
    """The sections `names` of the snapshot of the folder whose bytes have `digest`: of the installed one
    if they are the bundled data's (only what they need is read), else of the one kept in the user's
    cache (authenticated there, so read whole), else None."""
    expected = MAGIC + digest.encode("ascii") + b"\n"
    try:
        with open(bundled_snapshot(), "rb") as fh:
            if fh.read(len(expected)) == expected:
                toc = fh.readline()
                spans = _spans(toc, 0)
                if spans is None:
                    return None
                data = expected + toc + fh.read(max(spans[n][1] for n in names))
                return sections_of(data, digest, names)
    except OSError:
        pass  # an install without its snapshot: the folder is read afresh
    from ratify.store.cache import default_cache

    cache = default_cache()
    if cache is None:
        return None
    with cache:
        kept = cache.get_snapshot(digest)
    return sections_of(kept, digest, names) if kept is not None else None
