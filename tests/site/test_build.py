"""How `mkdocs build` behaves around the check: errors stop it, warnings fail --strict."""

from __future__ import annotations

import hashlib


def _snapshot(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_citation_error_aborts_and_leaves_the_previous_site_untouched(new_site,
                                                                         fixture_text):
    site = new_site()
    assert site.build().returncode == 0
    before = _snapshot(site.site_dir)
    broken = fixture_text["claims"].replace("300 soldiers and 11 tanks crossed",
                                            "3,000 soldiers and 11 tanks crossed")
    site.write("claims.yaml", broken)
    result = site.build(strict=False)
    assert result.returncode != 0
    assert "quote-not-found" in result.stderr
    assert "The site was not built" in result.stderr
    assert _snapshot(site.site_dir) == before


def test_a_build_ends_with_the_check_summary_and_where_the_site_is(new_site):
    site = new_site()
    result = site.build()
    assert result.returncode == 0, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "factcheck: All clear: 4 claims, 8 of 8 citations verified." in last
    assert "The site is in site/ (start page: site/index.html)" in last  # built from root
    assert result.stderr.count("All clear") == 1


def test_warnings_are_logged_and_fail_strict_builds(new_site, fixture_text):
    claims = fixture_text["claims"].replace(
        "quote: The Kremlin called it a large-scale provocation.",
        "quote: large-scale provocation")
    site = new_site(claims=claims)
    strict = site.build(strict=True)
    assert strict.returncode != 0
    assert "quote-too-short" in strict.stderr
    assert site.build(strict=False).returncode == 0


def test_a_hand_written_page_gets_the_scale_and_the_checks_it_names(new_site, fixture_text):
    """Placeholders on lines of their own; an editor's description stays plain text."""
    claims = fixture_text["claims"].replace(
        "description: Supported.,", "description: \"Supported | <b>twice</b>\",").replace(
        "{id: accurate, label: Accurate, rating: 3,",
        "{id: accurate, label: Accurate, rating: 3, requires: {origins: 2},")
    page = ("# How we work\n\n<!-- factcheck: verdicts -->\n\nChecks:\n\n"
            "<!-- factcheck: rules -->\n\nNot here: <!-- factcheck: rules -->\n")
    site = new_site(claims=claims, pages={"content/how.md": page})
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    doc = site.page("how/")
    tables = list(doc.find_all("table"))  # the theme's own (keyboard shortcuts) aside
    verdicts = next(t for t in tables if "Evidence it requires" in t.text)
    rules = next(t for t in tables if "What it reports" in t.text)
    rows = [[cell.text.strip() for cell in row.find_all("td")]
            for row in list(verdicts.find_all("tr"))[1:]]
    assert rows == [
        ["Accurate", "3", "Supported | <b>twice</b>",
         "support from at least 2 independent origins"],
        ["Mixed", "2", "Some of each.", "evidence of any stance"],
        ["Inaccurate", "1", "Contradicted.", "at least one contradicting citation"]]
    assert verdicts.find("b") is None
    codes = [next(row.find_all("td")).text.strip() for row in list(rules.find_all("tr"))[1:]]
    assert "prose-quote-not-found" in codes and "verdict-origins" in codes
    assert len(codes) == len(set(codes)) > 20


def test_missing_claims_file_is_a_clear_error(new_site):
    site = new_site()
    (site.root / "claims.yaml").unlink()
    result = site.build(strict=False)
    assert result.returncode != 0
    assert "cannot read" in result.stderr and "claims.yaml" in result.stderr


def test_site_templates_override_the_packaged_ones(new_site, fixture_text):
    site = new_site(pages={"templates/partials/footer.html":
                           '<footer class="fc-footer">Local desk {{ publisher }}</footer>'})
    assert site.build().returncode == 0
    footer = site.page("claims/troops-crossed/").find("footer", cls="fc-footer")
    assert footer.text == "Local desk Fixture checks"


def test_a_hand_written_page_where_a_generated_one_goes_is_refused(new_site):
    site = new_site(pages={"content/claims/index.md": "# Mine\n"})
    result = site.build(strict=False)
    assert result.returncode != 0
    assert "hand-written page" in result.stderr


def test_site_url_is_needed_for_structured_data(new_site, fixture_text):
    site = new_site(config=fixture_text["mkdocs_yml"](site_url=None))
    result = site.build(strict=True)
    assert result.returncode != 0 and "site_url" in result.stderr


def test_links_resolve_without_directory_urls(new_site, fixture_text, broken_links):
    site = new_site(config=fixture_text["mkdocs_yml"]("use_directory_urls: false\n"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.site_dir / "claims/troops-crossed/index.html").exists()
    assert broken_links(site) == []


def test_publisher_name_option_sets_the_claim_review_author(new_site, fixture_text, html):
    import json
    config = fixture_text["mkdocs_yml"]().replace(
        "  - factcheck\n", "  - factcheck:\n      publisher_name: The Desk\n")
    site = new_site(config=config)
    assert site.build().returncode == 0, "build failed"
    doc = site.page("claims/no-gas/")
    data = json.loads(doc.find("script", type="application/ld+json").text)
    assert data["author"][0]["@type"] == "NewsMediaOrganization"
    assert data["author"][0]["name"] == "The Desk"


def test_serve_watches_claims_sources_outside_docs_and_templates(new_site, fixture_text,
                                                                 load_config):
    """`mkdocs serve` rebuilds when claims.yaml, a source or a template changes.

    docs_dir is watched by MkDocs itself; the plugin adds what lives outside it."""
    claims = fixture_text["claims"].replace("file: content/sources/beta.txt",
                                            "file: archive/beta.txt")
    site = new_site(claims=claims, pages={"archive/beta.txt": fixture_text["beta"],
                                          "templates/partials/footer.html": "<footer></footer>"})
    config = load_config(str(site.root / "mkdocs.yml"))
    config = config.plugins.on_config(config)

    class Server:
        watched: list[str] = []
        builder = app = None

        def watch(self, path, *args, **kw):
            self.watched.append(path)

        def get_app(self):
            return self.app

        def set_app(self, app):
            self.app = app

    server = config.plugins["factcheck"].on_serve(Server(), config=config, builder=None)
    watched = {str(p) for p in server.watched}
    root = site.root.resolve()
    assert str(root / "claims.yaml") in watched
    assert str(root / "archive/beta.txt") in watched
    assert str(root / "templates") in watched


def test_without_site_url_the_build_says_claimreview_lacks_url_and_strict_stops(
        new_site, fixture_text):
    site = new_site(config=fixture_text["mkdocs_yml"](site_url=None))
    result = site.build()
    assert result.returncode != 0
    assert ("`site_url` is not set in mkdocs.yml, so every ClaimReview block (4 claims) "
            "lacks a `url`") in result.stderr
    assert site.build(strict=False).returncode == 0


def test_a_long_claim_needs_claim_reviewed_and_a_claimant_its_type(new_site, fixture_text,
                                                                   html):
    """Search engines show at most 75 characters of claimReviewed: a longer claim
    without a short form stops a --strict build; a claimant without a type stops any."""
    import json

    long = "The ministry said that three hundred soldiers crossed the border on Tuesday."
    claims = fixture_text["claims"].replace(
        "claim: 300 soldiers crossed the border on Tuesday.", f"claim: {long}")
    result = new_site(claims=claims).build()
    assert result.returncode == 1
    assert "warning[claim-reviewed-too-long] the claim has 76 characters" in result.stderr
    short = claims.replace(f"claim: {long}", f"claim: {long}\n    claim_reviewed: "
                           "Three hundred soldiers crossed the border on Tuesday.")
    site = new_site(claims=short)
    assert site.build().returncode == 0
    data = json.loads(site.page("claims/troops-crossed/").find(
        "script", type="application/ld+json").text)
    assert data["claimReviewed"] == "Three hundred soldiers crossed the border on Tuesday."
    assert site.page("claims/troops-crossed/").find("h1").text.endswith(f"“{long}”")
    untyped = fixture_text["claims"].replace("    claimant_type: person\n", "", 1)
    result = new_site(claims=untyped).build()
    assert result.returncode == 1
    assert ("error[schema] claim `tanks-crossed` has `claimant` but no `claimant_type`"
            in result.stderr)
