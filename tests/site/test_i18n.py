"""Every language a newsroom publishes in: the shipped catalogs are complete and
current, the Kursk site built in each shipped locale has no English interface word
left, dates and numbers are the locale's, ``lang``/``dir`` are right, and a
newsroom's own wording (``theme: strings:``) wins over the catalog.

"Interface" text is every text node of ``<body>`` outside the newsroom's content:
the content carries its own language (an element with ``lang``), and a hand-written
Markdown page's ``<main>`` is content too. Read with :class:`html.parser.HTMLParser`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.support import Translations

from generator.site.i18n import LOCALES, SHIPPED, Localizer
from tests.site.conftest import BUILDER, CLAIMS, make_site, mkdocs_yml, parse

REPO = Path(__file__).resolve().parents[2]
POT = Path(LOCALES) / "messages.pot"
RTL = {"ar"}
SKIP = {"script", "style", "head", "template", "code"}  # code: hashes, tags, no words
NOT_WORDS = {"claims.json", "SHA-256", "JSON", "PDF", "HTML"}  # names, not English
WORD = re.compile(r"[^\W\d_]{2,}")


def wordy(text: str) -> bool:
    """Whether a text has words in it (not a number, a sign, an address or a file)."""
    if "@" in text or "://" in text or text in NOT_WORDS:
        return False
    return bool(WORD.search(text))


def catalog(locale: str):
    with open(Path(LOCALES) / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def _ids(cat) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}


# -- the catalogs ---------------------------------------------------------------------

@pytest.mark.parametrize("locale", SHIPPED)
def test_shipped_catalog_is_complete_with_no_fuzzy_entry(locale):
    cat = catalog(locale)
    untranslated = [m.id for m in cat if m.id and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in cat if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == [], (
        f"{locale}: untranslated {untranslated}, fuzzy {fuzzy}: run `make catalogs` and "
        "translate every entry")
    plurals = [m for m in cat if isinstance(m.id, tuple)]
    assert all(len(m.string) == cat.num_plurals for m in plurals)


@pytest.mark.parametrize("locale", SHIPPED)
def test_catalog_placeholders_and_compiled_mo_match_the_po(locale):
    cat = catalog(locale)
    problems = [(m.id, errors) for m, errors in cat.check() if errors]
    assert problems == []
    compiled = Translations.load(LOCALES, [locale], "messages")
    for m in cat:
        if m.id and isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, f"{locale}: stale .mo, `make catalogs`"
        elif m.id:
            assert compiled.ngettext(m.id[0], m.id[1], 1) in m.string


def test_every_catalog_holds_exactly_the_marked_strings(tmp_path):
    """The template (.pot) is what the sources mark now, and every catalog has it all:
    a string marked since is caught here, not by a reader."""
    out = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "babel.cfg", "-k", "say", "-k", "plural_table:1,2",
                    "--omit-header", "-o", str(out), "."], cwd=REPO, check=True)
    with open(out, "rb") as fresh, open(POT, "rb") as committed:
        marked, pot = _ids(read_po(fresh)), _ids(read_po(committed))
    assert marked == pot, "messages.pot is stale: run `make catalogs`"
    for locale in SHIPPED:
        assert _ids(catalog(locale)) == pot, f"{locale} lacks new strings: `make catalogs`"


# -- the Kursk site in every shipped locale ---------------------------------------------

def _kursk_config(folder: Path, locale: str) -> Path:
    """The repository's mkdocs.yml in another locale (no cards, no search index)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["locale"] = locale
    config["docs_dir"] = str(REPO / "content")
    config["plugins"] = [{"factcheck": {"claims": str(REPO / "claims.yaml"),
                                        "templates": str(REPO / "templates"),
                                        "share_images": False, "pagefind": False}}]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def kursk_in(tmp_path_factory):
    """locale -> the built Kursk site (built once per locale)."""
    built: dict[str, Path] = {}

    def get(locale: str) -> Path:
        if locale not in built:
            folder = tmp_path_factory.mktemp(f"kursk-{locale}")
            config = _kursk_config(folder, locale)
            done = subprocess.run([sys.executable, "-m", BUILDER, "build", "--strict", "-f",
                                   str(config), "-d", str(folder / "site")], cwd=REPO,
                                  capture_output=True, text=True, timeout=600,
                                  env=dict(os.environ, PYTHONWARNINGS="ignore"))
            assert done.returncode == 0, done.stderr[-3000:]
            built[locale] = folder / "site"
        return built[locale]
    return get


class Interface(HTMLParser):
    """The interface's visible words on a page: text nodes and aria-labels of
    ``<body>`` outside content (elements with ``lang``; ``<main>`` of a Markdown page)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []
        self.html: dict[str, str] = {}
        self.handwritten = False

    def _outside(self) -> bool:
        return not any(content for _, content in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = {k: v or "" for k, v in attrs.items()}
            return
        if tag == "body":
            self.handwritten = "fc-kind-page" in (attrs.get("class") or "")
        content = (tag in SKIP or "lang" in attrs
                   or (tag == "main" and self.handwritten))
        if self._outside() and not content and attrs.get("aria-label"):
            self.texts.append(attrs["aria-label"])
        if tag not in {"br", "hr", "img", "input", "link", "meta", "wbr", "source"}:
            self.stack.append((tag, content))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and self._outside() and wordy(text):
            self.texts.append(text)


def interface(path: Path) -> Interface:
    parser = Interface()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _same_in_english(locale: str) -> set[str]:
    """Messages a translator kept as they are in English ("Verdict" in French)."""
    same = set()
    for m in catalog(locale):
        if m.id and isinstance(m.id, str) and m.string == m.id:
            same.add(m.id)
    return same


@pytest.mark.parametrize("locale", [loc for loc in SHIPPED if loc != "en"])
def test_kursk_site_has_no_english_interface_word_left(kursk_in, locale):
    english, other = kursk_in("en"), kursk_in(locale)
    allowed = _same_in_english(locale) | NOT_WORDS
    left = {}
    pages = sorted(p.relative_to(english) for p in english.rglob("*.html"))
    assert len(pages) > 40
    for rel in pages:
        words = set(interface(english / rel).texts)
        theirs = interface(other / rel)
        same = {t for t in theirs.texts if t in words and t not in allowed}
        if same:
            left[str(rel)] = sorted(same)
    assert left == {}, f"{locale}: English left on {len(left)} pages: " + json.dumps(
        dict(list(left.items())[:5]), ensure_ascii=False)


def _generated_tables(site: Path) -> list[list[list[str]]]:
    """The methodology page's generated tables (verdict scale, checks): rows of cell
    texts, the header row first; the theme's own tables (none in <main>) aside."""
    main = parse((site / "methodology/index.html").read_text(encoding="utf-8")).find("main")
    return [[[" ".join(c.text.split()) for c in row.children if c.tag in ("th", "td")]
             for row in table.find_all("tr")] for table in main.find_all("table")]


@pytest.mark.parametrize("locale", [loc for loc in SHIPPED if loc != "en"])
def test_methodology_tables_are_in_the_locale(kursk_in, locale):
    """The tables the site writes into the methodology page from the rule catalogue and
    the scale: headings, what each check reports, its effect and the evidence a verdict
    requires are in the reader's language; rule codes stay code; the newsroom's own
    verdict labels and descriptions (Kursk's scale is its own) stay as written."""
    (scale_en, rules_en), (scale, rules) = (_generated_tables(kursk_in("en")),
                                            _generated_tables(kursk_in(locale)))
    assert rules_en[0] == ["Check", "What it reports", "Effect"] and len(rules_en) > 30
    assert scale_en[0][3] == "Evidence it requires" and len(scale) == len(scale_en)
    assert [r[0] for r in rules[1:]] == [r[0] for r in rules_en[1:]]  # codes, as they are
    assert [(r[0], r[2]) for r in scale[1:]] == [(r[0], r[2]) for r in scale_en[1:]]
    generated = ([(scale_en[0], scale[0]), (rules_en[0], rules[0])]
                 + [(en[3:], theirs[3:]) for en, theirs in zip(scale_en, scale, strict=True)][1:]
                 + [(en[1:], theirs[1:]) for en, theirs in zip(rules_en, rules, strict=True)][1:])
    assert all(len(en) == len(theirs) == len(set(theirs)) for en, theirs in generated[2:])
    kept = _same_in_english(locale)
    left = sorted({text for en, theirs in generated for text, their in zip(en, theirs, strict=True)
                   if text == their and text not in kept})
    assert left == [], f"{locale}: English left in the methodology's tables: {left}"


@pytest.mark.parametrize("locale", SHIPPED)
def test_lang_dir_and_dates_follow_the_locale(kursk_in, locale):
    site = kursk_in(locale)
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["claim_date"])
    page = (site / data["claims"][data["claims"].index(claim)]["page"] / "index.html")
    html = page.read_text(encoding="utf-8")
    doc = interface(page)
    assert doc.html["lang"] == locale
    assert doc.html["dir"] == ("rtl" if locale in RTL else "ltr")
    when = date.fromisoformat(claim["claim_date"])
    # a person reads the locale's date; machines keep ISO (time, JSON-LD, feed)
    assert (f'<time datetime="{when.isoformat()}">{format_date(when, "long", locale=locale)}'
            f"</time>") in html
    assert f'"datePublished":"{claim["published"]}"' in html  # ClaimReview, compact
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "T00:00:00Z</updated>" in feed and 'xml:lang="en"' in feed


def test_the_built_in_scale_is_in_the_readers_language(new_site):
    claims = "sources:\n" + CLAIMS.split("\nsources:\n", 1)[1]  # the built-in scale
    site = new_site(claims=claims, config=mkdocs_yml(
        "theme:\n  name: factcheck\n  locale: de\n").replace(
            "theme:\n  name: mkdocs\n  highlightjs: false\n", "", 1))
    done = site.build()
    assert done.returncode == 0, done.stderr[-2000:]
    page = (site.site_dir / "claims/troops-crossed/index.html").read_text(encoding="utf-8")
    assert ">Zutreffend</a>" in page and "Die zitierten Quellen belegen" in page
    assert '"name":"Zutreffend"' in page  # ClaimReview's rating, as readers see it


# -- the newsroom's own words -----------------------------------------------------------

def test_a_newsroom_overrides_any_string_in_mkdocs_yml(tmp_path):
    config = mkdocs_yml(
        "theme:\n  name: factcheck\n  locale: es\n  strings:\n"
        "    Fact check: Chequeo\n    Claims: Dichos\n"
        "    '%(num)s claim': ['%(num)s dicho', '%(num)s dichos', '%(num)s dichos']\n"
    ).replace("theme:\n  name: mkdocs\n  highlightjs: false\n", "", 1).replace(
        "  - Claims: claims/index.md\n", "  - claims/index.md\n")
    site = make_site(tmp_path, config=config)
    done = site.build()
    assert done.returncode == 0, done.stderr[-2000:]
    claim = (site.site_dir / "claims/troops-crossed/index.html").read_text(encoding="utf-8")
    assert ">Chequeo</a>" in claim and ">Verificación<" not in claim
    assert "<title>Chequeo: 300 soldiers" in claim  # the page title's own message
    menu = interface(site.site_dir / "index.html").texts
    assert "Dichos" in menu and "Afirmaciones" not in menu
    source = (site.site_dir / "sources/alpha/index.html").read_text(encoding="utf-8")
    assert "4 dichos" in source  # a plural, form by form


def test_a_bad_strings_option_stops_the_build(tmp_path):
    config = mkdocs_yml("theme:\n  name: factcheck\n  strings: [Verdict]\n").replace(
        "theme:\n  name: mkdocs\n  highlightjs: false\n", "", 1)
    done = make_site(tmp_path, config=config).build()
    assert done.returncode != 0 and "`strings:` under `theme:`" in done.stderr


def test_plural_forms_and_numbers_follow_the_locale():
    uk, ar = Localizer("uk"), Localizer("ar")
    forms = [uk.ngettext("%(num)s claim", "%(num)s claims", n) % {"num": n} for n in (1, 3, 5)]
    assert forms == ["1 твердження", "3 твердження", "5 тверджень"]
    assert ar.ngettext("%(num)s claim", "%(num)s claims", 2) == "ادعاءان"
    assert Localizer("de").number(12345) == "12.345"
    assert uk.plural_table("%(num)s claim", "%(num)s claims") == {
        "many": "%(num)s тверджень", "one": "%(num)s твердження", "few": "%(num)s твердження"}


# -- search: each text indexed in its own language ------------------------------------

SEARCH_YML = """\
site_name: Fixture checks
docs_dir: content
site_url: https://checks.example.org/
theme:
  name: factcheck
  locale: {locale}
plugins:
  - factcheck:
      share_images: false
      pagefind: true
nav:
  - index.md
  - claims/index.md
"""


def search_site(root: Path, locale: str, language: str):
    """The fixture publication, its fact checks written in ``language``, built for
    readers of ``locale`` with its search index."""
    site = make_site(root, claims=f"language: {language}\n" + CLAIMS,
                     config=SEARCH_YML.format(locale=locale))
    done = site.build()
    assert done.returncode == 0, done.stderr[-2000:]
    return site


def _bundles(site_dir: Path) -> dict[str, dict[str, int]]:
    """bundle folder -> {language: pages}, from each bundle's pagefind-entry.json."""
    return {entry.parent.name: {lang: index["page_count"] for lang, index in
                                json.loads(entry.read_text())["languages"].items()}
            for entry in site_dir.glob("*/pagefind-entry.json")}


@pytest.mark.parametrize(("locale", "language", "apart"), [
    ("ar", "en", {"en"}), ("uk", "en-gb", {"en"}), ("es", "es", set()), ("pt_BR", "pt", set())])
def test_claims_are_indexed_in_their_own_language(tmp_path, locale, language, apart):
    """A claim page's text is the claim's language: when it is not the site's, Pagefind
    indexes those pages with that language's stemmer, in a bundle the search page
    merges; when it is (the common case), one index in the site's language, as ever."""
    site = search_site(tmp_path, locale, language)
    bundles = _bundles(site.site_dir)
    claims = len(json.loads((site.site_dir / "claims.json").read_text())["claims"])
    site_lang = locale.replace("_", "-").lower()  # <html lang>, as Pagefind keys it
    assert set(bundles["pagefind"]) == {site_lang}
    assert {name for name in bundles if name != "pagefind"} == {f"pagefind-{a}" for a in apart}
    searched = interface(site.site_dir / "search.html")
    form = next(f for f in parse((site.site_dir / "search.html").read_text(
        encoding="utf-8")).find_all("form") if "data-fc-search" in f.attrs)
    assert searched.html["lang"] == locale.replace("_", "-")
    assert (form.get("data-fc-search-languages") or "") == " ".join(sorted(apart))
    if apart:
        assert bundles["pagefind-en"] == {"en": claims} and claims == 4
        assert bundles["pagefind"][site_lang] > 0  # the site's own pages, without the claims
    else:
        assert bundles["pagefind"][site_lang] > claims


def test_a_pagefind_failure_stops_the_build_with_a_clear_error(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    from generator.site import pagefind

    monkeypatch.setattr(pagefind, "_binary", lambda: sys.executable)  # not Pagefind
    (tmp_path / "a.html").write_text("<html lang='ar'><body>x</body></html>")
    with pytest.raises(PluginError, match="Pagefind could not index"):
        pagefind.run_pagefind(str(tmp_path), {"en": ["a.html"]})
