"""`ratify update` and the fetcher behind it, against a server on 127.0.0.1 that serves the real status
pages at their real paths — and misbehaves on purpose."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import http.server
import re
import socket
import threading
import time
import tomllib
import types
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from untc.untc_paths import FIXTURES, SHARED

import ratify
from ratify.cli import main
from ratify.errors import FetchError, UnreachableError, UpdateError
from ratify.query.diff import DifferenceKind
from ratify.resources import bundled_data
from ratify.store.location import DataOrigin
from ratify.store.transaction import LOCK_NAME
from ratify.untc import fetch
from ratify.untc.fetch import Fetcher, FetchSettings, status_path
from ratify.untc.importer import import_untc
from ratify.untc.update import update

CERD = SHARED / "html" / "cerd.html"  # IV-2, new to the bundled data
needs_cerd = pytest.mark.skipif(not CERD.exists(), reason="the shared corpus of status pages is not present")
CMW, ICESCR = FIXTURES / "cmw.html", FIXTURES / "icescr.html"  # IV-13 and IV-3, in the repository


def _pages() -> dict[str, bytes]:
    """The real pages, by the path and query the depositary serves them at."""
    pages = {status_path("IV-13"): CMW.read_bytes(), status_path("IV-3"): ICESCR.read_bytes()}
    if CERD.exists():
        pages[status_path("IV-2")] = CERD.read_bytes()
    return pages


class Server(http.server.ThreadingHTTPServer):
    """Serves `pages`; `script[path]` lists what to do for the next requests of a path, one each."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.pages = _pages()
        self.script: dict[str, list[tuple[object, ...]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # lets a hanging response end when the test is over

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # the http.server name
        parts = urllib.parse.urlsplit(self.path)  # a proxy is sent the whole URL
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.server.requests.append((self.path, dict(self.headers.items())))
        steps = self.server.script.get(path)
        step = steps.pop(0) if steps else ("page",)
        page = self.server.pages.get(path)
        kind = step[0]
        if kind == "page":
            if page is None:
                self._send(404, b"<html><body>not found</body></html>")
            else:
                self._send(200, page, {"Content-Type": "text/html; charset=utf-8"})
        elif kind == "body":
            self._send(200, step[1], {"Content-Type": "text/html; charset=utf-8"})  # type: ignore[arg-type]
        elif kind == "gzip":
            self._send(200, gzip.compress(step[1] if len(step) > 1 else page),  # type: ignore[arg-type]
                       {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif kind == "status":
            self._send(step[1], b"<html><body>busy</body></html>", step[2] if len(step) > 2 else None)  # type: ignore[arg-type]
        elif kind == "redirect":
            self._send(302, b"", {"Location": step[1]})  # type: ignore[dict-item]
        elif kind == "truncated":
            assert page is not None
            self._send(200, page[: len(page) // 2], length=len(page))
            self.close_connection = True
        elif kind == "hang":
            self.server.release.wait(10)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def settings(server: Server) -> FetchSettings:
    """Tiny timeouts and waits: a test never waits for long."""
    return FetchSettings(base_url=server.url, connect_timeout=2, read_timeout=0.5, retries=2, backoff=0.01,
                         max_backoff=0.05, max_retry_after=5, pause=0)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The fetcher's waits, recorded instead of slept (for the command line, which uses the defaults)."""
    waits: list[float] = []
    monkeypatch.setattr(fetch, "time", types.SimpleNamespace(sleep=waits.append, monotonic=time.monotonic))
    return waits


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def snapshot(folder: Path) -> dict[str, str]:
    """Every data file of `folder` by its hash (the writers' lock file holds no data)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK_NAME}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the loopback guard -----------------------------------------------------------------------------


def test_no_test_can_connect_anywhere_but_the_loopback() -> None:
    with pytest.raises(AssertionError, match="tests use the loopback only"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET-1: refused before any packet
    with pytest.raises(AssertionError, match="tests use the loopback only"), socket.socket() as s:
        s.connect_ex(("198.51.100.7", 443))


# -- the request -----------------------------------------------------------------------------------


def test_the_path_and_query_are_the_depositarys_own() -> None:
    assert status_path("IV-2") == "/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-2&chapter=4&clang=_en"
    assert status_path("XVIII-12-a") == "/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18&clang=_en"
    assert "chapter=5&" in status_path("V-2")


def test_a_page_is_fetched_with_an_honest_user_agent_and_gzip(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("gzip",)]
    page = Fetcher(settings).get(status_path("IV-13"))
    assert page.body == CMW.read_bytes() and page.status == 200 and page.attempts == 1
    path, headers = server.requests[0]
    assert path == "/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4&clang=_en"
    assert headers["User-Agent"].startswith(f"ratify/{ratify.__version__} ")
    assert headers["Accept-Encoding"] == "gzip"
    assert ("Content-Encoding", "gzip") in page.headers


def test_http_is_accepted_for_the_loopback_only() -> None:
    with pytest.raises(FetchError, match="only for a server on this machine"):
        FetchSettings(base_url="http://treaties.un.org")
    with pytest.raises(FetchError, match="must be https"):
        FetchSettings(base_url="ftp://treaties.un.org")
    assert FetchSettings(base_url="https://treaties.un.org/").base_url == "https://treaties.un.org"
    assert FetchSettings().base_url == "https://treaties.un.org"  # the default, with RATIFY_UNTC_URL unset


def test_the_base_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_UNTC_URL", "https://mirror.example.org/untc")
    assert FetchSettings().base_url == "https://mirror.example.org/untc"


# -- retries ---------------------------------------------------------------------------------------


def test_a_500_then_a_200_is_retried(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("status", 500)]
    page = Fetcher(settings).get(status_path("IV-13"))
    assert page.body == CMW.read_bytes() and page.attempts == 2 and len(server.requests) == 2


def test_a_503_with_retry_after_waits_as_long_as_asked(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("status", 503, {"Retry-After": "3"})]
    waits: list[float] = []
    page = Fetcher(settings, sleep=waits.append).get(status_path("IV-13"))
    assert page.attempts == 2 and waits and max(waits) >= 3


def test_a_429_is_retried_after_a_backoff(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("status", 429), ("status", 429)]
    waits: list[float] = []
    page = Fetcher(settings, sleep=waits.append).get(status_path("IV-13"))
    assert page.attempts == 3 and waits == [0.01, 0.02]  # doubled each time


def test_a_retry_after_beyond_the_bound_ends_the_fetch(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("status", 503, {"Retry-After": "3600"})]
    with pytest.raises(FetchError, match="asks to wait 3600 s.*try again later"):
        Fetcher(settings, sleep=lambda s: None).get(status_path("IV-13"))
    assert len(server.requests) == 1


def test_a_server_error_that_persists_fails_after_the_retries(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("status", 502)] * 5
    with pytest.raises(FetchError, match=r"HTTP 502 .*after 3 attempts"):
        Fetcher(settings).get(status_path("IV-13"))
    assert len(server.requests) == 3


def test_a_404_is_not_retried(server: Server, settings: FetchSettings) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(settings).get(status_path("XXVI-1"))
    assert len(server.requests) == 1


def test_a_response_that_hangs_times_out(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("hang",)] * 3
    start = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 0.5 s"):
        Fetcher(settings).get(status_path("IV-13"))
    assert time.monotonic() - start < 5


def test_a_truncated_body_is_retried_then_refused(server: Server, settings: FetchSettings) -> None:
    server.script[status_path("IV-13")] = [("truncated",)]
    assert Fetcher(settings).get(status_path("IV-13")).body == CMW.read_bytes()
    server.script[status_path("IV-13")] = [("truncated",)] * 3
    with pytest.raises(FetchError, match="incomplete"):
        Fetcher(settings).get(status_path("IV-13"))


def test_a_body_over_the_cap_is_refused(server: Server, settings: FetchSettings) -> None:
    small = attrs.evolve(settings, max_bytes=100_000)
    with pytest.raises(FetchError, match="over the limit of 100,000"):
        Fetcher(small).get(status_path("IV-13"))  # 180 kB
    bomb = b"<html>" + b" " * 5_000_000  # 5 kB of gzip, 5 MB of text
    server.script[status_path("IV-13")] = [("gzip", bomb)]
    with pytest.raises(FetchError, match="decompressed response is over the limit"):
        Fetcher(small).get(status_path("IV-13"))


def test_the_host_unreachable_is_its_own_error() -> None:
    settings = FetchSettings(base_url=f"http://127.0.0.1:{closed_port()}", retries=1, backoff=0, pause=0)
    with pytest.raises(UnreachableError, match=r"cannot reach 127\.0\.0\.1:\d+: Connection refused"):
        Fetcher(settings).get(status_path("IV-13"))


# -- redirects and proxies -------------------------------------------------------------------------


def test_a_redirect_within_the_host_is_followed(server: Server, settings: FetchSettings) -> None:
    target = "/Pages/ViewDetailsII.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4&Temp=mtdsg2&clang=_en"
    server.pages[target] = CMW.read_bytes()
    server.script[status_path("IV-13")] = [("redirect", target)]
    page = Fetcher(settings).get(status_path("IV-13"))
    assert page.body == CMW.read_bytes()
    assert page.final_url == server.url + target and page.redirects == (server.url + target,)


def test_a_redirect_to_another_host_is_refused_before_it_is_contacted(server: Server,
                                                                       settings: FetchSettings) -> None:
    for elsewhere in ("https://example.org/Pages/ViewDetails.aspx", f"http://localhost:{server.server_address[1]}/x",
                      "https://127.0.0.1/x"):
        server.script[status_path("IV-13")] = [("redirect", elsewhere)]
        with pytest.raises(FetchError, match="outside .*: refused"):
            Fetcher(settings).get(status_path("IV-13"))


def test_proxies_come_from_the_environment(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", server.url)
    origin = f"http://127.0.0.1:{closed_port()}"  # nothing listens there: only the proxy can answer
    page = Fetcher(FetchSettings(base_url=origin, pause=0, retries=0)).get(status_path("IV-13"))
    assert page.body == CMW.read_bytes()
    assert server.requests[0][0] == origin + status_path("IV-13")  # the whole URL: a proxy request


def test_requests_are_spaced_by_the_pause(server: Server, settings: FetchSettings) -> None:
    waits: list[float] = []
    fetcher = Fetcher(attrs.evolve(settings, pause=1.0), sleep=waits.append)
    fetcher.get(status_path("IV-13"))
    fetcher.get(status_path("IV-3"))
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0


# -- update: the library function and the command ---------------------------------------------------


@needs_cerd
def test_update_adds_a_treaty_new_to_the_folder(server: Server, data_copy: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RATIFY_UNTC_URL", server.url)
    # the bundled data holds the CERD (IV-2): a folder without it
    (data_copy / "instruments" / "cerd-1965.toml").unlink()
    assert not any(i.mtdsg == "IV-2" for i in ratify.load(data_copy).instruments)
    code, out, err = run(capsys, "update", "IV-2", "--data", str(data_copy), "--pause", "0")
    assert code == 0, err
    assert "iv-2: new instrument (185 participants)" in out
    assert "IV-2: fetching " + server.url + status_path("IV-2") in err
    assert "wrote 1 instrument file" in out
    # the same facts as importing the saved page by hand
    by_hand = tmp_path / "by-hand"
    import shutil

    shutil.copytree(bundled_data(), by_hand)
    (by_hand / "instruments" / "cerd-1965.toml").unlink()
    import_untc([CERD], by_hand)
    fetched, saved = ratify.load(data_copy), ratify.load(by_hand)
    inst = fetched.instrument("IV-2")
    assert len(fetched.participations_of(instrument=inst)) == 185
    def facts(cat: ratify.Catalog) -> list[ratify.Participation]:  # all but the sources, which differ
        return [attrs.evolve(p, sources=()) for p in cat.participations_of(instrument="IV-2")]

    assert facts(fetched) == facts(saved)
    assert sum(len(p.reservations) for p in fetched.participations_of(instrument=inst)) > 0
    # and the declarations, dated: Kazakhstan's under art. 14 of 29 May 2008
    assert dt.date(2008, 5, 29) in {s.date for s in fetched.participation("KAZ", inst).declarations}
    assert inst.as_of == saved.instrument("IV-2").as_of == ratify.load(by_hand).instrument("IV-2").as_of
    assert str(inst.as_of) == "2026-02-03"  # the page's "status as at", not the day it was fetched
    assert inst.checked is not None and inst.checked.tzinfo is not None
    # the page kept as fetched, with its provenance; the source names it
    kept = list((data_copy / "fetched" / "IV-2").glob("*.html"))
    assert len(kept) == 1 and kept[0].read_bytes() == CERD.read_bytes()
    meta = tomllib.loads(kept[0].with_suffix(".toml").read_text("utf-8"))
    assert meta["url"] == server.url + status_path("IV-2") and meta["status"] == 200
    assert meta["sha256"] == hashlib.sha256(CERD.read_bytes()).hexdigest()
    assert meta["fetched_at"] == inst.checked
    assert any(k == "Content-Type" for k, _ in meta["headers"])
    src = fetched.source(inst.source)
    assert src.file == kept[0].relative_to(data_copy).as_posix() and src.retrieved == inst.checked.date()
    assert src.url == "https://treaties.un.org" + status_path("IV-2")  # the depositary's page, not the mirror


def test_update_with_the_server_down_changes_nothing(data_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str], fast: list[float]) -> None:
    port = closed_port()
    monkeypatch.setenv("RATIFY_UNTC_URL", f"http://127.0.0.1:{port}")
    before = snapshot(data_copy)
    code, out, err = run(capsys, "update", "--data", str(data_copy))
    assert code == 3 and out == ""
    lines = [line for line in err.splitlines() if ": fetching http://" not in line]
    assert len(lines) == 1 and re.fullmatch(
        rf"ratify: cannot reach 127\.0\.0\.1:{port}: Connection refused; nothing changed; your data is as of "
        r"\d{4}-\d\d-\d\d to 2026-02-03", lines[0]), err
    assert snapshot(data_copy) == before
    assert fast  # it was retried (the waits recorded, not slept)


def test_a_page_without_its_participants_table_names_the_treaty_and_writes_nothing(
        server: Server, settings: FetchSettings, data_copy: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    broken = CMW.read_bytes().replace(b"_tblgrid", b"_tblgone")
    server.script[status_path("IV-13")] = [("body", broken)] * 2
    before = snapshot(data_copy)
    with pytest.raises(UpdateError, match=r"IV-13: http://127\.0\.0\.1:\d+/Pages/ViewDetails\.aspx\?src=TREATY&"
                       r"mtdsg_no=IV-13&chapter=4&clang=_en: no participants table"):
        update(["IV-13", "IV-3"], data_copy, settings=settings)
    assert snapshot(data_copy) == before
    monkeypatch.setenv("RATIFY_UNTC_URL", server.url)
    code, _, err = run(capsys, "update", "IV-13", "--data", str(data_copy), "--pause", "0")
    assert code == 1 and "IV-13: " in err and "no participants table" in err and "nothing changed" in err
    assert snapshot(data_copy) == before


def test_keep_going_writes_the_others_and_lists_the_failures(server: Server, data_copy: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    server.script[status_path("IV-13")] = [("body", b"<html><body>Service maintenance</body></html>")]
    monkeypatch.setenv("RATIFY_UNTC_URL", server.url)
    code, out, err = run(capsys, "update", "IV-13", "IV-3", "--data", str(data_copy), "--pause", "0",
                         "--keep-going")
    assert code == 4
    assert re.search(r"failed: IV-13: http://127\.0\.0\.1:\d+/Pages/ViewDetails.aspx\?\S+: ", err)
    assert "1 of 2 pages read, 1 failed" in out
    assert list((data_copy / "fetched").iterdir()) == [data_copy / "fetched" / "IV-3"]
    assert ratify.load(data_copy).instrument("IV-3").checked is not None
    assert ratify.load(data_copy).instrument("IV-13").checked is None


def test_a_page_older_than_the_folders_is_skipped(server: Server, settings: FetchSettings,
                                                  data_copy: Path) -> None:
    older = CMW.read_bytes().replace(b"STATUS AS AT : 03-02-2026", b"STATUS AS AT : 03-02-2025")
    assert older != CMW.read_bytes()
    server.script[status_path("IV-13")] = [("body", older)]
    before = snapshot(data_copy)
    report = update(["IV-13"], data_copy, settings=settings)
    assert report.imported is not None and report.imported.skipped == ("IV-13",)
    assert report.imported.written == () and snapshot(data_copy) == before


def test_a_page_with_one_participant_more_shows_it_and_is_written(server: Server, settings: FetchSettings,
                                                                  tmp_path: Path) -> None:
    # the folder holds the table as it was the day before, without Albania (the first row)
    page = CMW.read_bytes()
    row = re.search(rb"\s*<tr class=\"trBWhite\">\s*<td>Albania<br></td>.*?</tr>", page, re.DOTALL)
    assert row is not None
    earlier = tmp_path / "IV-13.en.html"
    earlier.write_bytes((page[:row.start()] + page[row.end():]).replace(b"STATUS AS AT : 03-02-2026",
                                                                         b"STATUS AS AT : 02-02-2026"))
    folder = tmp_path / "data"
    import_untc([earlier], folder)
    assert ratify.load(folder).participation("ALB", "IV-13") is None
    report = update(["IV-13"], folder, settings=settings)
    assert report.imported is not None
    added = [c for c in report.imported.differences if c.kind is DifferenceKind.ADDED]
    assert [c.state for c in added] == ["ALB"]
    # the Migrant Workers Convention is one ratify describes: its file takes the bundled register's id
    assert report.imported.written == ("instruments/icrmw-1990.toml",)
    cat = ratify.load(folder)
    assert cat.participation("ALB", "IV-13").consent.kind is ratify.ConsentKind.ACCESSION
    assert str(cat.instrument("IV-13").as_of) == "2026-02-03"


def test_a_dry_run_writes_nothing_at_all(server: Server, settings: FetchSettings, data_copy: Path,
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = snapshot(data_copy)
    report = update(["IV-13"], data_copy, settings=settings, dry_run=True)
    assert report.imported is not None and report.imported.written and snapshot(data_copy) == before
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    update(["IV-3"], settings=settings, dry_run=True)  # into the user's folder: not even created
    assert not (tmp_path / "xdg").exists()


@needs_cerd
def test_without_data_the_user_folder_is_made_updated_and_read(
        server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("RATIFY_UNTC_URL", server.url)
    bundled_before = snapshot(bundled_data())
    assert ratify.load().origin.kind is DataOrigin.BUNDLED
    code, _, err = run(capsys, "update", "IV-2", "--pause", "0")
    assert code == 0, err
    user = tmp_path / "share" / "ratify"
    assert f"created your data folder {user}" in err
    cat = ratify.load()
    assert cat.origin.kind is DataOrigin.USER and cat.origin.path == user
    assert cat.instrument("IV-2").as_of is not None and cat.instrument("V-2")  # the snapshot, plus IV-2
    code, out, err = run(capsys, "brief", "KAZ", "--format", "html")
    assert code == 0 and err.splitlines()[0] == f"data: your data folder {user} (kept current by `ratify update`)"
    assert '<meta name="ratify-data" content="user">' in out
    assert "International Convention on the Elimination of All Forms of Racial Discrimination" in out
    code, _, err = run(capsys, "status", "KAZ", "--bundled")
    assert code == 0 and err == ""  # the bundled snapshot is the quiet default
    assert ratify.load(bundled=True).origin.kind is DataOrigin.BUNDLED
    assert snapshot(bundled_data()) == bundled_before and not (bundled_data() / "fetched").exists()
    monkeypatch.setenv("RATIFY_DATA", str(tmp_path / "elsewhere"))
    with pytest.raises(ratify.DataError):
        ratify.load()  # $RATIFY_DATA comes before the user's folder
    code, _, err = run(capsys, "update", "IV-2", "--dry-run", "--pause", "0")
    assert code == 0 and not (tmp_path / "elsewhere").exists()


def test_the_bundled_snapshot_is_never_written(settings: FetchSettings) -> None:
    with pytest.raises(ratify.OutputError, match="never written"):
        update(["IV-13"], bundled_data(), settings=settings)


def test_updating_twice_changes_no_fact_and_records_each_check(server: Server, settings: FetchSettings,
                                                               data_copy: Path) -> None:
    first = update(["ICRMW"], data_copy, settings=settings)  # any name of an instrument of the folder
    assert first.treaties == ("IV-13",) and first.imported is not None
    checked = ratify.load(data_copy).instrument("IV-13").checked
    time.sleep(1.1)  # the kept pages are named by the second they were fetched
    second = update(["iv-13"], data_copy, settings=settings)
    assert second.imported is not None and second.imported.differences == ()
    cat = ratify.load(data_copy)
    assert cat.instrument("IV-13").checked > checked and str(cat.instrument("IV-13").as_of) == "2026-02-03"
    assert len(list((data_copy / "fetched" / "IV-13").glob("*.html"))) == 2
    assert ratify.load_json(ratify.export_json(cat)) == cat  # the time checked survives the JSON export


def test_the_time_checked_is_validated(data_copy: Path) -> None:
    path = data_copy / "instruments" / "icrmw-1990.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n[instrument]\n", "\n[instrument]\nchecked = 2026-02-04T10:00:00\n", 1), "utf-8")
    problems = [str(p) for p in ratify.validate(data_copy)]
    assert any("instrument.checked" in p and "UTC offset" in p for p in problems), problems
    path.write_text(text.replace("\n[instrument]\n", "\n[instrument]\nchecked = 2020-01-01T10:00:00Z\n", 1), "utf-8")
    problems = [str(p) for p in ratify.validate(data_copy)]
    assert any("instrument.checked" in p and "before the table's own date" in p for p in problems), problems


def test_a_remote_plain_http_url_is_refused(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    code, out, err = run(capsys, "update", "--data", str(data_copy), "--url", "http://treaties.un.org")
    assert code == 1 and out == "" and "only for a server on this machine" in err


def test_a_name_that_is_no_treaty_is_refused_before_any_request(server: Server, settings: FetchSettings,
                                                               data_copy: Path) -> None:
    with pytest.raises(ratify.UnknownNameError, match="Refugee Convention of 1952"):
        update(["Refugee Convention of 1952"], data_copy, settings=settings)
    with pytest.raises(ratify.UntcFormatError, match="no MTDSG number"):
        update(["udhr-1948"], data_copy, settings=settings)
    assert server.requests == []


@pytest.fixture
def tls_server(server: Server, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The same pages over HTTPS with a self-signed certificate for 127.0.0.1 (made with openssl)."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    srv = Server()
    srv.pages = server.pages
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{srv.server_address[1]}", cert
    srv.shutdown()
    srv.server_close()


def test_a_certificate_that_is_not_trusted_is_refused(tls_server: tuple[str, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url, cert = tls_server
    settings = FetchSettings(base_url=url, pause=0, retries=0)
    with pytest.raises(FetchError, match="certificate was refused: self-signed certificate"):
        Fetcher(settings).get(status_path("IV-13"))
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusting it is a choice of roots, not a switch
    assert Fetcher(settings).get(status_path("IV-13")).body == CMW.read_bytes()
