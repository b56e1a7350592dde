"""PDF: a document's own HTML laid out for print by WeasyPrint, offline, with its fonts embedded.

The PDF is made from exactly the HTML `render_context` writes (same template, same print rules in
`templates/report/_style.css`), so HTML and PDF never tell different things. Rendering never goes
to the network: the URL fetcher refuses every address except the `data:` URLs a document may embed.
WeasyPrint is an optional extra (`pip install 'ratify-treaties[pdf]'`) and needs Pango, a system
library; either one missing raises MissingExtraError with one line that says what to install.
"""

from __future__ import annotations

from typing import Any

from ratify.extras import MissingExtraError

__all__ = ["DEBIAN_PACKAGES", "html_to_pdf", "load_weasyprint"]

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
"""The system packages WeasyPrint needs on Debian/Ubuntu (Pango; DejaVu for Cyrillic and Latin)."""


def load_weasyprint() -> Any:
    """The weasyprint module, or MissingExtraError naming the extra or the system packages to install."""
    try:
        import weasyprint as wp
        import weasyprint.urls
    except ImportError as exc:
        raise MissingExtraError("PDF needs weasyprint, which is not installed: "
                                "pip install 'ratify-treaties[pdf]'") from exc
    except OSError as exc:  # the Python package is there, Pango (a system library) is not
        raise MissingExtraError(f"PDF needs the Pango library, which is missing ({_first_line(exc)}): on "
                                f"Debian/Ubuntu apt-get install {DEBIAN_PACKAGES}") from exc
    return wp


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]


def _offline_fetcher(wp: Any) -> Any:
    """A URL fetcher that allows only `data:` URLs: a document's PDF never reaches the network or the disk."""
    urls = wp.urls
    if hasattr(urls, "URLFetcher"):  # WeasyPrint 67 and later: a fetcher is an object
        return urls.URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # WeasyPrint 60–66: a function
        if not url.startswith("data:"):
            raise ValueError(f"ratify renders PDF offline; refused to fetch {url[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


# WeasyPrint (up to 70 at least) drops a row's `break-after: avoid` inside a row group that has
# `break-inside: avoid`, so a theme row ended up alone at the foot of a page: for the PDF the rows alone
# keep together (a user stylesheet: it needs !important; the browser's print keeps the document's rule)
_WEASYPRINT_CSS = "tbody.instrument { break-inside: auto !important; page-break-inside: auto !important; }"


def html_to_pdf(html: str, *, title: str | None = None, lang: str | None = None) -> bytes:
    """The PDF of a document's HTML: A4, fonts embedded (subset), links kept, nothing fetched."""
    import logging

    wp = load_weasyprint()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # a refused fetch is expected, not news
    fetcher = _offline_fetcher(wp)
    extra = wp.CSS(string=_WEASYPRINT_CSS, url_fetcher=fetcher)
    document = wp.HTML(string=html, url_fetcher=fetcher, base_url="about:blank").render(stylesheets=[extra])
    if title:
        document.metadata.title = title
    if lang:
        document.metadata.lang = lang
    document.metadata.generator = "ratify"
    document.metadata.authors = []
    pdf: bytes = document.write_pdf()
    return pdf
