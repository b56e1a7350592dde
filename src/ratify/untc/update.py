"""`ratify update`: fetch the depositary's current status pages and import them, all or nothing.

For each treaty — those named, or every instrument of the folder with an MTDSG number — the status
page is fetched (:mod:`ratify.untc.fetch`), read with the same readers as a saved page, and
imported exactly as ``ratify import-untc`` imports a file (:func:`ratify.untc.importer.import_status`):
the changes listed, curated fields kept, a page older than the folder's table skipped, every file
written or none. Every page is fetched and read before anything is written, so a failure changes
nothing (with ``keep_going``, the treaties whose pages were read are imported and the failures listed).

Provenance: each page imported is kept as it came, with what is known of its fetching::

    DIR/fetched/<MTDSG>/<YYYYMMDDTHHMMSSZ>.html   the bytes of the page (decoded from gzip if sent so)
    DIR/fetched/<MTDSG>/<YYYYMMDDTHHMMSSZ>.toml   URL asked for, URL answered from, redirects, status,
                                                  time, SHA-256 and size of the bytes, response headers

The instrument's ``as_of`` is the page's own "status as at" stamp; ``checked`` is the time the page
was fetched; its source record names the kept page (``file``) and the day it was fetched (``retrieved``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable

import attrs

from ratify.errors import FetchError, UnknownNameError, UnreachableError, UntcFormatError, UpdateError
from ratify.model.enums import UpdateStepKind
from ratify.query.catalog import Catalog
from ratify.resources import bundled_data
from ratify.store.location import DataOrigin, Origin, ensure_user_folder, update_folder
from ratify.untc.document import StatusDocument
from ratify.untc.fetch import Fetched, Fetcher, FetchSettings, status_path, user_agent
from ratify.untc.importer import ImportReport, StatusInput, import_status

__all__ = ["FETCHED_DIR", "Failure", "UpdateReport", "UpdateStep", "UpdateStepKind", "fetched_files", "update"]

FETCHED_DIR = "fetched"
_MTDSG = re.compile(r"(?i)^([IVXL]+)((?:-[0-9A-Za-z]+)+)$")



@attrs.frozen
class UpdateStep:
    """What is happening to one treaty's page, as facts (given to `update`'s `progress`)."""

    kind: UpdateStepKind
    url: str  # the page asked for
    participants: int | None = None  # READ: the rows of its table
    as_of: dt.date | None = None  # READ: its "status as at" stamp, if it has one
    reason: str | None = None  # FAILED: why

    def __str__(self) -> str:
        """The step in English words, "read: 182 participants, status as at 2026-02-03" (a door into
        `ratify.present.imports`)."""
        from ratify.present.i18n import language
        from ratify.present.imports import step_text

        return step_text(self, language("en"))


Progress = Callable[[str, UpdateStep], None]  # (MTDSG number, what is happening)


@attrs.frozen
class Failure:
    """A treaty left as it was, and why (with ``keep_going``)."""

    mtdsg: str
    url: str
    reason: str
    network: bool


@attrs.frozen
class UpdateReport:
    """What `update` did (or, with dry_run, would do)."""

    origin: Origin  # the folder updated, and why that one
    treaties: tuple[str, ...]  # the MTDSG numbers asked for
    imported: ImportReport | None  # None when no page could be read
    failures: tuple[Failure, ...] = ()
    created_folder: bool = False  # the user's data folder was created from the bundled snapshot
    dry_run: bool = False


def normalize_mtdsg(text: str) -> str | None:
    """``iv-2`` → ``IV-2``; ``xviii-12-a`` → ``XVIII-12-a``; None if `text` is not an MTDSG number."""
    m = _MTDSG.match(text.strip())
    if m is None:
        return None
    return m.group(1).upper() + m.group(2)


def _targets(names: Iterable[str], catalog: Catalog | None) -> list[str]:
    """The MTDSG numbers to update: those named (by number or any name the folder knows), or all of the folder."""
    instruments = catalog.instruments if catalog is not None else ()
    wanted = list(names)
    if not wanted:
        return [i.mtdsg for i in instruments if i.mtdsg]
    out: list[str] = []
    for name in wanted:
        number = normalize_mtdsg(name)
        if number is None:
            try:
                if catalog is None:
                    raise UnknownNameError("instrument", name)
                inst = catalog.instrument(name)
            except UnknownNameError:
                raise UnknownNameError("treaty (an MTDSG number like IV-2, or an instrument of the folder)",
                                       name, ()) from None
            if not inst.mtdsg:
                raise UntcFormatError(name, "has no MTDSG number: the depositary has no status page for it")
            number = inst.mtdsg
        else:
            known = {i.mtdsg.upper(): i.mtdsg for i in instruments if i.mtdsg}
            number = known.get(number.upper(), number)
        if number not in out:
            out.append(number)
    return out


def _as_of_text(catalog: Catalog | None, mtdsgs: Iterable[str]) -> str | None:
    """The dates of the folder's tables of these treaties: ``2026-02-03`` or ``2013-05-02 to 2026-02-03``."""
    wanted = set(mtdsgs)
    dates = sorted({i.as_of for i in (catalog.instruments if catalog else ()) if i.mtdsg in wanted and i.as_of})
    if not dates:
        return None
    return str(dates[0]) if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"


def fetched_files(mtdsg: str, page: Fetched) -> tuple[str, dict[str, bytes]]:
    """The kept page's path (relative to the data folder) and the files that keep it: bytes and metadata."""
    from ratify.store.tomltext import dumps

    stamp = page.fetched_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = f"{FETCHED_DIR}/{mtdsg}/{stamp}"
    meta = {
        "url": page.url,
        "final_url": page.final_url,
        "redirects": list(page.redirects),
        "status": page.status,
        "fetched_at": page.fetched_at,
        "attempts": page.attempts,
        "user_agent": user_agent(),
        "sha256": hashlib.sha256(page.body).hexdigest(),
        "size": len(page.body),
        "body": f"{stamp}.html"
        + (" (as sent, decoded from gzip)" if any(k.lower() == "content-encoding" for k, _ in page.headers)
           else " (as sent)"),
        "headers": [[k, v] for k, v in page.headers if k.lower() != "set-cookie"],  # no session kept
    }
    head = f"# The status page of {mtdsg} as fetched from the depositary; the bytes are in {stamp}.html\n\n"
    return f"{stem}.html", {f"{stem}.html": page.body, f"{stem}.toml": (head + dumps(meta)).encode("utf-8")}


def update(names: Iterable[str] = (), data: str | os.PathLike[str] | None = None, *, dry_run: bool = False,
           keep_going: bool = False, settings: FetchSettings | None = None,
           progress: Progress | None = None) -> UpdateReport:
    """Fetch the current status pages of the treaties `names` (default: every one of the folder) and import them.

    `data`: the folder to update (default: ``$RATIFY_DATA``, else the user's data folder, created
    from the bundled snapshot on first use; never the bundled snapshot). Raises
    :class:`UnreachableError` if the server cannot be reached, :class:`UpdateError` for a page that
    cannot be fetched or read (unless `keep_going`); nothing is written then. `progress(mtdsg, step)`
    is told each step of each treaty (an `UpdateStep`: facts; `str(step)` is it in English words).
    """
    from ratify.query.load import catalog_of
    from ratify.store.read import read_folder

    origin = update_folder(data)
    folder = origin.path
    exists = folder.is_dir() and any(folder.iterdir())
    starts_bundled = not exists and origin.kind is not DataOrigin.ARGUMENT
    reading = folder if exists else (bundled_data() if starts_bundled else None)
    catalog = catalog_of(read_folder(reading)) if reading is not None else None  # refuses an invalid folder
    treaties = _targets(names, catalog)
    if not treaties:
        raise UntcFormatError(str(folder), "no instrument of this folder has an MTDSG number: name the treaties "
                              "to add (like `ratify update IV-2`)")
    fetcher = Fetcher(settings)
    say = progress or (lambda _m, _s: None)
    inputs: list[StatusInput] = []
    failures: list[Failure] = []
    for mtdsg in treaties:
        url = fetcher.url_of(status_path(mtdsg))
        say(mtdsg, UpdateStep(UpdateStepKind.FETCHING, url))
        try:
            page = fetcher.get(status_path(mtdsg))
            doc = _read(mtdsg, page)
        except UnreachableError as exc:
            raise UnreachableError(exc.url, exc.host, exc.reason,
                                   data_as_of=_as_of_text(catalog, treaties)) from None
        except (FetchError, UntcFormatError) as exc:
            network = isinstance(exc, FetchError)
            failure = Failure(mtdsg, url, exc.reason, network)
            if not keep_going:
                raise UpdateError(mtdsg, url, exc.reason, network=network) from None
            failures.append(failure)
            say(mtdsg, UpdateStep(UpdateStepKind.FAILED, url, reason=exc.reason))
            continue
        file, keep = fetched_files(mtdsg, page)
        say(mtdsg, UpdateStep(UpdateStepKind.READ, url, participants=len(doc.rows), as_of=doc.as_of))
        inputs.append(StatusInput(doc, page.final_url, file=file, retrieved=page.fetched_at.date(),
                                  checked=page.fetched_at, keep=keep))
    if not inputs:
        return UpdateReport(origin, tuple(treaties), None, tuple(failures), dry_run=dry_run)
    created = False
    if dry_run:
        report = import_status(inputs, reading if reading is not None else folder, dry_run=True)
    else:
        if starts_bundled:
            created = ensure_user_folder(folder)
        try:
            report = import_status(inputs, folder)
        except BaseException:
            if created:
                shutil.rmtree(folder, ignore_errors=True)  # the folder made for this update goes with it
            raise
    return UpdateReport(origin, tuple(treaties), report, tuple(failures), created_folder=created, dry_run=dry_run)


def _read(mtdsg: str, page: Fetched) -> StatusDocument:
    """The page read as a status document; UntcFormatError unless it is `mtdsg`'s, with its participants."""
    from ratify.untc.read import read_status

    doc = read_status(page.final_url, page.body)
    if doc.format != "html":
        raise UntcFormatError(page.final_url, f"not the HTML status page (read as {doc.format})")
    if (doc.header.mtdsg or "").upper() != mtdsg.upper():
        raise UntcFormatError(page.final_url, f"the page is the status of {doc.header.mtdsg or 'no treaty'}, "
                              f"not of {mtdsg}")
    if not doc.columns or not doc.rows:
        raise UntcFormatError(page.final_url, "the participants table is empty")
    return doc
