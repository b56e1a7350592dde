"""A data folder is all or nothing, even when the writer is killed; writers take turns and re-read the folder;
readers see it whole; an unreadable instruments/ is an error, never an empty folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import ratify
from ratify.cli import main
from ratify.resources import bundled_data
from ratify.store import transaction
from ratify.store.read import read_folder
from ratify.store.transaction import JOURNAL_NAME, LOCK_NAME, recover, writing
from ratify.untc.importer import import_untc

REPO = Path(__file__).resolve().parents[2]
XML = REPO.parent / "shared" / "fixtures" / "untc" / "xml"
SRC = REPO / "src"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_xml = pytest.mark.skipif(not XML.is_dir(), reason="the 407 depositary XML files are not here")
AS_OF = "2030-01-01"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the folder, hidden ones too, but its lock file (it holds no data and stays)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK_NAME}


def copy_bundled(target: Path) -> Path:
    shutil.copytree(bundled_data(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1"}


# -- killed at any moment: before or after, nothing in between, nothing left over -------------------

# The bootstrap of the killed imports. It runs the real `ratify import-untc` once: the 407 files are read
# once, and when the import is about to lock and write its folder, it forks one child per kill point
# (each in a work folder of its own holding a copy of the same data folder). Each child arms a counter
# on one os function (os.replace renames, os.unlink removes, os.fsync/os.sync flush) and SIGKILLs itself
# at the Nth call, then carries on writing; the parent waits for it, or kills it after a delay.
BOOT = r'''
import atexit, json, os, signal, sys, time
import ratify.untc.importer as importer
from ratify.cli import main

plan = json.loads(sys.argv[1])
argv = sys.argv[2:]
real_writing = importer.writing
FUNCTIONS = ("replace", "unlink", "fsync", "sync")


def arm(fn, n):
    real = getattr(os, fn)
    calls = [0]
    def counted(*args, **kwargs):
        calls[0] += 1
        if calls[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, fn, counted)
    return calls


def child(spec, kill):
    os.chdir(spec["dir"])
    counters = {fn: arm(fn, kill.get(fn, 0)) for fn in FUNCTIONS}
    atexit.register(lambda: open("counts.json", "w").write(json.dumps({fn: c[0] for fn, c in counters.items()})))


def forking_writing(folder, **kwargs):
    counts = {}
    results = []
    reference, rest = plan[0], plan[1:]
    batches = [[reference]] + [rest[i:i + 2] for i in range(0, len(rest), 2)]  # two at a time: two CPUs
    for batch in batches:
        running = []
        for spec in batch:
            kill = {}
            if "fn" in spec:  # "at": 1-based, or counted back from the reference run's last call (0 = the last)
                at = spec["at"]
                kill = {spec["fn"]: at if at > 0 else counts[spec["fn"]] + at}
            pid = os.fork()
            if pid == 0:
                child(spec, kill)
                return real_writing(folder, **kwargs)
            running.append((pid, spec, kill))
        for pid, spec, kill in running:
            if "after" in spec:
                time.sleep(spec["after"])
                os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            results.append({"dir": spec["dir"], "kill": kill, "killed": killed,
                            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None})
        if batch == [reference]:
            counts = json.loads(open(os.path.join(reference["dir"], "counts.json")).read())
    with open(os.environ["KILL_RESULTS"], "w") as fh:
        json.dump({"counts": counts, "results": results}, fh)
    os._exit(0)


importer.writing = forking_writing
sys.exit(main(argv))
'''

# (kill point, the state it must leave): before the commit point the folder is as before, after it as after
KILL_POINTS = [
    ({"fn": "sync", "at": 1}, "before"),  # the new files written, not yet flushed
    ({"fn": "fsync", "at": 1}, "before"),  # the journal written, not yet flushed
    ({"fn": "replace", "at": 1}, "before"),  # the journal flushed, not yet renamed into place: just before commit
    ({"fn": "replace", "at": 2}, "after"),  # committed, no file renamed yet
    ({"fn": "replace", "at": 3}, "after"),  # one file renamed
    ({"fn": "replace", "at": 12}, "after"),
    ({"fn": "replace", "at": -12}, "after"),
    ({"fn": "replace", "at": 0}, "after"),  # every file but the last renamed
    ({"fn": "unlink", "at": 1}, "after"),  # every file renamed; backups being removed
    ({"fn": "unlink", "at": 0}, "after"),  # the journal not yet removed
    ({"fn": "fsync", "at": 0}, "after"),  # the journal removed, its folder not yet flushed
    ({"after": 0.2}, "either"), ({"after": 0.6}, "either"),  # timed: wherever the writer happens to be
]
# the import of all 407 files is slow to plan (each child plans it afresh): fewer points, still in every phase
KILL_POINTS_407 = [KILL_POINTS[i] for i in (0, 2, 3, 6, 7, 9)] + [({"after": 1.0}, "either")]


def _kill_and_recover(tmp_path: Path, files: list[str], points: list[tuple[dict[str, object], str]]) -> None:
    plan: list[dict[str, object]] = [{"dir": str(tmp_path / "reference"), "reference": True}]
    plan += [{**point, "dir": str(tmp_path / f"k{i:02d}")} for i, (point, _) in enumerate(points)]
    for spec in plan:
        copy_bundled(Path(str(spec["dir"])) / "data")
    before = snapshot(tmp_path / "reference" / "data")
    cache = tmp_path / "cache"  # warm, so that every child reads the folder alike (and quickly)
    warm = tmp_path / "warm" / "data"  # not the bundled bytes (whose snapshot is installed): the cache is used
    copy_bundled(warm)
    (warm / "groups.toml").write_text((warm / "groups.toml").read_text(encoding="utf-8") + "\n# warm\n",
                                      encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RATIFY_CACHE_DIR", str(cache))
        ratify.load(warm)
    (tmp_path / "boot.py").write_text(BOOT, encoding="utf-8")
    results_file = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(tmp_path / "boot.py"), json.dumps(plan), "import-untc", "-q", *files,
                           "--data", "data", "--as-of", AS_OF], cwd=tmp_path, capture_output=True, text=True,
                          env={**env(), "KILL_RESULTS": str(results_file), "RATIFY_CACHE_DIR": str(cache)}, timeout=600,
                          check=False)
    assert done.returncode == 0 and results_file.exists(), done.stderr[-2000:]
    outcome = json.loads(results_file.read_text())
    reference, *killed = outcome["results"]
    assert reference["exit"] == 0 and not reference["killed"]
    after = snapshot(tmp_path / "reference" / "data")
    assert after != before
    assert outcome["counts"]["replace"] == 1 + sum(after.get(k) != before.get(k) for k in after)  # journal, files
    seen = []
    for (point, expected), result in zip(points, killed, strict=True):
        folder = Path(result["dir"]) / "data"
        if "fn" in point:
            assert result["killed"], f"kill point {point} was never reached"
        if point == {"fn": "replace", "at": 3}:  # the next command that opens the folder finishes the write
            assert (folder / JOURNAL_NAME).exists()
            assert main(["validate", str(folder)]) == 0
        else:
            read_folder(folder, instruments=False)  # any command that opens the folder recovers it first
        state = snapshot(folder)
        assert state in (before, after), f"kill point {point}: a mixed folder"
        if expected != "either":
            assert state == (before if expected == "before" else after), f"kill point {point}: not {expected}"
        assert not [p for p in folder.rglob(".*") if p.name != LOCK_NAME]  # no journal, temporary file or backup
        seen.append(state == after)
    assert any(seen) and not all(seen)


def test_a_killed_import_leaves_the_folder_before_or_after_never_mixed(tmp_path: Path) -> None:
    """Kills at every step of the commit (deterministic) and at a few moments (timed), for an import of 40 files."""
    from untc.untc_paths import FIXTURES

    files = sorted(str(p) for p in XML.glob("*.xml"))[:36] if XML.is_dir() else []
    files += [str(FIXTURES / n) for n in ("V-3.en.xml", "V-4.en.xml", "V-5.en.xml", "XVIII-12-a.en.xml")]
    _kill_and_recover(tmp_path, files, KILL_POINTS)


@needs_xml
def test_a_killed_import_of_407_files_leaves_the_folder_before_or_after(tmp_path: Path) -> None:
    files = sorted(str(p) for p in XML.glob("*.xml"))
    assert len(files) == 407
    _kill_and_recover(tmp_path, files, KILL_POINTS_407)


def test_a_journal_is_rolled_forward_by_the_next_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: the writer "dies" half-way through its renames, after the commit point, with no chance to
    undo anything; the folder is mixed until `ratify.load()` opens it and finishes the write."""
    folder = copy_bundled(tmp_path / "data")
    before = snapshot(folder)
    edited = {rel: data.replace(b"\n[instrument]\n", b"\n# edited\n[instrument]\n", 1)
              for rel, data in before.items() if rel.startswith("instruments/")}
    assert len(edited) == len(list((folder / "instruments").glob("*.toml"))) > 20  # every instrument file
    assert all(edited[rel] != before[rel] for rel in edited)
    real_journal = transaction._write_journal

    def renames_half(root: Path, entries: list[dict[str, str | None]]) -> None:
        for e in entries[: len(entries) // 2]:
            os.replace(root / str(e["new"]), root / str(e["target"]))
        raise KeyboardInterrupt  # dies here

    def journal_forward_only(root: Path, content: dict[str, object]) -> None:
        if content["direction"] != "forward":
            raise KeyboardInterrupt  # dead before it could turn the journal round
        real_journal(root, content)

    monkeypatch.setattr(transaction, "_roll_forward", renames_half)
    monkeypatch.setattr(transaction, "_write_journal", journal_forward_only)
    with pytest.raises(KeyboardInterrupt), writing(folder) as tx:
        tx.update(edited)
    monkeypatch.undo()
    mixed = snapshot(folder)
    assert (folder / JOURNAL_NAME).exists()
    assert sum(mixed.get(rel) == data for rel, data in edited.items()) == len(edited) // 2  # a mixed folder, as a kill leaves it
    cat = ratify.load(folder)
    assert len(cat.instruments) == len(edited)
    assert snapshot(folder) == {**before, **edited}


def test_a_damaged_journal_never_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_bundled(tmp_path / "data")
    (folder / LOCK_NAME).touch()
    (folder / JOURNAL_NAME).write_text('{"ratify-journal": 1, "direction": "forward", "entries": [{"targ', "utf-8")
    assert main(["validate", str(folder)]) == 1
    assert "journal of an interrupted write is damaged" in capsys.readouterr().err
    with pytest.raises(ratify.DataError, match="journal"):
        ratify.load(folder)


def test_a_journal_cannot_reach_outside_the_folder(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path / "data")
    outside = tmp_path / "victim.toml"
    outside.write_text("keep me", "utf-8")
    (folder / JOURNAL_NAME).write_text(json.dumps({"ratify-journal": 1, "direction": "back", "entries": [
        {"target": "../victim.toml", "new": "instruments/.x.ratify-tmp", "old": None, "sha256": ""}]}), "utf-8")
    with pytest.raises(ratify.DataError, match="damaged"):
        recover(folder)
    assert outside.read_text("utf-8") == "keep me"


@pytest.mark.parametrize("target", ["fetched/IV-2/../../../victim.toml", "fetched/../victim.toml",
                                    "fetched/IV-2/sub/page.html", "other/IV-2/page.html"])
def test_a_kept_page_stays_in_its_own_folder(tmp_path: Path, target: str) -> None:
    folder = copy_bundled(tmp_path / "data")
    (folder / JOURNAL_NAME).write_text(json.dumps({"ratify-journal": 1, "direction": "back", "entries": [
        {"target": target, "new": None, "old": None, "sha256": ""}]}), "utf-8")
    with pytest.raises(ratify.DataError, match="damaged"):
        recover(folder)


def test_pages_kept_as_fetched_are_written_in_the_same_transaction(tmp_path: Path) -> None:
    """`ratify update` keeps each page beside the data: fetched/<MTDSG>/<stamp>.html, made with its folders."""
    folder = copy_bundled(tmp_path / "data")
    with writing(folder) as tx:
        tx.update({"fetched/IV-2/20260203T000000Z.html": b"<html/>", "fetched/IV-2/20260203T000000Z.toml": b"x = 1\n"})
    assert (folder / "fetched" / "IV-2" / "20260203T000000Z.html").read_bytes() == b"<html/>"
    assert not [p for p in folder.rglob(".*") if p.name != LOCK_NAME]  # no journal, temporary file or backup


def test_leftovers_of_killed_writers_are_removed_by_the_next_command(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path / "data")
    before = snapshot(folder)
    for name in (".refugees-1951.toml.a1b2.ratify-tmp", ".refugees-1951.toml.12345.bak",  # this version, older ones
                 ".v-2.toml.x1y2z3.tmp", ".refugees-1951.toml.a1b2.ratify-old"):
        (folder / "instruments" / name).write_bytes(b"junk")
    (folder / f"{JOURNAL_NAME}.0000.ratify-tmp").write_bytes(b"{")  # a journal never committed
    assert main(["validate", str(folder)]) == 0
    assert snapshot(folder) == before


# -- one writer at a time; each works from the folder as it is when its turn comes -------------------


def _hold_lock(folder: Path, started: threading.Event, release: threading.Event) -> None:
    with writing(folder):
        started.set()
        release.wait(60)


def test_a_second_writer_waits_then_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from untc.untc_paths import FIXTURES

    folder = copy_bundled(tmp_path / "data")
    before = snapshot(folder)
    started, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(folder, started, release))
    holder.start()
    try:
        assert started.wait(30)
        monkeypatch.setenv("RATIFY_LOCK_TIMEOUT", "0.5")
        t = time.monotonic()
        assert main(["import-untc", str(FIXTURES / "V-5.en.xml"), "--data", str(folder), "--as-of", AS_OF]) == 1
        assert time.monotonic() - t >= 0.5
        err = capsys.readouterr().err
        assert re.search(r"another ratify process is still writing this folder after 0 s; nothing was written", err)
        assert err.count("\n") == 1
    finally:
        release.set()
        holder.join()
    assert snapshot(folder) == before


def test_a_writer_rereads_the_folder_once_it_has_the_lock(tmp_path: Path) -> None:
    """A protocol participant is imported while another writer (holding the lock) removes that state from the
    parent convention: the import waits, reads the folder as the other left it, and refuses — rather than both
    succeeding against what they read before and leaving an invalid folder."""
    from untc.untc_paths import FIXTURES

    folder = copy_bundled(tmp_path / "data")
    untoc = folder / "instruments" / "untoc-2000.toml"
    trafficking = ratify.load(folder).instrument("XVIII-12-a")
    cat = ratify.load(folder)
    untoc_as_of = cat.instrument("untoc-2000").as_of
    candidates = [p.state for p in cat.participations if p.instrument == trafficking.id and p.consent
                  and p.consent.date < untoc_as_of and not p.denunciation
                  and cat.participation(p.state, "smuggling-protocol-2000") is None
                  and cat.participation(p.state, "untoc-2000") is not None]
    state = candidates[0]
    # the folder's Trafficking Protocol without that state: then the other writer's change is valid alone
    (folder / f"instruments/{trafficking.id}.toml").write_text(
        _without(state, (folder / f"instruments/{trafficking.id}.toml").read_text("utf-8")), "utf-8")
    without = _without(state, untoc.read_text("utf-8"))
    ratify.load(folder)  # valid as it stands
    with writing(folder) as tx:  # the other writer has the lock ...
        importer = subprocess.Popen(
            [sys.executable, "-m", "ratify", "import-untc", str(FIXTURES / "XVIII-12-a.en.xml"), "--data", str(folder),
             "--as-of", AS_OF], env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while importer.poll() is None and time.monotonic() < deadline and not _waiting(importer.pid):
            time.sleep(0.05)  # ... until the import has read its file and waits for the lock
        tx.stage("instruments/untoc-2000.toml", without.encode("utf-8"))
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 1, out + err
    assert "another ratify process is writing this folder; waiting" in err
    assert state in err  # the refusal names the state that would lose its parent
    assert untoc.read_text("utf-8") == without
    ratify.load(folder)  # still valid


def _without(state: str, text: str) -> str:
    """The TOML text without the tables (and their sub-tables) that are about `state`."""
    blocks = re.split(r"(?m)^(?=\[(?!\[participants\.))", text)
    return "".join(b for b in blocks if f'state = "{state}"' not in b)


def _waiting(pid: int) -> bool:
    """Whether the process is blocked waiting for our lock (Linux: it polls, so look at its open lock file)."""
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}").endswith(LOCK_NAME) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


@needs_xml
def test_concurrent_imports_lose_nothing(tmp_path: Path) -> None:
    """Imports of the same instrument with different dates, and of different instruments, run at the same time.
    Whatever order they take, the newer table of V-5 wins and both protocols' tables are in."""
    folder = copy_bundled(tmp_path / "data")
    v5 = str(XML / "V-5.en.xml")
    runs = [["import-untc", "-q", v5, "--data", str(folder), "--as-of", "2031-01-01"],
            ["import-untc", "-q", v5, "--data", str(folder), "--as-of", "2030-01-01"],
            ["import-untc", "-q", str(XML / "XVIII-12-a.en.xml"), "--data", str(folder), "--as-of", "2030-06-01"],
            ["import-untc", "-q", str(XML / "XVIII-12-b.en.xml"), "--data", str(folder), "--as-of", "2030-06-01"]]
    procs = [subprocess.Popen([sys.executable, "-m", "ratify", *argv], env=env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for argv in runs]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    cat = ratify.load(folder)
    assert str(cat.instrument("V-5").as_of) == "2031-01-01"
    assert str(cat.instrument("XVIII-12-a").as_of) == "2030-06-01"
    assert str(cat.instrument("XVIII-12-b").as_of) == "2030-06-01"


@needs_xml
def test_a_load_during_an_import_sees_all_before_or_all_after(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path / "data")
    before = len(ratify.load(folder).instruments)
    files = sorted(str(p) for p in XML.glob("*.xml"))
    importer = subprocess.Popen([sys.executable, "-m", "ratify", "import-untc", "-q", *files, "--data", str(folder),
                                 "--as-of", AS_OF], env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = []
    while importer.poll() is None:
        seen.append(len(ratify.load(folder).instruments))
    assert importer.returncode == 0, importer.communicate()[1]
    seen.append(len(ratify.load(folder).instruments))
    assert set(seen) <= {before, 410} and seen[-1] == 410 and seen[0] == before


# -- the bundled data is only read; unreadable folders are errors ------------------------------------


def test_reading_the_bundled_data_writes_nothing_into_it() -> None:
    names = set(os.listdir(bundled_data())) | {f"instruments/{n}" for n in os.listdir(bundled_data() / "instruments")}
    ratify.load()
    assert main(["validate"]) == 0
    after = set(os.listdir(bundled_data())) | {f"instruments/{n}" for n in os.listdir(bundled_data() / "instruments")}
    assert after == names and LOCK_NAME not in after


def test_an_unlistable_instruments_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Simulated (root reads any folder): listing instruments/ fails as at mode 000 or 0300. `validate` is not
    "valid", `status` prints nothing and fails, and an import writes nothing, least of all a duplicate file."""
    from untc.untc_paths import FIXTURES

    folder = copy_bundled(tmp_path / "data")
    before = snapshot(folder)
    inst = folder / "instruments"
    real_listdir = os.listdir

    def denied(path: object = ".") -> list[str]:
        if isinstance(path, (str, os.PathLike)) and Path(path) == inst:
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", denied)
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{inst}: cannot list the folder: Permission denied" in out and "valid (" not in out
    assert main(["status", "KAZ", "--data", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and f"{inst}: cannot list the folder" in captured.err
    assert main(["import-untc", str(FIXTURES / "V-5.en.xml"), "--data", str(folder), "--as-of", AS_OF]) == 1
    monkeypatch.setattr(os, "listdir", real_listdir)
    assert snapshot(folder) == before  # no v-5.toml beside refugees-protocol-1967.toml


@pytest.mark.skipif(not IS_ROOT or sys.platform != "linux", reason="switching to another user needs root")
def test_an_unlistable_instruments_folder_for_real(tmp_path: Path) -> None:
    """For real, as an unprivileged user (the process warms up as root, then becomes "nobody"): instruments/
    at mode 0300 — writable, not listable — and at 000."""
    from untc.untc_paths import FIXTURES

    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"ratify-test-{os.getpid()}"
    base.mkdir(mode=0o755)
    try:
        folder = copy_bundled(base / "data")
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, 65534, 65534)
        shutil.copy(FIXTURES / "V-5.en.xml", base / "V-5.en.xml")
        script = textwrap.dedent(f"""
            import contextlib, io, os, sys
            from ratify.cli import main
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                main(["import-untc", {str(base / "V-5.en.xml")!r}, "--data", {str(folder)!r}, "--dry-run"])
                main(["validate", {str(folder)!r}]); main(["status", "KAZ", "--data", {str(folder)!r}])
            os.setgid(65534); os.setuid(65534)
            codes = []
            for mode in (0o300, 0o000):
                os.chmod({str(folder / "instruments")!r}, mode)
                codes.append(main(["validate", {str(folder)!r}]))
                codes.append(main(["import-untc", {str(base / "V-5.en.xml")!r}, "--data", {str(folder)!r}]))
            os.chmod({str(folder / "instruments")!r}, 0o755)
            print(codes)
        """)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env(), timeout=120,
                              check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "[1, 1, 1, 1]"
        assert "valid (" not in done.stdout
        assert done.stdout.count("cannot list the folder: Permission denied") == 2
        assert not (folder / "instruments" / "v-5.toml").exists()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_fifo_in_the_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    folder = copy_bundled(tmp_path / "data")
    os.mkfifo(folder / "instruments" / "pipe.toml")
    with pytest.raises(ratify.DataError, match="pipe.toml: not a regular file"):
        ratify.load(folder)


def test_a_failed_first_import_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from untc.untc_paths import FIXTURES

    def full(root: Path, files: dict[str, bytes]) -> None:
        raise ratify.OutputError(f"{root}: cannot write: No space left on device; nothing was changed")

    monkeypatch.setattr(transaction, "_commit", full)
    folder = tmp_path / "new" / "data"
    with pytest.raises(ratify.OutputError, match="No space left"):
        import_untc([FIXTURES / "V-5.en.xml"], folder)
    assert not folder.exists()


def test_a_killed_init_leaves_no_folder_and_the_next_init_tidies_up(tmp_path: Path) -> None:
    """`ratify init` SIGKILLed just before it renames its finished copy into place (by its bootstrap patching
    os.replace): the target does not exist; the next `init` removes the stale copy and makes the folder."""
    script = textwrap.dedent("""
        import os, signal, sys
        from ratify.cli import main
        os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
        sys.exit(main(sys.argv[1:]))
    """)
    target = tmp_path / "mine"
    done = subprocess.run([sys.executable, "-c", script, "init", str(target)], env=env(), capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == -9
    assert not target.exists()
    stale = list(tmp_path.glob(".mine.*"))
    assert len(stale) == 1 and (stale[0] / "instruments").is_dir()
    assert main(["init", str(target)]) == 0
    assert list(tmp_path.glob(".mine.*")) == []
    assert snapshot(target) == snapshot(bundled_data())
    assert (target / LOCK_NAME).exists()  # readers lock it from the start


def test_init_fills_an_empty_folder_and_refuses_a_full_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert main(["init", str(target)]) == 0
    assert snapshot(target) == snapshot(bundled_data())
    assert main(["init", str(target)]) == 1
    assert "already exists and is not an empty folder" in capsys.readouterr().err
