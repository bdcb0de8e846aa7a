"""Output formats: text for people, github annotations, the reference's JSON, SARIF 2.1.0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.checker.model import Finding, Loc, Severity, Summary
from generator.checker.report import RULES, format_github, step_summary
from generator.cli import main

MISTAKES = Path(__file__).parent / "fixtures" / "mistakes"


@pytest.fixture
def in_mistakes(monkeypatch):
    monkeypatch.chdir(MISTAKES)


def run(capsys, *args) -> tuple[int, str]:
    status = main(["check", *args])
    return status, capsys.readouterr().out


def test_json_has_exactly_specs_shape(in_mistakes, capsys):
    status, out = run(capsys, "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert set(data) == {"findings", "summary"}
    assert set(data["summary"]) == {"claims", "citations", "verified", "errors", "warnings",
                                    "info"}
    for finding in data["findings"]:
        assert list(finding) == ["path", "line", "column", "end_line", "end_column",
                                 "severity", "code", "message", "claim", "citation",
                                 "suggestion"]
        assert finding["path"] == "claims.yaml"
    first = next(f for f in data["findings"] if f["code"] == "quote-not-found")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (
        46, 16, 46, 72)
    assert data["summary"] == {"claims": 9, "citations": 10, "verified": 4, "errors": 22,
                               "warnings": 8, "info": 0}


def test_text_points_a_caret_at_the_value(in_mistakes, capsys):
    _, out = run(capsys)
    lines = out.splitlines()
    at = lines.index("claims.yaml:90:14: error[unknown-verdict] `disputd` is not on the "
                     "verdict scale (true, disputed, false); did you mean `disputed`?")
    assert lines[at + 2] == " 90 |     verdict: disputd"
    assert lines[at + 3] == "    |              ^^^^^^^"
    assert lines[-1] == "Found 22 errors and 8 warnings in 9 claims (4 of 10 citations verified)."


def test_github_annotations_and_step_summary(in_mistakes, capsys, tmp_path, monkeypatch):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    status, out = run(capsys, "--format", "github")
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert status == 1
    assert len(commands) == 30
    assert commands[0].startswith("::error file=claims.yaml,line=17,col=13,endLine=17,")
    assert all("\n" not in c for c in commands)
    report = summary_file.read_text(encoding="utf-8")
    assert report.startswith("## Citation check\n")
    assert report.count("\n| claims.yaml:") == 30  # every finding, not just ten


@pytest.mark.parametrize("message, escaped", [
    ("line one\nline two", "line one%0Aline two"),
    ("100% sure", "100%25 sure"),
    ("quote: a::set-output name=x::y", "quote: a::set-output name=x::y"),
    ("carriage\rreturn", "carriage%0Dreturn"),
])
def test_github_message_escaping(message, escaped):
    finding = Finding("a,b:c.yaml", Loc(1, 2, 1, 3), Severity.WARNING, "schema", message)
    line = format_github([finding], Summary()).splitlines()[0]
    assert line == f"::warning file=a%2Cb%3Ac.yaml,line=1,col=2,endLine=1,endColumn=3," \
                   f"title=schema::{escaped}"


def test_a_quote_cannot_inject_a_workflow_command():
    finding = Finding("c.yaml", Loc(1, 1, 1, 2), Severity.ERROR, "quote-not-found",
                      "quote not found\n::error file=x::forged\n::add-mask::secret")
    out = format_github([finding], Summary())
    assert [line for line in out.splitlines() if line.startswith("::")] == [
        out.splitlines()[0]]


def test_step_summary_escapes_markup():
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    finding = Finding("c.yaml", Loc(1, 1, 1, 2), Severity.ERROR, "schema",
                      "<script>alert(1)</script> | [x](javascript:y) @editor **bold**")
    report = step_summary([finding], Summary(errors=1))
    # Rendered as GitHub would (raw HTML allowed, tables on), nothing is markup.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(report)
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    Tags().feed(html)
    assert set(tags) == {"h2", "p", "table", "thead", "tr", "th", "tbody", "td", "code"}
    assert "<script>alert(1)</script> | [x](javascript:y)" in html.replace("&lt;", "<") \
        .replace("&gt;", ">")
    assert "@\u200deditor" in html  # no one is notified


def test_sarif_is_2_1_0_with_rules_regions_and_stable_fingerprints(in_mistakes, capsys,
                                                                   tmp_path, monkeypatch):
    _, out = run(capsys, "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    [run_] = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    results = run_["results"]
    assert len(results) == 30
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["level"] in ("error", "warning")
    prints = {r["partialFingerprints"]["factcheckFinding/v1"] for r in results}
    assert len(prints) == len(results)

    # Inserting lines above a finding moves it but keeps its fingerprint.
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copytree(MISTAKES / "sources", moved / "sources")
    text = (MISTAKES / "claims.yaml").read_text(encoding="utf-8")
    (moved / "claims.yaml").write_text("# a new comment\n# and another\n" + text,
                                       encoding="utf-8")
    monkeypatch.chdir(moved)
    _, out = run(capsys, "--format", "sarif")
    moved_results = json.loads(out)["runs"][0]["results"]
    by_print = {r["partialFingerprints"]["factcheckFinding/v1"]: r for r in moved_results}
    for result in results:
        if result.get("properties"):
            twin = by_print[result["partialFingerprints"]["factcheckFinding/v1"]]
            start = result["locations"][0]["physicalLocation"]["region"]["startLine"]
            assert twin["locations"][0]["physicalLocation"]["region"]["startLine"] == start + 2


def test_sarif_rules_have_names_unlike_their_ids_and_results_carry_snippets(in_mistakes,
                                                                          capsys):
    _, out = run(capsys, "--format", "sarif")
    [run_] = json.loads(out)["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["name"] != rule["id"] and rule["name"][0].isupper()
    lines = (MISTAKES / "claims.yaml").read_text(encoding="utf-8").splitlines()
    for result in run_["results"]:
        location = result["locations"][0]["physicalLocation"]
        region, context = location["region"], location["contextRegion"]
        if region["startLine"] == region["endLine"]:
            line = lines[region["startLine"] - 1]
            assert region["snippet"]["text"] == \
                line[region["startColumn"] - 1:region["endColumn"] - 1]
        assert context["startLine"] <= region["startLine"] <= region["endLine"] \
            <= context["endLine"]
        assert context["snippet"]["text"] == "\n".join(
            lines[context["startLine"] - 1:context["endLine"]]) + "\n"


def test_sarif_links_the_tool_and_each_rule_to_the_guide_on_the_site(tmp_path, capsys,
                                                                   monkeypatch):
    shutil.copytree(MISTAKES, tmp_path / "p")
    (tmp_path / "p" / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: https://news.example.org/checks/  # the newsroom\n"
        "plugins:\n  - factcheck\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "p")
    _, out = run(capsys, "--format", "sarif")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    guide = "https://news.example.org/checks/editors-guide/"
    assert driver["informationUri"] == guide
    assert [r["helpUri"] for r in driver["rules"]] == [
        f"{guide}#{rule.anchor}" for rule in RULES.values()]


def test_sarif_without_a_site_url_has_no_links(in_mistakes, capsys):
    _, out = run(capsys, "--format", "sarif")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert not any("helpUri" in r for r in driver["rules"])


def test_each_rule_anchor_is_a_heading_id_of_the_editors_guide():
    import markdown

    guide = (Path(__file__).parents[2] / "content" / "editors-guide.md").read_text("utf-8")
    html = markdown.markdown(guide, extensions=["toc", "fenced_code"])
    for rule in RULES.values():
        assert f'id="{rule.anchor}"' in html, rule.code
