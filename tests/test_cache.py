"""The cache of parsed instrument files: the same catalogue as a cold load, never stale, never trusted blindly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import ratify
from ratify.cli import main
from ratify.store.cache import default_cache

V5 = "instruments/refugees-protocol-1967.toml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(folder))
    return folder


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "instruments").glob("*.pickle"))


def test_a_warm_load_is_the_cold_load(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    cold = ratify.load()
    assert not cache_dir.exists()  # turned off: nothing written
    monkeypatch.delenv("RATIFY_CACHE")
    first = ratify.load()
    assert len(_entries(cache_dir)) == len(cold.instruments) == 28
    warm = ratify.load()
    for loaded in (first, warm):
        assert loaded.instruments == cold.instruments
        assert loaded.participations == cold.participations
        assert loaded.sources == cold.sources
        assert loaded.warnings == cold.warnings
    assert warm.status("Kazakhstan", "1967 Protocol") is ratify.Status.PARTY


def test_an_edited_file_is_read_afresh(cache_dir: Path, data_copy: Path) -> None:
    assert ratify.load(data_copy).participation("KAZ", "V-5").consent.date == dt.date(1999, 1, 15)
    path = data_copy / V5
    text = path.read_text(encoding="utf-8")
    assert text.count("consent = 1999-01-15") == 1
    path.write_text(text.replace("consent = 1999-01-15", "consent = 1999-01-16"), encoding="utf-8")
    assert ratify.load(data_copy).participation("KAZ", "V-5").consent.date == dt.date(1999, 1, 16)
    path.write_text(text, encoding="utf-8")  # and back: the first entry serves again
    assert ratify.load(data_copy).participation("KAZ", "V-5").consent.date == dt.date(1999, 1, 15)


def test_an_invalid_file_is_still_reported_when_its_twin_was_cached(cache_dir: Path, data_copy: Path) -> None:
    ratify.load(data_copy)
    path = data_copy / V5
    path.write_text(path.read_text(encoding="utf-8").replace('state = "KAZ"', 'state = "KAX"'), encoding="utf-8")
    with pytest.raises(ratify.DataError, match="KAX"):
        ratify.load(data_copy)  # validation runs on every load, cached or not


def test_a_damaged_entry_is_a_miss(cache_dir: Path) -> None:
    expected = ratify.load().participations
    for entry in _entries(cache_dir):
        entry.write_bytes(b"not a pickle")
    assert ratify.load().participations == expected
    assert all(entry.read_bytes() != b"not a pickle" for entry in _entries(cache_dir))


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_folder_others_can_write_to_is_never_read(cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = ratify.load().participations
    (cache_dir / "instruments").chmod(0o777)
    assert default_cache() is None
    for entry in _entries(cache_dir):
        entry.write_bytes(b"planted")
    assert ratify.load().participations == expected
    assert main(["cache"]) == 0 and "writable by others" in capsys.readouterr().out


def test_cli_shows_and_clears_the_cache(cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ratify.load()
    assert main(["cache"]) == 0
    assert "28 entries" in capsys.readouterr().out
    assert main(["cache", "--clear"]) == 0
    assert "28 entries removed" in capsys.readouterr().out
    assert _entries(cache_dir) == []
