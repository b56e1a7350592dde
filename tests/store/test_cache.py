"""The cache of parsed instrument files: the same catalogue as a cold load, never stale, and never a way to run
code another user wrote — whatever the environment says, and whatever is swapped between check and use."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import pickle
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ratify
from ratify.cli import main
from ratify.resources import bundled_data
from ratify.store import cache as cache_module
from ratify.store.cache import FileCache, cache_problem, default_cache

V5 = "instruments/refugees-protocol-1967.toml"
SMALL = ("states.toml", "groups.toml", "instruments/statelessness-reduction-1961.toml",
         "instruments/stateless-persons-1954.toml")
OTHER_UID = 65534  # "nobody": the other user on the machine
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
posix_only = pytest.mark.skipif(os.name != "posix", reason="file owners, modes and O_NOFOLLOW are POSIX")


class Payload:
    """What an attacker pickles: unpickling it creates the marker file (it would run any code)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return Path.touch, (self.marker,)


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "attacker-code-ran"


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "instruments").glob("*.pickle"))


def _forget_snapshots(cache_dir: Path) -> None:
    """Remove the snapshots of whole folders, so that the next load reads the files (through their entries)."""
    for entry in (cache_dir / "instruments").glob("*.snapshot"):
        entry.unlink()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A data folder of two instruments: quick to load many times."""
    folder = tmp_path / "data"
    for rel in SMALL:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(bundled_data() / rel, folder / rel)
    return folder


def _keys(folder: Path | None = None) -> dict[str, str]:
    """The cache key of every instrument file of the folder: anyone can compute them."""
    probe = FileCache(Path("unused"))
    return {p.name: probe.key(p.read_bytes())
            for p in sorted(((folder or bundled_data()) / "instruments").glob("*.toml"))}


def _evil(marker: Path, how: str, key: str = "") -> bytes:
    """An entry an attacker can make without the user's secret."""
    payload = pickle.dumps(Payload(marker))
    if how == "bare":  # what the cache held before entries were authenticated
        return payload
    if how == "no-mac":
        return cache_module._ENTRY_MAGIC + b"\0" * 32 + payload
    # a MAC made with a secret of the attacker's own
    mac = hmac.new(b"attacker's own secret", cache_module._DOMAIN + key.encode() + b"\0" + payload,
                   hashlib.sha256).digest()
    return cache_module._ENTRY_MAGIC + mac + payload


def test_a_warm_load_is_the_cold_load(cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    groups = data_copy / "groups.toml"  # not the bundled bytes: the installed snapshot does not serve it
    groups.write_text(groups.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setenv("RATIFY_CACHE", "0")
    cold = ratify.load(data_copy)
    assert not cache_dir.exists()  # turned off: nothing written
    monkeypatch.delenv("RATIFY_CACHE")
    first = ratify.load(data_copy)
    assert len(_entries(cache_dir)) == len(cold.instruments) == len(_keys())
    assert len(list((cache_dir / "instruments").glob("*.snapshot"))) == 1  # and the folder's snapshot
    warm = ratify.load(data_copy)  # from the snapshot
    _forget_snapshots(cache_dir)
    from_entries = ratify.load(data_copy)  # from the entries of each file
    for loaded in (first, warm, from_entries):
        assert loaded.instruments == cold.instruments
        assert loaded.participations == cold.participations
        assert loaded.sources == cold.sources
        assert loaded.warnings == cold.warnings
    assert warm.status("Kazakhstan", "1967 Protocol") is ratify.Status.PARTY


@posix_only
def test_the_cache_is_private_and_its_entries_authenticated(cache_dir: Path, small: Path) -> None:
    ratify.load(small)
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    assert ((cache_dir / "instruments").stat().st_mode & 0o777) == 0o700
    key = cache_dir / cache_module.KEY_FILE
    assert (key.stat().st_mode & 0o777) == 0o600 and key.stat().st_uid == os.geteuid()
    secret = key.read_bytes()[len(cache_module._KEY_MAGIC):]
    for entry in _entries(cache_dir):
        blob = entry.read_bytes()
        head = len(cache_module._ENTRY_MAGIC) + 32
        expected = hmac.new(secret, cache_module._DOMAIN + entry.stem.encode() + b"\0" + blob[head:],
                            hashlib.sha256).digest()
        assert blob[len(cache_module._ENTRY_MAGIC):head] == expected


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


def test_a_damaged_entry_is_a_miss(cache_dir: Path, small: Path) -> None:
    expected = ratify.load(small).participations
    _forget_snapshots(cache_dir)
    for entry in _entries(cache_dir):
        entry.write_bytes(b"not a pickle")
    assert ratify.load(small).participations == expected
    assert all(entry.read_bytes() != b"not a pickle" for entry in _entries(cache_dir))


@pytest.mark.parametrize("how", ["bare", "no-mac", "other-key"])
def test_a_planted_entry_is_never_unpickled(cache_dir: Path, small: Path, marker: Path, how: str) -> None:
    """Entries with the right names (the keys are public) but no MAC, or one made without the user's secret."""
    expected = ratify.load(small).participations  # the folder, its key and its entries exist: plant over them
    _forget_snapshots(cache_dir)
    keys = _keys(small)
    for key in keys.values():
        (cache_dir / "instruments" / f"{key}.pickle").write_bytes(_evil(marker, how, key))
    assert ratify.load(small).participations == expected
    assert not marker.exists()
    for key in keys.values():  # each planted entry was removed and the honest one written again
        assert (cache_dir / "instruments" / f"{key}.pickle").read_bytes().startswith(cache_module._ENTRY_MAGIC)
        assert b"Payload" not in (cache_dir / "instruments" / f"{key}.pickle").read_bytes()


@posix_only
def test_entries_swapped_between_check_and_use_are_never_unpickled(
        cache_dir: Path, small: Path, marker: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race of the issue, made deterministic: the entry is replaced by the attacker's pickle (as a
    symbolic link, then as a file) right after the folder was checked and just before the entry is opened."""
    expected = ratify.load(small).participations
    _forget_snapshots(cache_dir)
    keys = set(_keys(small).values())
    attacker = tmp_path / "attacker"
    attacker.mkdir()
    for key in keys:
        (attacker / f"{key}.pickle").write_bytes(_evil(marker, "bare"))
    real_open = os.open
    swapped: list[str] = []

    def swapping_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        name = os.fspath(path)
        if name.endswith(".pickle") and Path(name).stem in keys and dir_fd is not None:
            os.unlink(name, dir_fd=dir_fd)
            if len(swapped) % 2:
                os.symlink(attacker / name, name, dir_fd=dir_fd)
            else:
                fd = real_open(name, os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=dir_fd)
                os.write(fd, (attacker / name).read_bytes())
                os.close(fd)
            swapped.append(name)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", swapping_open)
    assert ratify.load(small).participations == expected
    monkeypatch.setattr(os, "open", real_open)
    assert len(swapped) == len(keys)
    assert not marker.exists()


@posix_only
@pytest.mark.parametrize("which", ["root", "instruments"])
def test_a_folder_swapped_for_a_link_between_check_and_use_is_not_followed(
        cache_dir: Path, small: Path, marker: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, which: str) -> None:
    """The cache folder or its instruments/ is swapped for a link to the attacker's folder just before it is opened.

    The attacker's folder holds entries for every key and a key file of its own, so that only
    refusing the link (and the MAC) stands between them and the user."""
    expected = ratify.load(small).participations
    attacker = tmp_path / "attacker"
    (attacker / "instruments").mkdir(parents=True, mode=0o700)
    attacker.chmod(0o700)
    secret = os.urandom(32)
    (attacker / cache_module.KEY_FILE).write_bytes(cache_module._KEY_MAGIC + secret)
    (attacker / cache_module.KEY_FILE).chmod(0o600)
    for key in _keys(small).values():
        payload = pickle.dumps(Payload(marker))
        mac = hmac.new(secret, cache_module._DOMAIN + key.encode() + b"\0" + payload, hashlib.sha256).digest()
        (attacker / "instruments" / f"{key}.pickle").write_bytes(cache_module._ENTRY_MAGIC + mac + payload)
    real_open = os.open
    swapped: list[str] = []
    target = cache_dir if which == "root" else cache_dir / "instruments"

    def swapping_open(path: Any, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        name = os.fspath(path)
        if not swapped and (name == str(target) or (which == "instruments" and name == "instruments" and dir_fd)):
            target.rename(target.with_name(target.name + ".moved"))
            target.symlink_to(attacker if which == "root" else attacker / "instruments")
            swapped.append(name)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", swapping_open)
    with caplog.at_level(logging.WARNING, logger="ratify.cache"):
        assert ratify.load(small).participations == expected
    monkeypatch.setattr(os, "open", real_open)
    assert swapped
    assert not marker.exists()
    assert [r.getMessage() for r in caplog.records if r.name == "ratify.cache"] == [
        f"ratify: warning: cache folder not used: {target} is a symbolic link; data files are parsed without a cache"]


@posix_only
@pytest.mark.skipif(not IS_ROOT, reason="making a folder another user owns needs root")
def test_a_folder_another_user_made_first_is_never_used(cache_dir: Path, small: Path, marker: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    """The attacker created the cache folder (and its key and entries) before the user's first run."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RATIFY_CACHE", "0")
        expected = ratify.load(small).participations
    (cache_dir / "instruments").mkdir(parents=True, mode=0o700)
    secret = os.urandom(32)
    (cache_dir / cache_module.KEY_FILE).write_bytes(cache_module._KEY_MAGIC + secret)
    (cache_dir / cache_module.KEY_FILE).chmod(0o600)
    for key in _keys(small).values():
        payload = pickle.dumps(Payload(marker))
        mac = hmac.new(secret, cache_module._DOMAIN + key.encode() + b"\0" + payload, hashlib.sha256).digest()
        (cache_dir / "instruments" / f"{key}.pickle").write_bytes(cache_module._ENTRY_MAGIC + mac + payload)
    for path in [cache_dir, *cache_dir.rglob("*")]:
        os.chown(path, OTHER_UID, OTHER_UID)
    cache_dir.chmod(0o755)
    with caplog.at_level(logging.WARNING, logger="ratify.cache"):
        assert ratify.load(small).participations == expected
    assert not marker.exists()
    assert len([r for r in caplog.records if r.name == "ratify.cache"]) == 1
    assert cache_problem() == f"{cache_dir} belongs to another user"


@posix_only
@pytest.mark.parametrize("setup, reason", [
    ("world-writable", "is writable by others"),
    ("group-writable instruments", "is writable by others"),
    ("readable key", "can be read or written by others"),
    ("key is a link", "is a symbolic link"),
    ("key is a folder", "is not a regular file"),
    ("key is not ours", "belongs to another user"),
    ("short key", "is not a ratify cache key"),
])
def test_an_unsafe_cache_is_not_used_and_the_cli_says_why(
        cache_dir: Path, small: Path, marker: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
        tmp_path: Path, setup: str, reason: str) -> None:
    expected = ratify.load(small).participations
    key = cache_dir / cache_module.KEY_FILE
    if setup == "world-writable":
        cache_dir.chmod(0o777)
    elif setup == "group-writable instruments":
        (cache_dir / "instruments").chmod(0o770)
    elif setup == "readable key":
        key.chmod(0o644)
    elif setup == "key is a link":
        (tmp_path / "elsewhere").write_bytes(key.read_bytes())
        key.unlink()
        key.symlink_to(tmp_path / "elsewhere")
    elif setup == "key is a folder":
        key.unlink()
        key.mkdir()
    elif setup == "key is not ours":
        if not IS_ROOT:
            pytest.skip("giving a file to another user needs root")
        os.chown(key, OTHER_UID, OTHER_UID)
    elif setup == "short key":
        key.write_bytes(b"0123")
    for entry in _entries(cache_dir):
        entry.write_bytes(_evil(marker, "bare"))
    with caplog.at_level(logging.WARNING, logger="ratify.cache"):
        assert ratify.load(small).participations == expected
        assert ratify.load(small).participations == expected
    assert not marker.exists()
    warnings = [r.getMessage() for r in caplog.records if r.name == "ratify.cache"]
    assert len(warnings) == 1 and reason in warnings[0]  # one line per process, however many loads
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cache not used: ") and reason in out
    assert main(["cache", "--clear"]) == 0 and "cache not used" in capsys.readouterr().out
    assert _entries(cache_dir)  # nothing is removed from a folder that is not safely ours


@posix_only
def test_cache_dir_tmp_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RATIFY_CACHE_DIR", "/tmp")
    monkeypatch.setattr(cache_module, "_warned", False)
    assert ratify.load().status("KAZ", "V-2") is ratify.Status.PARTY
    assert not Path("/tmp", cache_module.KEY_FILE).exists() or Path("/tmp", cache_module.KEY_FILE).stat().st_uid != 0
    assert main(["cache"]) == 0 and "/tmp is writable by others" in capsys.readouterr().out


def test_an_unreadable_cache_folder_is_no_cache(cache_dir: Path, small: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str],
                                                caplog: pytest.LogCaptureFixture) -> None:
    """Simulated (the tests may run as root, whom modes do not stop): every use of the cache folder —
    opening it, and a bare stat()/exists() — fails with EACCES, as a folder without read and search
    permission does. The next test does it for real, as an unprivileged user."""
    expected = ratify.load(small).participations  # the folder exists and holds entries
    real_open, real_stat = os.open, os.stat

    def denied(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Any:
            if kwargs.get("dir_fd") is None and os.fspath(path).startswith(str(cache_dir)):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return fn(path, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(os, "open", denied(real_open))
    monkeypatch.setattr(os, "stat", denied(real_stat))
    with caplog.at_level(logging.WARNING, logger="ratify.cache"):
        assert ratify.load(small).participations == expected
        assert main(["status", "KAZ", "V-2"]) == 0
    assert "Kazakhstan" in capsys.readouterr().out
    warnings = [r.getMessage() for r in caplog.records if r.name == "ratify.cache"]
    assert warnings == [(f"ratify: warning: cache folder not used: {cache_dir}: Permission denied; "
                        "data files are parsed without a cache")]
    assert main(["cache"]) == 0 and "Permission denied" in capsys.readouterr().out


@pytest.mark.skipif(not IS_ROOT or sys.platform != "linux", reason="switching to another user needs root")
def test_an_unreadable_cache_folder_for_real(tmp_path: Path) -> None:
    """A real EACCES: the process warms up as root, then becomes "nobody" and runs the commands with a cache
    folder inside a folder only root may enter. One warning line, the right answer, exit 0."""
    installed = Path(ratify.__file__).resolve().parent
    if not all(folder.stat().st_mode & stat.S_IXOTH for folder in (installed, *installed.parents)):
        pytest.skip(f"ratify is installed where another user cannot read it ({installed})")
    private = tmp_path / "private"
    (private / "cache").mkdir(parents=True)
    private.chmod(0o700)
    # a data folder of one's own that "nobody" may read (the bundled one is served from its installed snapshot)
    readable = Path(tempfile.mkdtemp(prefix="ratify-nobody-data-"))
    readable.chmod(0o755)
    data = readable / "data"
    shutil.copytree(bundled_data(), data)
    (data / "groups.toml").write_text((data / "groups.toml").read_text(encoding="utf-8") + "\n# mine\n",
                                      encoding="utf-8")
    script = textwrap.dedent(f"""
        import contextlib, io, logging, os, sys  # logging: imported only when there is a warning to give
        import ratify
        from ratify.cli import main
        os.environ["RATIFY_CACHE"] = "0"
        with contextlib.redirect_stdout(io.StringIO()):  # every module a command needs, imported as root
            main(["status", "KAZ", "V-2", "--data", {str(data)!r}]); main(["cache"]); ratify.load({str(data)!r})
        del os.environ["RATIFY_CACHE"]
        os.setgid({OTHER_UID}); os.setuid({OTHER_UID})
        assert ratify.load({str(data)!r}).status("KAZ", "V-2") is ratify.Status.PARTY
        code = main(["status", "KAZ", "V-2", "--data", {str(data)!r}])
        main(["cache"])
        sys.exit(code)
    """)
    home = Path(tempfile.mkdtemp(prefix="ratify-nobody-"))  # a home "nobody" may look into: no data folder there
    home.chmod(0o755)
    env = {**os.environ, "RATIFY_CACHE_DIR": str(private / "cache"), "PYTHONDONTWRITEBYTECODE": "1",
           "XDG_DATA_HOME": str(home)}
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                              check=False)
    finally:
        shutil.rmtree(home)
        shutil.rmtree(readable)
    assert done.returncode == 0, done.stderr
    assert "Kazakhstan" in done.stdout and "party" in done.stdout
    assert f"cache not used: {private / 'cache'}: Permission denied" in done.stdout
    lines = [line for line in done.stderr.strip().splitlines() if not line.startswith("data: ")]  # says which folder
    assert lines == [(f"ratify: warning: cache folder not used: {private / 'cache'}: Permission denied; "
                     "data files are parsed without a cache")]


def test_cli_shows_and_clears_the_cache(cache_dir: Path, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ratify.load(small)
    n = len(_keys(small)) + 1  # an entry per instrument file, and the folder's snapshot
    assert main(["cache"]) == 0
    assert f"{n} entries" in capsys.readouterr().out
    assert main(["cache", "--clear"]) == 0
    assert f"{n} entries removed" in capsys.readouterr().out
    assert _entries(cache_dir) == []


def test_turned_off_means_untouched(cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    assert default_cache() is None
    ratify.load()
    assert not cache_dir.exists()
    assert main(["cache"]) == 0 and "turned off" in capsys.readouterr().out


def test_blobs_are_kept_by_kind_and_key_and_authenticated(cache_dir: Path) -> None:
    """The blobs other parts of ratify keep (compiled templates): returned as put, under their kind only, and
    never when the entry's MAC was made for another kind of entry, even with the user's secret."""
    with FileCache(cache_dir) as store:
        assert store.get_blob("jinja2", "k") is None  # nothing yet, and nothing made by looking
        assert not cache_dir.exists()
        store.put_blob("jinja2", "k", b"payload")
        assert store.get_blob("jinja2", "k") == b"payload"
        assert store.get_blob("other", "k") is None
        assert store.get_blob("jinja2", "k2") is None
    [entry] = sorted((cache_dir / "instruments").glob("*.blob"))
    secret = (cache_dir / cache_module.KEY_FILE).read_bytes()[len(cache_module._KEY_MAGIC):]
    key = entry.name.removesuffix(".blob")
    mac = hmac.new(secret, cache_module._DOMAIN + key.encode() + b"\0" + b"forged", hashlib.sha256).digest()
    entry.write_bytes(cache_module._ENTRY_MAGIC + mac + b"forged")  # a valid MAC of a pickle entry
    with FileCache(cache_dir) as store:
        assert store.get_blob("jinja2", "k") is None
    assert not entry.exists()  # refused and removed
    with FileCache(cache_dir) as store:
        assert store.size()[0] == 0
        store.put_blob("jinja2", "k", b"payload")
        assert store.size()[0] == 1
        assert store.clear() == 1

