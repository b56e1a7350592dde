"""Fetching the depositary's status pages over HTTP(S), politely and defensively.

Why the standard library (``urllib.request`` over ``http.client``) and not an HTTP client package:
ratify fetches a dozen pages now and then, one at a time, so it needs no connection pool, async
or HTTP/2; the standard library already verifies certificates (``ssl.create_default_context``),
reads proxies from ``http_proxy``/``https_proxy``/``no_proxy``, and lets every other requirement
below be written in a few lines — without a dependency for every user of a library that is
offline by default. What this module adds on top:

- HTTPS with certificate verification and host-name checking, with no switch to turn them off
  (``SSL_CERT_FILE``/``SSL_CERT_DIR`` choose the trusted roots, as for any OpenSSL program).
  Plain ``http://`` is accepted only for a base URL on the loopback interface (a local mirror or
  a test server), never for a remote host.
- a connect timeout and a separate read timeout (for each read from the socket);
- retries with exponential backoff on connection errors, timeouts, truncated bodies, 429 and 5xx,
  honouring ``Retry-After`` (seconds or an HTTP date) up to a bound — a server that asks for a
  longer wait is not hammered: the fetch fails and says when to come back;
- redirects followed by hand, only to the same scheme, host and port as the base URL (Chapter V
  pages are served through one); any other target is refused before it is contacted;
- a cap on the response size, checked against ``Content-Length`` and while reading, and again
  after gzip decompression (so a small compressed bomb cannot fill memory);
- ``Accept-Encoding: gzip``; a body shorter than its ``Content-Length`` is an error;
- a pause between requests (one second by default) and a User-Agent naming ratify and its version.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import http.client
import ipaddress
import os
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from typing import Any

import attrs

from ratify.errors import FetchError, UnreachableError
from ratify.untc.header import roman_value

__all__ = [
    "DEFAULT_URL",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "base_url_from_env",
    "status_path",
    "user_agent",
]

DEFAULT_URL = "https://treaties.un.org"
URL_VARIABLE = "RATIFY_UNTC_URL"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


def status_path(mtdsg: str) -> str:
    """The path and query of the depositary's status page of `mtdsg`, exactly as the site links it.

    ``IV-2`` → ``/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-2&chapter=4&clang=_en``: the chapter
    is the value of the MTDSG number's Roman numeral.
    """
    chapter = roman_value(mtdsg.split("-")[0])
    return f"/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}&chapter={chapter}&clang=_en"


def user_agent() -> str:
    """``ratify/<version> (…)``: who is asking, honestly."""
    from ratify import __version__

    return f"ratify/{__version__} (ratify-treaties; treaty status update; Python-urllib)"


def base_url_from_env() -> str:
    """``$RATIFY_UNTC_URL`` if set, else the depositary's own site."""
    return os.environ.get(URL_VARIABLE, "").strip() or DEFAULT_URL


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """`url` without a trailing slash, if it is an https URL (or http on the loopback); else FetchError."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise FetchError(url, "the depositary's base URL must be https://HOST (like https://treaties.un.org)")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise FetchError(url, "plain http:// is accepted only for a server on this machine (127.0.0.1, ::1, "
                         "localhost); use https:// for any other host")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise FetchError(url, "the base URL must be a scheme, a host and optionally a port and path, nothing else")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


@attrs.frozen
class FetchSettings:
    """How to talk to the depositary; every number is in seconds or bytes."""

    base_url: str = attrs.field(factory=base_url_from_env, converter=check_base_url)
    connect_timeout: float = 15.0
    read_timeout: float = 60.0
    retries: int = 3  # further attempts after the first
    backoff: float = 1.0  # the first wait before a retry; doubled for each further one (1, 2, 4 s)
    max_backoff: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After ends the fetch instead of waiting
    max_bytes: int = 16 * 1024 * 1024  # the largest real status page (ICCPR) is about 3 MB
    pause: float = 1.0  # at least this long between two requests to the server
    max_redirects: int = 5

    @property
    def host(self) -> str:
        """The host (and port, if given) the base URL names: what error messages call the server."""
        return urllib.parse.urlsplit(self.base_url).netloc


@attrs.frozen
class Fetched:
    """A page as the server sent it: the body (decoded from gzip if it came compressed), and its provenance."""

    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects
    status: int
    headers: tuple[tuple[str, str], ...]  # the final response's headers, in order
    body: bytes
    fetched_at: dt.datetime  # UTC, when the response was complete
    redirects: tuple[str, ...] = ()  # each URL redirected to, in order
    attempts: int = 1


class _Retry(Exception):
    """A failure worth another attempt (after `wait` seconds, if the server said so)."""

    def __init__(self, reason: str, *, wait: float | None = None, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
        self.unreachable = unreachable


# -- urllib plumbing: a read timeout of its own, no automatic redirects ---------------------------


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()  # within the connect timeout
        assert self.sock is not None
        self.sock.settimeout(self._read_timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()  # TCP, proxy tunnel and TLS handshake within the connect timeout
        assert self.sock is not None
        self.sock.settimeout(self._read_timeout)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self._read_timeout = read_timeout

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPConnection, read_timeout=self._read_timeout), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext, read_timeout: float) -> None:
        super().__init__(context=context)
        self._context = context
        self._read_timeout = read_timeout

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPSConnection, read_timeout=self._read_timeout), req,
                            context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are returned as responses: the fetcher decides where it may go."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(settings: FetchSettings) -> urllib.request.OpenerDirector:
    """An opener for http and https only (no file:, ftp: or data:), proxies from the environment.

    Cookies the server sets (an ASP.NET session, say) are kept in memory for this opener only.
    """
    opener = urllib.request.OpenerDirector()
    context = ssl.create_default_context()  # CERT_REQUIRED and host-name checking
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPCookieProcessor(),
                    _HTTPHandler(settings.read_timeout),
                    _HTTPSHandler(context, settings.read_timeout), urllib.request.HTTPDefaultErrorHandler(),
                    _NoRedirect(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


# -- the fetcher -----------------------------------------------------------------------------------


class Fetcher:
    """Fetches paths of one server, one request at a time, with a pause between requests."""

    def __init__(self, settings: FetchSettings | None = None, *, sleep: Callable[[float], None] | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep or (lambda seconds: time.sleep(seconds))
        self._clock = clock or (lambda: time.monotonic())
        self._last: float | None = None
        self._opener = _opener(self.settings)
        self._origin = self._origin_of(self.settings.base_url)

    @staticmethod
    def _origin_of(url: str) -> tuple[str, str, int]:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return parts.scheme, (parts.hostname or "").lower(), port

    def url_of(self, path: str) -> str:
        return self.settings.base_url + path

    def get(self, path: str) -> Fetched:
        """GET `path` (with its query) from the base URL; FetchError (or UnreachableError) if it cannot."""
        url = self.url_of(path)
        s = self.settings
        attempt = 0
        while True:
            attempt += 1
            try:
                fetched = self._follow(url)
                return attrs.evolve(fetched, attempts=attempt)
            except _Retry as exc:
                if attempt > s.retries:
                    if exc.unreachable:
                        raise UnreachableError(url, s.host, exc.reason) from None
                    raise FetchError(url, f"{exc.reason} (after {attempt} attempts)") from None
                wait = min(s.backoff * 2 ** (attempt - 1), s.max_backoff)
                if exc.wait is not None:
                    if exc.wait > s.max_retry_after:
                        raise FetchError(url, f"{exc.reason}; the server asks to wait {exc.wait:.0f} s "
                                         f"(more than {s.max_retry_after:.0f} s): try again later") from None
                    wait = max(wait, exc.wait)
                self._sleep(wait)

    def _follow(self, url: str) -> Fetched:
        """One attempt: the request and the redirects it leads to (each within the base URL's server)."""
        redirects: list[str] = []
        current = url
        while True:
            response = self._request(current)
            status = response.status
            if status in _REDIRECTS:
                location = response.headers.get("Location")
                response.close()
                if not location:
                    raise FetchError(current, f"HTTP {status} redirect without a Location")
                target = urllib.parse.urljoin(current, location)
                if self._origin_of(target) != self._origin or urllib.parse.urlsplit(target).scheme not in (
                        "http", "https"):
                    raise FetchError(url, f"redirected to {target}, outside {self.settings.base_url}: refused")
                if len(redirects) >= self.settings.max_redirects:
                    raise FetchError(url, f"more than {self.settings.max_redirects} redirects")
                redirects.append(target)
                current = target
                continue
            try:
                if status == 429 or 500 <= status <= 599:
                    raise _Retry(f"HTTP {status} {response.reason}", wait=_retry_after(response.headers))
                if status != 200:
                    raise FetchError(current, f"HTTP {status} {response.reason}")
                body = self._body(response, current)
            finally:
                response.close()
            return Fetched(url=url, final_url=current, status=status, headers=tuple(response.headers.items()),
                           body=body, fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
                           redirects=tuple(redirects))

    def _request(self, url: str) -> Any:
        """The response to a GET of `url` (any status), after the polite pause."""
        if self._last is not None:
            left = self.settings.pause - (self._clock() - self._last)
            if left > 0:
                self._sleep(left)
        self._last = self._clock()
        request = urllib.request.Request(url, headers={
            "User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip", "Accept-Language": "en"})
        try:
            return self._opener.open(request, timeout=self.settings.connect_timeout)
        except urllib.error.HTTPError as exc:
            return exc  # a status the fetcher handles itself: the error is the response
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise FetchError(url, f"the server's certificate was refused: {reason.verify_message}") from None
            if isinstance(reason, ssl.SSLError):
                raise FetchError(url, f"TLS failed: {reason}") from None
            raise _Retry(_words(reason), unreachable=True) from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.settings.read_timeout:g} s") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Retry(f"the connection failed ({type(exc).__name__}: {exc})") from None
        except OSError as exc:
            raise _Retry(_words(exc), unreachable=True) from None
        finally:
            self._last = self._clock()

    def _body(self, response: Any, url: str) -> bytes:
        """The whole body, within the size cap, un-gzipped; _Retry if it arrives cut short."""
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        length = int(declared) if declared and declared.strip().isdigit() else None
        if length is not None and length > cap:
            raise FetchError(url, f"the response is {length:,} bytes, over the limit of {cap:,}")
        encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip"):
            raise FetchError(url, f"the response is encoded as {encoding!r}, which was not asked for")
        chunks: list[bytes] = []
        received = 0
        try:
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                received += len(chunk)
                if received > cap:
                    raise FetchError(url, f"the response is over the limit of {cap:,} bytes")
                chunks.append(chunk)
        except TimeoutError:
            raise _Retry(f"no data for {self.settings.read_timeout:g} s while reading the page") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Retry(f"the page arrived incomplete ({type(exc).__name__})") from None
        if length is not None and received < length:
            raise _Retry(f"the page arrived incomplete ({received:,} of {length:,} bytes)")
        raw = b"".join(chunks)
        return _gunzip(raw, cap, url) if encoding != "identity" else raw


def _gunzip(raw: bytes, cap: int, url: str) -> bytes:
    """Decompress a gzip body, refusing more than `cap` bytes of output and a stream cut short."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, cap + 1)
    except zlib.error as exc:
        raise FetchError(url, f"the gzip body cannot be decompressed ({exc})") from None
    if len(out) > cap or inflater.unconsumed_tail:
        raise FetchError(url, f"the decompressed response is over the limit of {cap:,} bytes")
    if not inflater.eof:
        raise _Retry("the gzip body arrived incomplete")
    return out


def _retry_after(headers: Any) -> float | None:
    """The seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _words(exc: object) -> str:
    """A connection failure in a few words: ``Connection refused``, ``timed out``, …"""
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    if isinstance(exc, TimeoutError):
        return "timed out"
    return str(exc) or type(exc).__name__
