"""The article's text, and what the document says about itself, from its original.

Runs once, when ``factcheck add-source`` imports a source; never at build time. The
text written then is what quotes are verified against, and a later upgrade of an
extractor must never change a verified text.

- HTML: trafilatura (Apache-2.0) finds the article among navigation, ads, captions,
  scripts and comments, and reads the title, byline, date and site name from the
  page's markup. Precision is favoured: page furniture in the text would be shown
  to readers as the article; ``recall=True`` keeps more when paragraphs go missing.
- PDF: pdfminer.six (MIT) lays the page out, so paragraphs come back separated by
  blank lines; line breaks inside a paragraph stay as printed (hyphenated words
  and ligatures are the matcher's business, not rewritten here). Title and author
  come from the document's information dictionary.
- Plain text: the file itself, decoded as UTF-8.

Both libraries are imported only here, so ``factcheck check`` stays light.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from importlib import metadata as dist
from urllib.parse import urlsplit

from generator.capture.fetch import CaptureError, Original
from generator.checker.files import decode_utf8
from generator.checker.schema import LANGUAGE_RE, URL_RE

_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_BLANK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Extracted:
    """The text quotes will be verified against, and the document's own metadata.

    Every metadata field is None unless the document states it. ``extractor`` names
    the library and version that made the text, for the record in claims.yaml.
    """

    text: str
    extractor: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None  # BCP 47, lowercase: <html lang>, a PDF's /Lang

    @property
    def paragraphs(self) -> int:
        return len(self.text.split("\n\n"))


def extract(original: Original, *, recall: bool = False) -> Extracted:
    """Dispatch on the original's kind; an unreadable document is a CaptureError.

    >>> extract(Original(b"One.\\r\\n\\r\\nTwo.", "text", "a.txt")).text
    'One.\\n\\nTwo.\\n'
    """
    if original.kind == "html":
        return from_html(original.data, original.final_url or original.url, recall)
    if original.kind == "pdf":
        return from_pdf(original.data)
    return from_text(original.data, original.name)


def _version(package: str) -> str:
    try:
        return f"{package} {dist.version(package)}"
    except dist.PackageNotFoundError:  # pragma: no cover - imported just before
        return package


def _missing(package: str, kind: str) -> CaptureError:
    return CaptureError(f"reading {kind} needs the {package} package, which is not "
                        "installed: pip install -e '.[capture]'")


def paragraphs_text(blocks: list[str]) -> str:
    """Join non-empty blocks as paragraphs (a blank line between), ending in a newline.

    >>> paragraphs_text(["  One ", "", "Two\\nlines"])
    'One\\n\\nTwo\\nlines\\n'
    """
    kept = [b.strip() for b in blocks if b.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""


def from_html(data: bytes, url: str | None = None, recall: bool = False) -> Extracted:
    """The article of a web page, and its title, byline, date and site name."""
    try:
        import trafilatura
    except ImportError as exc:
        raise _missing("trafilatura", "web pages") from exc
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, favor_precision=not recall, favor_recall=recall,
            include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # the library's own parse errors vary by version
        raise CaptureError(f"the page could not be parsed: {exc}") from exc
    text = paragraphs_text(doc.text.split("\n")) if doc is not None and doc.text else ""
    if not text:
        raise CaptureError("no article text was found in the page; try --recall, or "
                           "save the article's text as a .txt file and import that")
    return Extracted(
        text=text,
        extractor=_version("trafilatura"),
        title=_clean(doc.title),
        author=_clean(doc.author),
        published=_date(doc.date),
        publisher=_publisher(doc.sitename, doc.url or url),
        url=doc.url if doc.url and URL_RE.match(doc.url) else None,  # never javascript:
        language=_html_language(data),
    )


def language_tag(value) -> str | None:
    """A stated language as the schema takes it (lowercase BCP 47), or None.

    >>> language_tag("ru-RU"), language_tag(b"en"), language_tag("English"), language_tag("")
    ('ru-ru', 'en', None, None)
    """
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    tag = value.strip().replace("_", "-").lower()
    return tag if LANGUAGE_RE.match(tag) else None


def _html_language(data: bytes) -> str | None:
    """The ``lang`` the page declares on its root element."""
    try:
        import lxml.html

        root = lxml.html.document_fromstring(data)
    except Exception:  # an unparsable page has already been extracted or refused
        return None
    return language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _publisher(sitename: str | None, url: str | None) -> str | None:
    """The site name the page gives; not one made up from its address.

    >>> _publisher("example.org", "https://www.example.org/a"), _publisher("Gazette", None)
    (None, 'Gazette')
    """
    name = _clean(sitename)
    host = (urlsplit(url).hostname or "") if url else ""
    if name and host and name.lower() in host.lower():
        return None  # trafilatura falls back to the domain when the page names no site
    return name


def from_pdf(data: bytes) -> Extracted:
    """The text of a PDF in paragraphs, and the title and author it declares."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
    except ImportError as exc:
        raise _missing("pdfminer.six", "PDFs") from exc
    try:
        raw = extract_text(io.BytesIO(data), laparams=LAParams())
        info = _pdf_info(data)
    except Exception as exc:  # encrypted, damaged, or not a PDF after all
        name = type(exc).__name__
        raise CaptureError(f"the PDF could not be read ({name}: {exc}); if it is "
                           "password-protected, save an unprotected copy") from exc
    pages = raw.replace("\r\n", "\n").split("\f")
    blocks = []
    for page in pages:
        for block in _BLANK.split(page):
            lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
            blocks.append("\n".join(line for line in lines if line))
    text = paragraphs_text(blocks)
    if not text:
        raise CaptureError("the PDF has no text layer (a scan?); run it through OCR "
                           "first, or import a text version")
    return Extracted(text=text, extractor=_version("pdfminer.six"),
                     title=info.get("Title"), author=info.get("Author"),
                     language=language_tag(info.get("Lang")))


def _pdf_info(data: bytes) -> dict[str, str]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    out: dict[str, str] = {}
    lang = resolve1(document.catalog.get("Lang"))
    if isinstance(lang, (bytes, str)):
        out["Lang"] = decode_text(lang) if isinstance(lang, bytes) else lang
    for info in document.info:
        for key in ("Title", "Author"):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and _clean(value):
                out.setdefault(key, _clean(value))
    return out


def from_text(data: bytes, name: str) -> Extracted:
    """A plain-text file as it is: UTF-8, line endings made LF, nothing else changed."""
    decoded, bad = decode_utf8(data)
    if bad is not None:
        raise CaptureError(f"{name}: is not UTF-8 (byte 0x{bad.value:02x} at line "
                           f"{bad.line}, column {bad.column}); convert it first, e.g. "
                           "`iconv -f WINDOWS-1252 -t UTF-8`")
    text = decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaptureError(f"{name}: has no text")
    if not text.endswith("\n"):
        text += "\n"
    return Extracted(text=text, extractor="plain text")
