"""Bad input and failures never lose data and never escape as anything but a RatifyError."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from untc.untc_paths import FIXTURES

import ratify
from ratify.cli import main
from ratify.resources import bundled_data
from ratify.store.transaction import LOCK_NAME
from ratify.untc.importer import import_untc

SMALL = ("states.toml", "groups.toml", "instruments/statelessness-reduction-1961.toml",
         "instruments/stateless-persons-1954.toml")


def small_folder(root: Path) -> Path:
    """A data folder with two instruments: quick to load many times."""
    folder = root / "data"
    for rel in SMALL:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(bundled_data() / rel, folder / rel)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the folder but its lock file (made by the first writer, kept: it holds no data)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK_NAME}


# -- hand-edited data files ------------------------------------------------------------------------

leaf_values = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.text(max_size=12),
                        st.dates(), st.lists(st.integers(0, 3), max_size=2), st.just({"x": 1}))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        out = [prefix + (k,) for k in value]
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
        return out
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value[:3]):
            out += [prefix + (i,)] + _paths(v, prefix + (i,))
        return out
    return []


def _mutate(doc: dict[str, Any], path: tuple[Any, ...], value: Any, how: str) -> None:
    parent: Any = doc
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if how == "delete":
        del parent[key]
    elif how == "add" and isinstance(parent, dict):
        parent[f"unexpected_{key}"] = "x" if value is None else value
    elif value is not None:
        parent[key] = value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), how=st.sampled_from(["replace", "delete", "add"]), value=leaf_values,
       rel=st.sampled_from(SMALL))
def test_a_mutated_data_file_loads_or_raises_ratify_error(tmp_path_factory: pytest.TempPathFactory,
                                                         data: st.DataObject, how: str, value: Any, rel: str) -> None:
    folder = small_folder(tmp_path_factory.mktemp("mut"))
    doc = tomllib.loads((folder / rel).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(doc)))
    _mutate(doc, path, value, how)
    (folder / rel).write_text(tomli_w.dumps(doc), encoding="utf-8")
    try:
        cat = ratify.load(folder)
    except ratify.RatifyError as exc:
        assert isinstance(exc, ratify.DataError)
        assert all(p.file.endswith((".toml", "instruments")) or p.file == str(folder) for p in exc.problems)
    else:
        assert isinstance(cat, ratify.Catalog)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rel=st.sampled_from(SMALL), cut=st.floats(0, 1), junk=st.binary(max_size=40))
def test_damaged_bytes_load_or_raise_ratify_error(tmp_path_factory: pytest.TempPathFactory, rel: str, cut: float,
                                                 junk: bytes) -> None:
    folder = small_folder(tmp_path_factory.mktemp("bytes"))
    raw = (folder / rel).read_bytes()
    at = int(len(raw) * cut)
    (folder / rel).write_bytes(raw[:at] + junk + raw[at + len(junk):])
    try:
        ratify.load(folder)
    except ratify.RatifyError:
        pass


# -- imports and writes: all or nothing ------------------------------------------------------------


def test_a_failed_import_leaves_the_folder_exactly_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_folder(tmp_path)
    before = snapshot(folder)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file of the import: the first one is already in place
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    files = [FIXTURES / "V-5.en.xml", FIXTURES / "IV-5.en.xml"]
    with pytest.raises(ratify.OutputError, match="nothing was changed"):
        import_untc(files, folder, as_of=None)
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(folder) == before


def test_an_import_that_would_break_the_folder_writes_nothing(tmp_path: Path) -> None:
    folder = small_folder(tmp_path)  # no UNTOC file: the Trafficking Protocol's file is fine alone
    (folder / "instruments" / "statelessness-reduction-1961.toml").write_text(
        (folder / "instruments" / "statelessness-reduction-1961.toml").read_text(encoding="utf-8")
        + '\n[[participants]]\nstate = "KAX"\n', encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(ratify.DataError):
        import_untc([FIXTURES / "V-5.en.xml"], folder)
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", ["V-5.en.xml", "IV-5.en.xml", "XVIII-12-a.en.xml", "cmw.html"])
def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, name: str) -> None:
    folder = small_folder(tmp_path)
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{name} is not among the test fixtures")
    from ratify.untc import importer

    importer.import_untc([path], folder)
    after_first = snapshot(folder)
    report = importer.import_untc([path], folder)
    assert report.written == () and report.differences == ()
    assert snapshot(folder) == after_first


def test_the_bundled_data_is_never_written(capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(bundled_data())
    assert main(["init", str(bundled_data())]) == 1
    assert "already exists" in capsys.readouterr().err
    assert snapshot(bundled_data()) == before


# -- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["status", "Narnia"],
    ["status", "KAZ", "Treaty of Narnia"],
    ["status", "KAZ", "--data", "/nonexistent/folder"],
    ["import-untc", "/nonexistent/file.xml", "--data", "{tmp}"],
    ["init", "/proc/ratify-cannot-write-here"],
    ["validate", "/nonexistent/folder"],
])
def test_cli_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   argv: list[str]) -> None:
    folder = small_folder(tmp_path)
    argv = [a.replace("{tmp}", str(folder)) for a in argv]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) in (1, 2)  # the error, and at most a hint
    assert err.startswith("ratify: error:") or "valid" not in out


def test_unknown_instrument_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "KAZ", "ICCRP"]) == 1
    assert "did you mean 'ICCPR'" in capsys.readouterr().err
