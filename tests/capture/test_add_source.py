"""``factcheck add-source`` as an editor uses it: saved pages, PDFs, URLs, re-imports.

Every import is followed by what the editor does next: quoting the new text and
running the real checker. Page furniture (navigation, ads, captions, scripts,
comments, footers) must not be in the text, so a quote of it must fail.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from generator.capture.extract import from_html
from generator.checker.check import check_file
from generator.checker.load import load_project
from generator.checker.normalize import fold, paragraphs
from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

GAZETTE_ARTICLE = [
    "The company that runs the Millbrook dam said on Thursday that none of its sluice "
    "gates failed during last week’s storm",
    "“All twelve gates operated as designed, and the water released stayed within the "
    "licence,” said Hannah Lee",
    "the company had released 48.2 million litres on Tuesday night",
    "“The water came over the bank at nine o’clock, an hour after the sirens,” said Tom Reid",
    "The Environment Agency said it would publish its own measurements of the river level",
]
GAZETTE_FURNITURE = [
    "Subscribe for £1 a week", "ADVERTISEMENT", "Drive the new Roadster",
    "Holidays in the sun", "Photo: Gazette/Jo Doe", "The Millbrook dam on Friday morning",
    "tracking pixel", "dataLayer", "scroll-depth", "Read more",
    "Council approves new flood wall", "Share on social media", "riverwatcher",
    "totally agree", "All rights reserved", "Privacy policy", "We use cookies",
]


def run(project: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["add-source", *args, "--claims", str(project / "claims.yaml")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def source(project: Path, source_id: str):
    loaded, findings = load_project(str(project / "claims.yaml"))
    assert loaded is not None, findings
    return loaded.source(source_id)


def only_inserted(before: str, after: str) -> list[str]:
    """The lines added to a file; fails if any line was changed or removed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                      autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, old[i1:i2], new[j1:j2])
        added += new[j1:j2]
    return added


def cite(project: Path, source_id: str, quotes: list[str]) -> list:
    """Append a claim quoting ``quotes`` from a source, check it; return the findings."""
    claims = project / "claims.yaml"
    claim_id = f"cites-{source_id}-{claims.read_text(encoding='utf-8').count('- id: cites-')}"
    lines = [f"  - id: {claim_id}",
             "    claim: Something the source says.",
             "    verdict: accurate",
             "    summary: The source says it.",
             "    citations:"]
    for quote in quotes:
        lines += [f"      - source: {source_id}",
                  "        quote: " + '"' + quote.replace('"', '\\"') + '"',
                  "        stance: supports"]
    with open(project / "claims.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    result = check_file(str(project / "claims.yaml"))
    assert not [f for f in result.errors if f.claim is None], result.errors
    return [f for f in result.findings if f.claim == claim_id]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- saved web pages -------------------------------------------------------------


def test_saved_page_keeps_the_article_and_drops_the_page_around_it(project, capsys):
    code, out, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"))
    assert code == 0, err
    assert "registered source `dam-operator-denies-sluice-failure`" in out
    text = (project / "content/sources/dam-operator-denies-sluice-failure.txt").read_text()
    for passage in GAZETTE_ARTICLE:
        assert passage in text
    for furniture in GAZETTE_FURNITURE:
        assert furniture not in text, furniture
    assert text.split("\n\n")[0] == "Dam operator denies sluice failure"  # the headline


def test_quotes_of_the_article_verify_and_quotes_of_furniture_do_not(project, capsys):
    run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette-dam")
    assert cite(project, "gazette-dam", GAZETTE_ARTICLE) == []
    findings = cite(project, "gazette-dam",
                    ["Holidays in the sun from £99, book before Sunday"])
    assert [f.code for f in findings] == ["quote-not-found"]


def test_saved_page_is_registered_with_its_metadata_and_comments_kept(project, capsys):
    before = (project / "claims.yaml").read_text()
    run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette-dam",
        "--retrieved", "2024-03-14")
    after = (project / "claims.yaml").read_text()
    added = "".join(only_inserted(before, after))
    assert "# Imported by `factcheck add-source`" in added
    assert "trafilatura" in added  # which extractor made the text, for the record

    got = source(project, "gazette-dam")
    assert got.title == "Dam operator denies sluice failure"
    assert got.publisher == "The Riverside Gazette"
    assert got.author == "Maria Okafor"
    assert got.published == date(2024, 3, 14)
    assert got.url == "https://gazette.example.com/news/2024/03/14/dam-sluice"  # canonical
    assert got.retrieved == date(2024, 3, 14)
    assert got.language == "en"  # <html lang="en">
    assert got.file == "content/sources/gazette-dam.txt"
    assert got.original == "content/sources/archive/gazette-dam.html.txt"
    assert got.sha256 == sha(project / got.file)
    assert got.original_sha256 == sha(FIXTURES / "gazette-dam.html")
    assert (project / got.original).read_bytes() == (FIXTURES / "gazette-dam.html").read_bytes()
    assert check_file(str(project / "claims.yaml")).errors == []


def test_a_saved_file_has_no_retrieval_date_unless_the_editor_gives_one(project, capsys):
    run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette-dam")
    assert source(project, "gazette-dam").retrieved is None


# -- PDFs --------------------------------------------------------------------------


# statement.html as Chromium prints it: the paragraphs of the fixture page, in order
STATEMENT = [
    "Millbrook Water Ltd states that all twelve sluice gates of the Millbrook dam operated "
    "as designed during the storm of 5 March 2024. The volume released on the night of "
    "Tuesday 5 March was 48.2 million litres, within the limit of our abstraction licence, "
    "which is 60 million litres a day.",
    "We have shared our gauge readings with the Environment Agency and will publish them "
    "in full. We regret the distress caused to residents of Lower Street and will meet "
    "them on 21 March.",
    "Issued by the office of the chief executive.",
]
# what an editor quotes from it: across its line breaks, and "office" typed plainly
QUOTES = [
    "The volume released on the night of Tuesday 5 March was 48.2 million litres, "
    "within the limit of our abstraction licence",
    "We have shared our gauge readings with the Environment Agency and will "
    "publish them in full.",
    "Issued by the office of the chief executive.",
]
# statement.html printed once by print_pdf (tests/capture/conftest.py) with Debian's
# Chromium 150 and its default serif font, DejaVu Serif 2.37 (fonts-dejavu-core),
# which prints "office" with an ff ligature (U+FB00). Committed, so that what the
# import makes of a ligature does not depend on the fonts of the machine running it.
CHROMIUM_PDF = FIXTURES / "statement-chromium.pdf"


def test_pdf_printed_by_chromium_imports_in_paragraphs(project, capsys):
    code, out, err = run(project, capsys, str(CHROMIUM_PDF), "--id", "millbrook-statement")
    assert code == 0, err
    got = source(project, "millbrook-statement")
    assert got.title == "Statement on the Millbrook sluice gates"  # the PDF's own title
    assert got.author is None  # Chromium writes no Author into the PDF
    assert got.original == "content/sources/archive/millbrook-statement.pdf"
    assert (project / got.original).read_bytes() == CHROMIUM_PDF.read_bytes()
    text = (project / got.file).read_text()
    assert len(text.rstrip("\n").split("\n\n")) == 4  # heading and three paragraphs
    assert "%PDF" not in text
    assert "o\ufb00ice" in text  # the text as printed: the ligature is kept
    # Quotes run across the PDF's line breaks, and typed words match ligatures.
    assert cite(project, "millbrook-statement", QUOTES) == []


def test_pdf_printed_by_this_machines_chromium_imports_in_paragraphs(project, capsys,
                                                                    print_pdf):
    """The same page printed now, with whatever fonts are here: whichever ligatures
    they form, the text is the page's heading and paragraphs, and quotes match."""
    pdf = print_pdf("statement.html")
    code, out, err = run(project, capsys, str(pdf), "--id", "millbrook-statement")
    assert code == 0, err
    got = source(project, "millbrook-statement")
    assert got.title == "Statement on the Millbrook sluice gates"
    text = (project / got.file).read_text()
    # paragraph by paragraph, as the matcher reads them (ligatures, line breaks folded)
    assert [fold(text[start:end]) for start, end in paragraphs(text)] == [
        fold(paragraph) for paragraph in [got.title, *STATEMENT]]
    assert cite(project, "millbrook-statement", QUOTES) == []


def test_pdf_without_text_says_so(project, capsys, tmp_path):
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                      b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n"
                      b"%%EOF\n")
    before = (project / "claims.yaml").read_bytes()
    code, _, err = run(project, capsys, str(empty), "--title", "Scan")
    assert code == 2
    assert "no text layer" in err or "could not be read" in err
    assert (project / "claims.yaml").read_bytes() == before


# -- URLs --------------------------------------------------------------------------


def test_url_is_fetched_archived_and_registered_with_todays_date(project, capsys, web):
    page = (FIXTURES / "gazette-dam.html").read_bytes()
    web.routes["/article"] = (page, "text/html; charset=utf-8")
    url = f"{web.base}/hop/2"  # two redirects, then the page
    code, out, err = run(project, capsys, url, "--id", "gazette-live")
    assert code == 0, err
    got = source(project, "gazette-live")
    assert got.url == url
    assert got.retrieved == datetime.now(timezone.utc).date()
    assert (project / got.original).read_bytes() == page
    assert "redirected to" in (project / "claims.yaml").read_text()
    assert cite(project, "gazette-live", GAZETTE_ARTICLE[:2]) == []


def test_pdf_served_over_http(project, capsys, web):
    web.routes["/statement.pdf"] = (CHROMIUM_PDF.read_bytes(), "application/pdf")
    code, _, err = run(project, capsys, f"{web.base}/statement.pdf")
    assert code == 0, err
    assert source(project, "statement-on-the-millbrook-sluice-gates").original.endswith(".pdf")


@pytest.mark.parametrize("path, args, message", [
    ("/missing", [], "the server answered 404"),
    ("/loop", [], "more than 5 redirects"),
    ("/to-ftp", [], "not an http(s) address"),
    ("/slow", ["--timeout", "0.5"], "longer than 0.5 seconds"),
    ("/huge", ["--max-mb", "0.05"], "over the limit of 52,428 bytes"),
    ("/image", [], "the server sent image/png"),
])
def test_url_failures_are_clear_and_change_nothing(project, capsys, web, path, args,
                                                   message):
    web.routes["/image"] = (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    before = sorted(p for p in project.rglob("*"))
    claims = (project / "claims.yaml").read_bytes()
    code, out, err = run(project, capsys, web.base + path, "--id", "x", *args)
    assert code == 2
    assert message in err
    assert sorted(project.rglob("*")) == before
    assert (project / "claims.yaml").read_bytes() == claims


def test_a_closed_port_is_a_clear_error(project, capsys):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, _, err = run(project, capsys, f"http://127.0.0.1:{port}/a", "--id", "x")
    assert code == 2 and "cannot connect" in err


@pytest.mark.parametrize("target, message", [
    ("file:///etc/passwd", "only http:// and https://"),
    ("missing.html", "no such file"),
])
def test_unusable_targets(project, capsys, target, message):
    code, _, err = run(project, capsys, target, "--id", "x")
    assert code == 2 and message in err


# -- importing again ---------------------------------------------------------------


def test_reimporting_an_unchanged_page_writes_nothing(project, capsys, web):
    web.routes["/article"] = ((FIXTURES / "gazette-dam.html").read_bytes(), "text/html")
    run(project, capsys, f"{web.base}/article")
    claims = (project / "claims.yaml").read_bytes()
    code, out, _ = run(project, capsys, f"{web.base}/article")  # found again by its URL
    assert code == 0
    assert "unchanged" in out
    assert (project / "claims.yaml").read_bytes() == claims


def test_reimporting_a_changed_page_reports_the_difference(project, capsys, web):
    page = (FIXTURES / "gazette-dam.html").read_text()
    web.routes["/article"] = (page.encode(), "text/html")
    run(project, capsys, f"{web.base}/article", "--id", "gazette")
    text_file = project / "content/sources/gazette.txt"
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}

    web.routes["/article"] = (page.replace("thirty years", "forty years").encode(),
                              "text/html")
    code, out, err = run(project, capsys, f"{web.base}/article", "--id", "gazette")
    assert code == 1
    assert "has changed since it was registered" in err
    assert "--id gazette-2" in err
    assert "-Residents disputed" in out and "for thirty years." in out
    assert "+Residents disputed" in out and "for forty years." in out
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert "thirty years" in text_file.read_text()


# -- plain text, and files that cannot be imported ---------------------------------


def test_text_file_is_imported_as_it_is(project, capsys, tmp_path):
    note = tmp_path / "press-note.txt"
    note.write_bytes("Press note\r\n\r\nThe dam “held”, the mayor said.\r\n".encode())
    code, _, err = run(project, capsys, str(note), "--title", "Mayor's press note",
                       "--language", "en-gb")
    assert code == 0, err
    got = source(project, "press-note")
    assert got.title == "Mayor's press note"
    assert got.language == "en-gb"
    assert (project / got.file).read_text() == "Press note\n\nThe dam “held”, the mayor said.\n"
    assert (project / got.original).read_bytes() == note.read_bytes()
    assert cite(project, "press-note", ["The dam “held”, the mayor said."]) == []


@pytest.mark.parametrize("name, data, message", [
    ("latin1.txt", "Caf\u00e9 owners said".encode("latin-1"),
     "is not UTF-8 (byte 0xe9 at line 1, column 4)"),
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n", "has no text"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "neither a PDF nor a web page"),
    ("notitle.txt", b"Just words.\n", "states no title; give one with --title"),
])
def test_files_that_cannot_be_imported(project, capsys, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    claims = (project / "claims.yaml").read_bytes()
    code, _, err = run(project, capsys, str(path))
    assert code == 2
    assert message in err
    assert (project / "claims.yaml").read_bytes() == claims
    assert not (project / "content/sources/archive").exists()


def test_an_unregistered_file_in_the_way_is_never_overwritten(project, capsys):
    squatter = project / "content/sources/gazette.txt"
    squatter.write_text("someone else's notes\n")
    code, _, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette")
    assert code == 2 and "already exists" in err
    assert squatter.read_text() == "someone else's notes\n"
    assert not (project / "content/sources/archive").exists()


def test_a_bad_id_is_refused_with_a_suggestion(project, capsys):
    code, _, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "Gaz Ette")
    assert code == 2 and "'gaz-ette'" in err


def test_a_bad_language_tag_is_refused(project, capsys):
    code, _, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--language",
                       "Russian")
    assert code == 2 and "not a language tag" in err


@pytest.mark.parametrize("variant", ["crlf", "bom"])
def test_line_endings_and_byte_order_mark_are_kept(project, capsys, variant):
    claims = project / "claims.yaml"
    text = claims.read_text()
    data = text.replace("\n", "\r\n").encode() if variant == "crlf" else (
        b"\xef\xbb\xbf" + text.encode())
    claims.write_bytes(data)
    code, _, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "g")
    assert code == 0, err
    after = claims.read_bytes()
    if variant == "crlf":
        assert b"\n" not in after.replace(b"\r\n", b"")
    else:
        assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\xef\xbb\xbf") == 1
    only_inserted(data.decode("utf-8-sig"), after.decode("utf-8-sig"))
    assert source(project, "g") is not None


def test_broken_claims_file_is_named(project, capsys):
    (project / "claims.yaml").write_text("sources: [\n")
    code, _, err = run(project, capsys, str(FIXTURES / "gazette-dam.html"))
    assert code == 2 and "claims.yaml cannot be loaded" in err and ":2:" in err


# -- other languages ---------------------------------------------------------------


RUSSIAN_QUOTES = [
    "«Все двенадцать затворов сработали штатно, а сброс воды не превысил лицензию», — "
    "заявила руководитель службы безопасности компании Ханна Ли.",
    "«Вода перелилась через берег в девять часов, через час после сирен»",
]


def test_russian_page_imports_and_its_quotes_verify(project, capsys):
    code, _, err = run(project, capsys, str(FIXTURES / "vestnik-dam-ru.html"),
                       "--id", "vestnik-dam")
    assert code == 0, err
    got = source(project, "vestnik-dam")
    assert (got.title, got.publisher, got.author) == (
        "Оператор плотины отрицает отказ шлюзов", "Речной вестник", "Анна Смирнова")
    assert got.published == date(2024, 3, 15)
    assert got.language == "ru"
    text = (project / got.file).read_text()
    for furniture in ("РЕКЛАМА", "Кредит наличными", "Фото: Вестник", "Читайте также",
                      "Комментарии", "Все права защищены", "Подписка"):
        assert furniture not in text, furniture
    assert cite(project, "vestnik-dam", RUSSIAN_QUOTES) == []
    # Typed with straight quotes, a quote verifies, and --fix would restore « ».
    typed = cite(project, "vestnik-dam", ['"Все двенадцать затворов сработали штатно'])
    assert [f.code for f in typed] == ["quote-normalized"]
    assert typed[0].suggestion == "«Все двенадцать затворов сработали штатно"
    # A changed number in a Russian quote is still caught.
    wrong = cite(project, "vestnik-dam", ["было сброшено 42,8 миллиона литров воды"])
    assert [f.code for f in wrong] == ["quote-not-found"]


def test_id_made_from_a_russian_title_is_not_empty(project, capsys):
    code, out, err = run(project, capsys, str(FIXTURES / "vestnik-dam-ru.html"))
    assert code == 0, err
    got = source(project, "vestnik-dam-ru")  # from the file's name: the title is Cyrillic
    assert got is not None and got.file == "content/sources/vestnik-dam-ru.txt"


def test_sources_dir_defaults_to_where_sources_are(project, capsys, tmp_path):
    elsewhere = tmp_path / "other"
    shutil.copytree(project, elsewhere)
    code, _, err = run(elsewhere, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "g",
                       "--dir", "texts")
    assert code == 0, err
    assert os.path.isfile(elsewhere / "texts/g.txt")
    assert os.path.isfile(elsewhere / "texts/archive/g.html.txt")


def test_the_checker_notices_a_changed_or_missing_original(project, capsys):
    run(project, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette")
    original = project / source(project, "gazette").original
    original.write_bytes(original.read_bytes().replace(b"thirty", b"forty"))
    findings = check_file(str(project / "claims.yaml")).errors
    assert [(f.code, "archived original" in f.message) for f in findings] == [
        ("source-changed", True)]
    assert "original_sha256" in (project / "claims.yaml").read_text().splitlines()[
        findings[0].line - 1]
    original.unlink()
    findings = check_file(str(project / "claims.yaml")).errors
    assert [f.code for f in findings] == ["source-unreadable"]
    assert "no such file" in findings[0].message


def test_a_project_of_story_files_gets_its_first_shared_source(tmp_path, capsys):
    root = tmp_path / "stories-project"
    (root / "stories").mkdir(parents=True)
    (root / "claims.yaml").write_text("# shared registry\ninclude:\n  - stories/*.yaml\n")
    (root / "stories/dam.yaml").write_text("claims: []\n")
    code, _, err = run(root, capsys, str(FIXTURES / "gazette-dam.html"), "--id", "gazette")
    assert code == 0, err
    text = (root / "claims.yaml").read_text()
    assert text.startswith("# shared registry\ninclude:\n  - stories/*.yaml\nsources:\n")
    assert source(root, "gazette").file == "sources/gazette.txt"


HOSTILE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>x</title>
<meta property="og:title" content="&quot;Yes&quot;: no - #1 &amp; *star* &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">
<meta property="og:site_name" content="null">
<meta name="author" content="- dash: colon">
<link rel="canonical" href="javascript:alert(1)">
</head><body><article><h1>Headline</h1>
<p>The council said on Monday that the bridge would reopen in May after repairs to its
northern span were completed ahead of schedule.</p>
<p>Engineers found no further damage to the southern span, the council added in a
statement published on its website.</p></article></body></html>
"""  # noqa: E501  (a text quoted as it is)


def test_a_hostile_page_lands_as_plain_values(project, capsys, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    code, _, err = run(project, capsys, str(page), "--id", "hostile")
    assert code == 0, err
    got = source(project, "hostile")
    assert got.title == '"Yes": no - #1 & *star* </script><script>alert(1)</script>'
    read = from_html(HOSTILE_PAGE.encode())  # the extractor tidies names its own way
    assert (got.publisher, got.author) == (read.publisher, read.author)
    assert got.publisher and got.author.startswith("- ")  # text, never YAML null or a list
    assert got.url is None  # a javascript: canonical is not an address
    assert cite(project, "hostile", ["the bridge would reopen in May after repairs"]) == []
