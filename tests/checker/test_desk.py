"""The desk: statuses and what each stage publishes, the second check, `factcheck status`.

Status resolution and the published view are pure functions over a loaded project,
tested as tables; the second check is tested as a newsroom meets it, with and
without `second_check: required`.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from generator.checker.check import check_project
from generator.checker.load import load_text
from generator.checker.model import Claim, Story
from generator.checker.status import claim_status, published_view, resolve
from generator.cli import main

# ---- status resolution ---------------------------------------------------------------


@pytest.mark.parametrize("story_status, own, expected", [
    (None, None, "published"),         # nothing written: as before statuses existed
    (None, "draft", "draft"),
    (None, "review", "review"),
    ("draft", None, "draft"),          # a claim takes its story's
    ("review", None, "review"),
    ("review", "draft", "draft"),      # its own, when earlier
    ("draft", "published", "draft"),   # never further along than its story
    ("review", "published", "review"),
    ("published", "review", "review"),
])
def test_a_claim_takes_its_story_status_and_never_passes_it(story_status, own, expected):
    story = Story("s", "S", date(2024, 8, 9), status=story_status)
    assert claim_status(Claim("c", "C", "v", "s", [], status=own), story) == expected


def test_a_claim_outside_any_story_is_published_unless_it_says_otherwise():
    assert claim_status(Claim("c", "C", "v", "s", []), None) == "published"
    assert claim_status(Claim("c", "C", "v", "s", [], status="draft"), None) == "draft"


HEAD = """\
verdicts:
  - {id: accurate, label: Accurate, rating: 2}
  - {id: inaccurate, label: Inaccurate, rating: 1}
authors:
  - {id: ana, name: Ana, role: Fact-checker}
  - {id: ben, name: Ben, role: Editor}
include: [stories/*.yaml]
sources:
  - {id: one, file: one.txt, title: One}
  - {id: two, file: two.txt, title: Two}
  - {id: unused, file: one.txt, title: Unused}
"""


def claim(ident: str, source: str, status: str | None = None, extra: str = "") -> str:
    own = f"    status: {status}\n" if status else ""
    return (f"  - id: {ident}\n    claim: {ident}\n    verdict: accurate\n    summary: s\n"
            f"{own}{extra}    citations:\n      - source: {source}\n"
            "        quote: one two three four\n        stance: supports\n")


def project(tmp_path, stories: dict[str, str], head: str = HEAD):
    (tmp_path / "stories").mkdir(exist_ok=True)
    for name, text in stories.items():
        (tmp_path / "stories" / f"{name}.yaml").write_text(text, "utf-8")
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text("one two three four\n", "utf-8")
    loaded, findings = load_text(head, "claims.yaml", str(tmp_path))
    assert loaded is not None, findings
    return loaded


def story(ident: str, status: str | None = None, extra: str = "") -> str:
    own = f"  status: {status}\n" if status else ""
    return (f"story:\n  id: {ident}\n  title: {ident}\n  published: 2024-08-09\n"
            f"  authors: [ana]\n{own}{extra}claims:\n")


@pytest.mark.parametrize("story_status, claims, expected", [
    (None, [None, None], "published"),
    (None, ["draft", "draft"], "draft"),         # no published claim: not published
    (None, ["draft", "review"], "review"),
    (None, ["draft", None], "published"),        # one published claim is enough
    ("review", [None, "published"], "review"),
    ("draft", ["published", "published"], "draft"),
])
def test_a_story_is_as_far_along_as_its_furthest_claim(tmp_path, story_status, claims,
                                                       expected):
    text = story("s", story_status) + "".join(
        claim(f"c{i}", "one", status) for i, status in enumerate(claims))
    assert resolve(project(tmp_path, {"s": text})).of_story("s") == expected


def test_a_story_with_no_claims_is_not_published(tmp_path):
    assert resolve(project(tmp_path, {"s": story("s") + " []\n"})).of_story("s") == "draft"


# ---- the published view -----------------------------------------------------------


def views(tmp_path):
    """A published story with a draft and a review claim; a draft story; the view."""
    out = story("live") + claim("live-claim", "one") + claim(
        "draft-claim", "two", "draft") + claim("review-claim", "two", "review")
    hidden = story("hidden", "draft") + claim("hidden-claim", "one")
    loaded = project(tmp_path, {"live": out, "hidden": hidden})
    result = check_project(loaded)
    return result, published_view(result)


def test_the_published_view_keeps_only_published_claims_and_their_stories(tmp_path):
    result, view = views(tmp_path)
    assert [c.id for c in result.project.claims] == [
        "hidden-claim", "live-claim", "draft-claim", "review-claim"]
    assert [c.id for c in view.project.claims] == ["live-claim"]
    assert [s.id for s in view.project.stories] == ["live"]
    assert view.project.stories[0].claims == ["live-claim"]
    assert {k[0] for k in view.resolutions} == {"live-claim"}
    assert all(f.claim in (None, "live-claim") for f in view.findings)


def test_a_source_only_unpublished_claims_cite_is_left_out(tmp_path):
    result, view = views(tmp_path)
    # `two` is cited by the draft and the review claim only; `unused` by nobody
    assert [s.id for s in view.project.sources] == ["one", "unused"]
    assert set(view.sources) <= {"one", "unused"}
    assert result.project is not view.project and len(result.project.sources) == 3


def test_the_preview_view_shows_every_stage(tmp_path):
    result, _ = views(tmp_path)
    everything = published_view(result, ("draft", "review", "published"))
    assert [c.id for c in everything.project.claims] == [c.id for c in result.project.claims]
    assert [s.id for s in everything.project.stories] == ["hidden", "live"]


# ---- the second check ---------------------------------------------------------------


@pytest.mark.parametrize("setting, story_extra, claim_status_, claim_extra, reported", [
    ("", "", None, "", False),                                      # not required
    ("second_check: optional\n", "", None, "", False),
    ("second_check: required\n", "", None, "", True),               # nobody checked
    ("second_check: required\n", "  checked_by: [ana]\n", None, "", True),  # the author
    ("second_check: required\n", "  checked_by: [ben]\n", None, "", False),
    ("second_check: required\n", "", None, "    checked_by: [ana, ben]\n", False),
    ("second_check: required\n", "", None, "    checked_by: [ana]\n", True),
    ("second_check: required\n", "  checked_by: [ben]\n", None,
     "    checked_by: [ana]\n", True),       # the claim's own list replaces the story's
    ("second_check: required\n", "", "review", "", False),          # not published yet
    ("second_check: required\n", "", "draft", "", False),
])
def test_a_published_claim_needs_a_checker_who_is_not_its_author(
        tmp_path, setting, story_extra, claim_status_, claim_extra, reported):
    text = story("s", extra=story_extra) + claim("c", "one", claim_status_, claim_extra)
    result = check_project(project(tmp_path, {"s": text}, setting + HEAD))
    found = [f for f in result.findings if f.code == "second-check-missing"]
    assert bool(found) == reported, result.findings
    if found:
        assert found[0].severity.value == "error" and found[0].claim == "c"
        assert found[0].path == "stories/s.yaml"


def test_a_checker_not_in_the_registry_is_an_unknown_author(tmp_path):
    text = story("s", extra="  checked_by: [bne]\n") + claim("c", "one")
    result = check_project(project(tmp_path, {"s": text}))
    (found,) = [f for f in result.findings if f.code == "unknown-author"]
    assert "did you mean `ben`?" in found.message and found.suggestion == "ben"


# ---- factcheck status ----------------------------------------------------------------


def write(tmp_path, stories: dict[str, str]) -> None:
    project(tmp_path, stories)
    (tmp_path / "claims.yaml").write_text(HEAD, "utf-8")


def test_status_lists_what_is_not_published_with_who_and_findings(tmp_path, monkeypatch,
                                                                  capsys):
    text = (story("s", extra="  checked_by: [ben]\n") + claim("live", "one")
            + claim("drafted", "two", "draft",
                    "    claimant: Ann\n    claimant_type: person\n")
            + claim("reviewed", "two", "review").replace("one two three four",
                                                         "one two three five"))
    write(tmp_path, {"s": text})
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Not yet published: 2 claims (1 draft, 1 in review).")
    assert "stories/s.yaml:" in out and ": draft: drafted (story s)" in out
    assert "written by: ana; checked by: ben" in out
    assert "error[quote-not-found]" in out  # the review claim's open finding
    assert "live" not in out.replace("(story s)", "")
    assert main(["status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["claim"], p["status"], p["authors"], p["checked_by"]) for p in data["pending"]
            ] == [("drafted", "draft", ["ana"], ["ben"]),
                  ("reviewed", "review", ["ana"], ["ben"])]
    assert [f["code"] for f in data["pending"][1]["findings"]] == ["quote-not-found"]
    assert data["counts"] == {"draft": 1, "review": 1}


def test_status_says_so_when_everything_is_published(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"s": story("s") + claim("live", "one")})
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "Every claim is published.\n"


def test_status_of_a_broken_file_exits_2(tmp_path, monkeypatch, capsys):
    (tmp_path / "claims.yaml").write_text("claims: [\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) == 2
    assert "cannot be loaded" in capsys.readouterr().err
