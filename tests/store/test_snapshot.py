"""Snapshots of validated folders: the same catalogue as reading the files afresh, served only for exactly
the bytes they were made from, and only from where nobody else can have written them."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest

import ratify
from ratify.query.load import catalog_of, folder_snapshot
from ratify.resources import bundled_data, bundled_snapshot
from ratify.store import cache as cache_module
from ratify.store.folder import read_folder_bytes
from ratify.store.read import read_folder
from ratify.store.snapshot import MAGIC, folder_digest, read_snapshot
from ratify.store.snapshot_file import sections_of

V5 = "instruments/refugees-protocol-1967.toml"


def _afresh(folder: Path) -> ratify.Catalog:
    """The catalogue of the folder read from its files, no snapshot involved."""
    return catalog_of(read_folder(folder))


def _same(a: ratify.Catalog, b: ratify.Catalog) -> None:
    assert a == b  # instruments, states, groups, participations, sources
    assert a.procedure_definitions == b.procedure_definitions and a.declines == b.declines
    assert a.warnings == b.warnings
    for state in ("KAZ", "TUR", "AFG", "SSD", "USA"):
        assert a.participations_of(state=state) == b.participations_of(state=state)
    for inst in a.instruments:
        assert a.participations_of(instrument=inst) == b.participations_of(instrument=inst)


def test_the_installed_snapshot_is_the_one_the_bundled_data_gives() -> None:
    assert bundled_snapshot().read_bytes() == folder_snapshot(bundled_data())


def test_the_bundled_data_served_from_its_snapshot_is_the_data_read_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")  # no user cache: only the installed snapshot can serve
    served = ratify.load(bundled=True)
    assert served._participations._loader is not None  # lazily read: it did come from the snapshot
    _same(served, _afresh(bundled_data()))
    assert served.status("Kazakhstan", "V-2", dt.date(1999, 4, 15)) is ratify.Status.PARTY
    assert served.status("Kazakhstan", "V-2", dt.date(1999, 4, 14)) is ratify.Status.CONTRACTING


def test_a_copy_of_the_bundled_data_is_served_too_with_its_own_file_names(data_copy: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    served = ratify.load(data_copy)
    assert served._participations._loader is not None
    _same(served, _afresh(data_copy))
    assert all(str(data_copy) in w.file for w in served.warnings)


def test_one_changed_byte_and_the_folder_is_read_afresh(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    path = data_copy / V5
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("consent = 1999-01-15", "consent = 1999-01-16", 1), encoding="utf-8")
    loaded = ratify.load(data_copy)
    assert loaded.participation("KAZ", "V-5").consent.date == dt.date(1999, 1, 16)
    path.write_text(text.replace('state = "KAZ"', 'state = "KAX"'), encoding="utf-8")
    with pytest.raises(ratify.DataError, match="KAX"):
        ratify.load(data_copy)  # never a snapshot of other bytes


def test_a_folder_read_once_is_served_from_the_users_cache(cache_dir: Path, data_copy: Path) -> None:
    groups = data_copy / "groups.toml"
    groups.write_text(groups.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    first = ratify.load(data_copy)
    assert first._participations._loader is None  # read afresh
    (entry,) = (cache_dir / "instruments").glob("*.snapshot")
    second = ratify.load(data_copy)
    assert second._participations._loader is not None  # from the snapshot
    _same(second, first)
    entry.write_bytes(entry.read_bytes().replace(b'"KAZ"', b'"KAX"'))  # tampered: its MAC fails
    third = ratify.load(data_copy)
    assert third._participations._loader is None  # not used: read afresh, and an honest entry kept again
    assert b'"KAX"' not in entry.read_bytes()
    _same(third, first)


def test_a_snapshot_with_a_forged_mac_is_not_used(cache_dir: Path, data_copy: Path) -> None:
    """The key of an entry is public; without the user's secret no MAC fits it."""
    groups = data_copy / "groups.toml"
    groups.write_text(groups.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    truth = ratify.load(data_copy)
    (entry,) = (cache_dir / "instruments").glob("*.snapshot")
    blob = entry.read_bytes()
    head = len(cache_module._ENTRY_MAGIC) + 32
    forged = blob[head:].replace(b'"consent":"1999-01-15"', b'"consent":"1899-01-15"')
    mac = hmac.new(b"not the user's secret", cache_module._DOMAIN + entry.stem.encode() + b"\0" + forged,
                   hashlib.sha256).digest()
    entry.write_bytes(cache_module._ENTRY_MAGIC + mac + forged)
    _same(ratify.load(data_copy), truth)


def test_a_snapshot_for_other_bytes_or_of_another_format_reads_as_none(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    raw = read_folder_bytes(folder)
    data = folder_snapshot(folder)
    digest = folder_digest(raw)
    assert read_snapshot(data, digest, folder) is not None
    assert read_snapshot(data, "0" * 64, folder) is None
    assert read_snapshot(data.replace(MAGIC, b"ratify snapshot 0\n", 1), digest, folder) is None
    toc_end = data.index(b"\n", len(MAGIC) + len(digest) + 1)
    assert read_snapshot(data[:toc_end - 5] + data[toc_end:], digest, folder) is None  # no table of contents
    found = sections_of(data, digest)
    assert found is not None
    start, end = found.spans["header"]
    assert read_snapshot(data[:start] + b"{" * (end - start) + data[end:], digest, folder) is None  # not JSON
    assert read_snapshot(data[:-10], digest, folder) is None  # cut short


def test_the_digest_is_of_names_and_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    before = folder_digest(read_folder_bytes(folder))
    (folder / "UNVERIFIED.md").write_text("not read by the loader", encoding="utf-8")
    assert folder_digest(read_folder_bytes(folder)) == before
    shutil.move(folder / V5, folder / "instruments" / "renamed.toml")
    assert folder_digest(read_folder_bytes(folder)) != before


def test_the_snapshot_is_json_not_code() -> None:
    data = bundled_snapshot().read_bytes()
    first, second, _rest = data.split(b"\n", 2)
    assert first + b"\n" == MAGIC and len(second) == 64
    found = sections_of(data, second.decode())
    assert found is not None
    parsed = json.loads(found.section("header"))
    body = found.section("body")
    spans = [span for records in parsed["segments"].values() for span in records.values()]
    assert len(spans) == len(ratify.load(bundled=True).participations)
    for start, end in spans:
        assert isinstance(json.loads(body[start:end]), dict)
    table, lines = json.loads(found.section("status")), found.section("lines")
    assert len(table["states"]) == len(ratify.load(bundled=True).states)
    for entry in table["states"].values():
        start, end = entry["at"]
        code, records = json.loads(lines[start:end])
        assert isinstance(code, str) and isinstance(records, dict)


def test_the_cache_keeps_the_snapshots_of_the_folders_written_last(cache_dir: Path, tmp_path: Path) -> None:
    """A snapshot is as big as its folder's records: a folder updated again and again does not fill the disk."""
    import os

    folder = tmp_path / "data"
    shutil.copytree(bundled_data(), folder)
    groups = folder / "groups.toml"
    text = groups.read_text(encoding="utf-8")
    for i in range(cache_module._MAX_SNAPSHOTS + 3):
        groups.write_text(text + f"\n# edition {i}\n", encoding="utf-8")
        ratify.load(folder)
        for entry in (cache_dir / "instruments").glob("*.snapshot"):  # mtimes a second apart, oldest first
            os.utime(entry, (entry.stat().st_mtime - 1, entry.stat().st_mtime - 1))
    kept = list((cache_dir / "instruments").glob("*.snapshot"))
    assert len(kept) == cache_module._MAX_SNAPSHOTS
    assert ratify.load(folder)._participations._loader is not None  # the last edition's is among them
