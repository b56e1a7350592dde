"""ratify's own templates are compiled once per user and their code kept in the cache: the same documents as
compiled afresh, and never a way to run code another user wrote (only code under this user's MAC runs)."""

from __future__ import annotations

import hashlib
import hmac
import marshal
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from reports_support import DATE

import ratify
from ratify.errors import ReportError
from ratify.present.documents import compiled
from ratify.present.documents.render import environment
from ratify.present.i18n import catalog_path, language
from ratify.store import cache as cache_module


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache of the test's own, and jinja2 environments made afresh before and after (they hold the cache)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(folder))
    monkeypatch.delenv("RATIFY_CACHE", raising=False)
    monkeypatch.setattr(cache_module, "_warned", False)
    environment.cache_clear()
    yield folder
    environment.cache_clear()


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates jinja2 compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: object, name: str | None = None, *args: object,
                 **kwargs: object) -> object:
        names.append(str(name))
        return original(self, source, name, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _brief(cat: ratify.Catalog, lang: str = "en", fmt: str = "html", **options: object) -> str | bytes:
    environment.cache_clear()  # a new process, as far as jinja2 knows: its templates are loaded again
    return ratify.render_brief(cat, "KAZ", lang=lang, fmt=fmt, date=DATE, **options)  # type: ignore[arg-type]


def _blobs(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "instruments").glob("*.blob"))


@pytest.mark.parametrize(("lang", "fmt"), [("en", "html"), ("ru", "html"), ("en", "md")])
def test_warm_documents_are_the_cold_ones_and_nothing_is_compiled_again(
        cat: ratify.Catalog, cache_dir: Path, compiles: list[str], lang: str, fmt: str) -> None:
    cold = _brief(cat, lang, fmt)
    assert compiles and _blobs(cache_dir)  # compiled, and the code kept
    compiles.clear()
    warm = _brief(cat, lang, fmt)
    assert warm == cold
    assert compiles == []  # every template's code came from the cache


def test_the_code_depends_on_the_environment(cat: ratify.Catalog, cache_dir: Path, compiles: list[str]) -> None:
    """HTML (autoescaped) and Markdown (finalized) templates never share code, nor do other settings."""
    _brief(cat, fmt="html")
    compiles.clear()
    _brief(cat, fmt="md")
    assert compiles  # not taken from the HTML environment's entries
    html, md = environment("html", "en"), environment("md", "en")
    assert compiled.settings(html) != compiled.settings(md)


def test_the_code_depends_on_the_language(cat: ratify.Catalog, cache_dir: Path, compiles: list[str]) -> None:
    """jinja2 passes a constant through a filter while compiling, and the filters format in the document's language:
    an English template's code is never a Russian one's."""
    _brief(cat, "en")
    compiles.clear()
    _brief(cat, "ru")
    assert compiles
    assert compiled.folding("en") != compiled.folding("ru")


def _evil_code(marker: Path) -> bytes:
    return marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()\n", "<planted>", "exec"))


def _secret(cache_dir: Path) -> bytes:
    return (cache_dir / cache_module.KEY_FILE).read_bytes()[len(cache_module._KEY_MAGIC):]


@pytest.mark.parametrize("how", ["bare", "wrong-mac", "other-secret", "entry-domain"])
def test_a_planted_entry_is_never_run(cat: ratify.Catalog, cache_dir: Path, tmp_path: Path, how: str) -> None:
    """Entries with the right names (the keys are not secret) whose code would create a file when run: without a
    MAC, with a wrong one, one made with another secret, one made with the user's secret for another kind of
    entry (a pickle's MAC). None is run; each is removed and the template compiled again, rendering the same."""
    cold = _brief(cat)
    marker = tmp_path / "planted-code-ran"
    payload = _evil_code(marker)
    blobs = _blobs(cache_dir)
    for blob in blobs:
        key = blob.name.removesuffix(".blob")
        if how == "bare":
            data = payload
        elif how == "wrong-mac":
            data = cache_module._ENTRY_MAGIC + bytes(32) + payload
        else:
            secret = b"\x01" * 32 if how == "other-secret" else _secret(cache_dir)
            mac = hmac.new(secret, cache_module._DOMAIN + key.encode() + b"\0" + payload, hashlib.sha256).digest()
            data = cache_module._ENTRY_MAGIC + mac + payload
        blob.write_bytes(data)
    assert _brief(cat) == cold
    assert not marker.exists()
    for blob in blobs:  # the planted entry removed, this user's code written in its place
        assert payload not in blob.read_bytes()
    assert _brief(cat) == cold


def test_an_honest_entry_made_with_the_users_secret_is_what_runs(cat: ratify.Catalog, cache_dir: Path,
                                                                  tmp_path: Path) -> None:
    """The counterpart of the test above, so that it proves something: an entry under the user's MAC is used."""
    _brief(cat)
    marker = tmp_path / "code-ran"
    store = cache_module.default_cache()
    assert store is not None
    code_cache = compiled.TemplateCodeCache(store, compiled.folding("en"))
    env = environment("html", "en")
    source, filename, _ = env.loader.get_source(env, "report/brief.html.j2")  # type: ignore[union-attr]
    bucket = code_cache.get_bucket(env, "report/brief.html.j2", filename, source)
    assert bucket.code is not None  # the cold render kept it
    bucket.code = marshal.loads(_evil_code(marker))
    code_cache.set_bucket(bucket)
    with pytest.raises(ReportError):  # the planted code has no `root`: the template fails
        _brief(cat)
    assert marker.exists()


def test_turned_off_means_nothing_written(cat: ratify.Catalog, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                         compiles: list[str]) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    first = _brief(cat)
    compiles.clear()
    assert _brief(cat) == first
    assert compiles  # compiled afresh each time
    assert not cache_dir.exists()


def test_the_home_folder_stays_untouched(cat: ratify.Catalog, cache_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for var in ("HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home))
    _brief(cat)
    _brief(cat, "ru", "md")
    assert list(home.iterdir()) == []
    assert _blobs(cache_dir)


def test_user_templates_are_never_cached(cat: ratify.Catalog, cache_dir: Path, tmp_path: Path,
                                         compiles: list[str]) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("# {{ brief.title }}\n", encoding="utf-8")
    first = _brief(cat, fmt="md", templates=folder)
    compiles.clear()
    assert _brief(cat, fmt="md", templates=folder) == first
    assert "brief.md.j2" in compiles  # compiled again: its code was not kept
    assert _blobs(cache_dir) == []


@pytest.fixture
def po_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every `.po` catalogue parsed."""
    from babel.messages import pofile

    reads: list[object] = []
    original = pofile.read_po

    def counting(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pofile, "read_po", counting)
    return reads


def _catalogue_copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ratify.po").write_bytes(catalog_path("ru").read_bytes())
    return tmp_path / name


def test_a_catalogue_is_compiled_once_and_a_planted_one_never_read(cache_dir: Path, tmp_path: Path,
                                                                   po_reads: list[object]) -> None:
    from babel.messages.pofile import read_po

    with catalog_path("ru").open("rb") as fh:
        messages = [m.id for m in read_po(fh) if m.id and isinstance(m.id, str)]
    po_reads.clear()
    cold = language("ru", _catalogue_copy(tmp_path, "a"))
    assert len(po_reads) == 1 and _blobs(cache_dir)
    warm = language("ru", _catalogue_copy(tmp_path, "b"))  # the same bytes elsewhere: not parsed again
    assert len(po_reads) == 1
    assert [warm.gettext(m) for m in messages] == [cold.gettext(m) for m in messages]
    assert cold.gettext("Country brief: %(state)s") != "Country brief: %(state)s"  # translated, so it proves something
    for blob in _blobs(cache_dir):  # another catalogue, under a MAC made with another secret
        payload = blob.read_bytes()[len(cache_module._ENTRY_MAGIC) + 32:].replace("Страновая".encode(), "Поддельная".encode())
        mac = hmac.new(b"\x01" * 32, cache_module._DOMAIN + blob.stem.encode() + b"\0" + payload, hashlib.sha256)
        blob.write_bytes(cache_module._ENTRY_MAGIC + mac.digest() + payload)
    again = language("ru", _catalogue_copy(tmp_path, "c"))
    assert len(po_reads) == 2  # parsed again: the planted entry was not read
    assert [again.gettext(m) for m in messages] == [cold.gettext(m) for m in messages]


def test_catalogues_turned_off_means_nothing_written(cache_dir: Path, tmp_path: Path, po_reads: list[object],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATIFY_CACHE", "0")
    language("ru", _catalogue_copy(tmp_path, "a"))
    language("ru", _catalogue_copy(tmp_path, "b"))
    assert len(po_reads) == 2
    assert not cache_dir.exists()
