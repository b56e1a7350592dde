"""`atomic_write` and `-o`: only regular files are written, links are written through, no folder is made."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ratify.cli import main
from ratify.errors import OutputError
from ratify.store import atomic
from ratify.store.atomic import atomic_write
from ratify.store.transaction import create_folder


def test_a_new_file_gets_the_umask_permissions_and_no_temporary_is_left(tmp_path: Path):
    old = os.umask(0o027)
    try:
        written = atomic_write(tmp_path / "a.html", "<p>ü</p>")
    finally:
        os.umask(old)
    assert written == tmp_path / "a.html"
    assert written.read_bytes() == "<p>ü</p>".encode()
    assert stat.S_IMODE(written.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path):
    target = tmp_path / "a.csv"
    target.write_text("old")
    target.chmod(0o604)
    atomic_write(target, b"new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o604


def test_a_symlink_has_its_target_replaced_and_stays_a_link(tmp_path: Path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "brief.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    assert atomic_write(link, "new") == real
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real"]
    assert [p.name for p in real_dir.iterdir()] == ["brief.html"]  # the temporary was written beside the target


def test_a_dangling_symlink_creates_its_target(tmp_path: Path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "new.md")
    atomic_write(link, "x")
    assert link.is_symlink() and (tmp_path / "new.md").read_text() == "x"


def test_a_failed_write_through_a_link_leaves_the_target_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write(link, "new")
    assert real.read_text() == "old" and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real.html"]


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match=r"pipe.*not a regular file.*-o -"):
        atomic_write(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_socket_is_refused(tmp_path: Path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(OutputError, match="a socket, not a regular file"):
            atomic_write(path, "x")
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(OutputError, match="it is a folder, not a regular file$"):
        atomic_write(tmp_path, "x")


@pytest.mark.parametrize(("mode", "kind"), [(stat.S_IFCHR | 0o666, "a character device"),
                                            (stat.S_IFBLK | 0o660, "a block device")])
def test_a_device_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int, kind: str):
    # a regular file that stat() reports as a device: a regression replaces only this file, not /dev/full
    target = tmp_path / "full"
    target.write_text("device")
    real_stat = os.stat

    def fake_stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_stat(path, *args, **kwargs)
        if Path(path) == target:
            return os.stat_result((mode, *tuple(result)[1:]))
        return result

    monkeypatch.setattr(atomic.os, "stat", fake_stat)
    with pytest.raises(OutputError, match=f"it is {kind}, not a regular file"):
        atomic_write(target, "x")
    assert target.read_text() == "device"


def test_a_missing_folder_is_an_error_not_made(tmp_path: Path):
    with pytest.raises(OutputError, match=r"no such folder .*missing$"):
        atomic_write(tmp_path / "missing" / "a.html", "x")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("rel", ["file/x.html", "file/a/b.html"])
def test_a_parent_that_is_a_file_is_named(tmp_path: Path, rel: str):
    (tmp_path / "file").write_text("a file")
    with pytest.raises(OutputError) as info:
        atomic_write(tmp_path / rel, "x")
    assert str(info.value).endswith(f"cannot write: {tmp_path / 'file'} is not a folder")


# -- the command line ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["brief", "KAZ"], ["export", "--format", "csv"]])
def test_cli_refuses_a_pipe_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main([*command, "-o", str(fifo)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"ratify: error: {fifo}: cannot write: it is a pipe")


@pytest.mark.parametrize("command", [["brief", "KAZ", "--format", "md"], ["export", "--format", "csv"]])
def test_cli_dash_is_standard_output(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], command: list[str],
                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert main([*command, "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith((b"# ", b"state,"))
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_cli_dev_stdout_is_refused_with_a_hint():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-m", "ratify", "brief", "KAZ", "-o", "/dev/stdout"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == 1 and run.stdout == ""
    assert "/dev/stdout: cannot write: it is a pipe (FIFO), not a regular file" in run.stderr
    assert "use -o - or a shell redirection" in run.stderr


def test_cli_into_a_missing_folder_fails_and_makes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["brief", "KAZ", "-o", str(tmp_path / "no" / "brief.html")]) == 1
    assert "no such folder" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


# -- ratify init into a full disk -------------------------------------------------------------------------------------


def test_init_into_a_full_disk_says_so_in_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch):
    import errno
    import shutil

    real_copy2 = shutil.copy2
    copied: list[str] = []

    def full_disk(src: str, dst: str, **kwargs: object) -> object:
        if len(copied) >= 3:  # the disk fills up after three files
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), dst)
        copied.append(dst)
        return real_copy2(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copy2", full_disk)
    target = tmp_path / "mydata"
    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == f"ratify: error: {target}: cannot create: No space left on device; nothing was written\n"
    assert list(tmp_path.iterdir()) == []  # neither the folder nor the half-made copy is left
    assert len(copied) == 3  # stopped at the first failure instead of trying every other file


def test_init_into_an_empty_folder_on_a_full_disk_leaves_it_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import errno
    import shutil

    def full_disk(src: str, dst: str, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), dst)

    monkeypatch.setattr(shutil, "copy2", full_disk)
    target = tmp_path / "mydata"
    target.mkdir()
    with pytest.raises(OutputError, match="No space left on device; nothing was written$"):
        create_folder(Path(__file__).parent / "fixtures", target)
    assert [p.name for p in tmp_path.iterdir()] == ["mydata"] and list(target.iterdir()) == []


def test_a_relative_link_through_a_linked_folder_is_followed_like_the_kernel_does(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "target.html").write_text("old")
    (tmp_path / "b").symlink_to(tmp_path / "a" / "b")  # a folder link: ".." from it is a/, not tmp_path
    link = tmp_path / "a" / "b" / "out.html"
    link.symlink_to("../target.html")
    assert atomic_write(tmp_path / "b" / "out.html", "new") == tmp_path / "a" / "target.html"
    assert (tmp_path / "a" / "target.html").read_text() == "new" and link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs a link owned by another user")
def test_a_stranger_s_link_in_a_shared_folder_is_not_followed(tmp_path: Path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.conf"
    victim.write_text("precious")
    link = shared / "report.html"
    link.symlink_to(victim)
    os.lchown(link, 65534, 65534)  # planted by another user
    with pytest.raises(OutputError, match="link in the shared folder .* belongs to another user"):
        atomic_write(link, "<html>")
    assert victim.read_text() == "precious" and link.is_symlink()
    os.lchown(link, os.geteuid(), os.getegid())  # the user's own link is followed
    atomic_write(link, "<html>")
    assert victim.read_text() == "<html>"


def test_a_file_is_old_or_new_whenever_the_writer_is_killed(tmp_path: Path):
    import random
    import signal
    import time

    target = tmp_path / "report.html"
    old, new = b"o" * 3_000_000, b"n" * 3_000_000
    target.write_bytes(old)
    code = ("import sys\nfrom ratify.store.atomic import atomic_write\n"
            f"while True:\n    atomic_write({str(target)!r}, b'n' * 3_000_000)\n    atomic_write({str(target)!r}, b'o' * 3_000_000)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    rng = random.Random(14)
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", code], env=env)
        time.sleep(0.3 + rng.random() * 0.4)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert target.read_bytes() in (old, new)
