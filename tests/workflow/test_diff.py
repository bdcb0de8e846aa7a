"""``factcheck diff``: a pull request's editorial changes, read from real git history."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from generator.cli import main

NEW_CLAIM = """\
  - id: flows-stable-thursday
    claim: Gas flows were stable on Thursday.
    verdict: accurate
    summary: The spokesperson said so.
    citations:
      - source: sudzha-gas
        quote: Gas flows were “stable”, a spokesperson said on Thursday
        stance: supports
"""


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def run_diff(capsys, *argv: str, status: int = 0) -> str:
    """The review printed; exit status 1 when a published verdict changed silently."""
    assert main(["diff", *argv]) == status, capsys.readouterr().err
    return capsys.readouterr().out


def edit_claims(newsroom, *pairs: tuple[str, str]) -> None:
    text = newsroom.read("claims.yaml")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    newsroom.write("claims.yaml", text)


@pytest.fixture
def pull_request(newsroom):
    """A branch off main that edits, adds and removes claims, as an editor's PR."""
    newsroom.git("checkout", "-q", "-b", "gas-update")
    edit_claims(
        newsroom,
        ("verdict: mostly-accurate", "verdict: misleading\n    updates:\n"
         "      - {date: 2024-08-09, type: correction, was: mostly-accurate, note: Not stable.}"),
        ("        quote: Gas flows were “stable”, a spokesperson said\n"
         "        stance: supports\n",
         "        quote: Gas flows were “stable”, a spokesperson said\n"
         "        stance: contradicts\n"
         "      - source: sudzha-gas\n"
         "        quote: the last working route for Russian gas\n"
         "        stance: context\n"),
        ("  - id: three-thousand-evacuated\n", NEW_CLAIM + "  - id: three-thousand-evacuated\n"),
        ("claimant: Regional officials", "claimant: Kursk regional officials"),
    )
    newsroom.commit("Gas: new verdict, new claim")
    return newsroom


def test_a_pull_request_is_summarized_against_its_merge_base(pull_request, capsys):
    # main moves on after the branch point: its changes are not the PR's
    main_tip = pull_request.git("rev-parse", "main").strip()
    out = run_diff(capsys)
    assert out.startswith("## Fact-check review\n")
    assert f"Compared with `{main_tip[:12]}` (the merge-base with `main`)" in out
    assert ("1 claim added; 2 claims edited; 1 verdict changed; 2 citations added; "
            "1 citation edited.") in out
    assert "| `gas-still-flowing` | Mostly accurate | **Misleading** |" in out
    assert ("- `flows-stable-thursday`: Gas flows were stable on Thursday. "
            "(verdict: accurate, 1 citation)") in out
    assert "- `three-thousand-evacuated`: changed `claimant`" in out
    # a word diff under the edited claim (escaped, so Markdown shows the brackets)
    assert "  - `claimant`: \\[-Regional-\\]\\{+Kursk regional+\\} officials" in out
    assert "- `gas-still-flowing`: changed `verdict`, `updates`, `citations`" in out
    assert ("| `gas-still-flowing` | edited (`stance`) | `sudzha-gas` | supports → contradicts | "
            "Gas flows were “stable”, a spokesperson said |") in out
    assert ("| `gas-still-flowing` | added | `sudzha-gas` | context | "
            "the last working route for Russian gas |") in out
    # a claimant without `appearance` is noted for information: it fails nothing
    assert ("### Citation check\n\nAll clear: 3 claims, 4 of 4 citations verified; "
            "1 note for information.") in out
    assert "| info | `no-appearance` |" in out


def test_the_base_can_be_named_and_removals_are_listed(pull_request, capsys):
    first = pull_request.git("rev-list", "--max-parents=0", "HEAD").strip()
    edit_claims(pull_request, ("  - id: three-thousand-evacuated\n",
                               "  - id: three-thousand-evacuated-x\n"))
    out = run_diff(capsys, first)  # the verdict's change has its correction
    assert f"Compared with `{first[:12]}` (`{first}`)" in out
    assert ("### Claims removed\n\n- `three-thousand-evacuated`: Officials said about 3,000 "
            "people") in out
    assert "- `three-thousand-evacuated-x`:" in out
    assert ("| `three-thousand-evacuated` | removed | `kursk-evacuation` | supports |"
            in out)


def test_uncommitted_changes_count_and_findings_are_listed(newsroom, capsys):
    edit_claims(newsroom, ("had been evacuated from the border districts\n",
                           "were evacuated from the border districts\n"))
    out = run_diff(capsys, "HEAD")
    assert "1 claim edited; 1 citation edited." in out
    assert ("| `three-thousand-evacuated` | edited (`quote`) | `kursk-evacuation` | supports "
            "| about 3,000 people \\[-had been-\\]\\{+were+\\} evacuated from the border "
            "districts |"
            ) in out
    assert "Found 1 error and 0 warnings in 2 claims" in out
    assert re.search(r"\| claims\.yaml:\d+:\d+ \| error \| `quote-not-found` \| quote not "
                     r"found in \\`kursk-evacuation\\`", out)


def test_no_change_says_so(newsroom, capsys):
    out = run_diff(capsys)
    assert "(the merge-base with `main`): No editorial changes." in out
    assert "### Claims" not in out


def test_sources_added_removed_and_edited(newsroom, capsys):
    edit_claims(newsroom,
                ("    title: Sudzha gas transit\n",
                 "    title: Sudzha gas transit\n    publisher: Gas Daily\n"
                 "  - id: extra\n    file: content/sources/sudzha-gas.txt\n"
                 "    title: A copy\n"))
    out = run_diff(capsys)
    assert "- added `extra`: A copy" in out
    assert "- edited `sudzha-gas`: changed `publisher`" in out


def test_editor_text_cannot_inject_markup_or_mentions(newsroom, capsys):
    nasty = "<script>alert(1)</script> | @newsroom-team see #12 **bold** [x](http://e)"
    edit_claims(newsroom, ("claim: Gas kept flowing through Sudzha.",
                           f"claim: '{nasty}'"),
                ("  - id: three-thousand-evacuated\n", NEW_CLAIM.replace(
                    "claim: Gas flows were stable on Thursday.", f"claim: '{nasty}'")
                 + "  - id: three-thousand-evacuated\n"))
    out = run_diff(capsys)
    assert "@newsroom-team" not in out and "@\u200dnewsroom-team" in out
    assert "#12" not in out
    rendered = html(out)
    assert "<script>" not in rendered and "<strong>bold" not in rendered
    assert "<a href" not in rendered
    # each table row stays one row of the right width: the pipe did not split a cell
    for row in re.findall(r"<tr>(.*?)</tr>", rendered, re.S):
        assert row.count("<td>") in (0, 3, 4, 5)


def test_a_new_claims_file_shows_everything_as_added(newsroom, capsys):
    newsroom.git("mv", "claims.yaml", "fact-checks.yaml")
    newsroom.commit("Rename")
    newsroom.git("mv", "fact-checks.yaml", "claims.yaml")
    out = run_diff(capsys, "HEAD")
    assert "> claims.yaml does not exist at the base: every claim is new." in out
    assert "2 claims added" in out


def test_an_empty_repository_has_no_base(tmp_path, monkeypatch, capsys, newsroom):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for rel in ("claims.yaml", "content/sources/kursk-evacuation.txt",
                "content/sources/sudzha-gas.txt"):
        (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
        (fresh / rel).write_bytes((newsroom.path / rel).read_bytes())
    newsroom.git("init", "-q", str(fresh))
    monkeypatch.chdir(fresh)
    out = run_diff(capsys)
    assert "Compared with an empty repository: 2 claims added" in out


def test_broken_working_tree_is_reported_not_crashed(newsroom, capsys):
    newsroom.write("claims.yaml", newsroom.read("claims.yaml") + "  - id: [oops\n")
    out = run_diff(capsys)
    assert "has errors that stop it from loading" in out
    assert "`yaml-syntax`" in out


def test_a_claims_file_in_a_subfolder(newsroom, capsys):
    text = newsroom.read("claims.yaml").replace("file: content/sources/", "file: sources/")
    newsroom.git("rm", "-q", "claims.yaml")
    newsroom.write("content/claims.yaml", text)
    newsroom.commit("Move claims next to the sources")
    text = newsroom.read("content/claims.yaml").replace("verdict: accurate",
                                                        "verdict: inaccurate")
    newsroom.write("content/claims.yaml", text)
    out = run_diff(capsys, "HEAD", "--claims", "content/claims.yaml", status=1)
    assert "| `three-thousand-evacuated` | Accurate | **Inaccurate** |" in out
    assert "`verdict-change-unlogged`" in out  # a published verdict, changed silently


def test_output_can_be_appended_to_a_step_summary(newsroom, tmp_path, capsys):
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step\n", "utf-8")
    assert main(["diff", "--append", "-o", str(summary)]) == 0
    assert capsys.readouterr().out == ""
    text = summary.read_text("utf-8")
    assert text.startswith("## Earlier step\n## Fact-check review\n")


@pytest.mark.parametrize("argv, message", [
    (["diff", "no-such-rev"], "unknown git revision 'no-such-rev'"),
    (["diff", "--claims", "nowhere/claims.yaml"], "no such folder"),
])
def test_bad_base_or_path_exits_2(newsroom, capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_outside_git_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "claims.yaml").write_text("sources: []\nclaims: []\n", "utf-8")
    assert main(["diff"]) == 2
    assert "is not in a git repository" in capsys.readouterr().err


STORY = """\
story: {id: gas, title: Gas through Sudzha, published: 2024-08-08}
claims:
  - id: gas-stable
    claim: Gas flows were stable.
    verdict: accurate
    summary: A spokesperson said so.
    citations:
      - source: sudzha-gas
        quote: Gas flows were “stable”, a spokesperson said
        stance: supports
"""


def test_story_files_are_read_at_the_base_as_well(newsroom, capsys):
    """A claim that lives in a story file is compared with that file at the base."""
    edit_claims(newsroom, ("sources:\n", "include: [stories/*.yaml]\nsources:\n"))
    newsroom.write("stories/gas.yaml", STORY)
    newsroom.commit("Gas story in a file of its own")
    newsroom.write("stories/gas.yaml", STORY.replace("verdict: accurate",
                                                     "verdict: mostly-accurate"))
    newsroom.write("stories/new.yaml", STORY.replace("{id: gas,", "{id: gas2,").replace(
        "gas-stable", "gas-stable-again"))
    out = run_diff(capsys, "HEAD", status=1)
    assert "1 claim added; 1 claim edited; 1 verdict changed" in out
    assert "| `gas-stable` | Accurate | **Mostly accurate** |" in out
    assert "- `gas-stable-again`: Gas flows were stable." in out
    assert "`gas-still-flowing`" not in out  # unchanged in claims.yaml


def test_a_story_edit_shows_its_own_fields(newsroom, capsys):
    """A story's headline, dek, introduction, byline and dates are editorial text too."""
    edit_claims(newsroom, ("sources:\n", "authors:\n"
                           "  - {id: ana, name: Ana Lima, role: Fact-checker}\n"
                           "  - {id: ben, name: Ben Okafor, role: Editor}\n"
                           "include: [stories/*.yaml]\nsources:\n"))
    story = STORY.replace("story: {id: gas, title: Gas through Sudzha, published: 2024-08-08}",
                          "story:\n  id: gas\n  title: Gas through Sudzha\n"
                          "  dek: The transit point, checked.\n  published: 2024-08-08\n"
                          "  authors: [ana]\n  intro: Two claims went round.\n")
    newsroom.write("stories/gas.yaml", story)
    newsroom.commit("Gas story")
    newsroom.write("stories/gas.yaml", story
                   .replace("title: Gas through Sudzha", "title: Gas still through Sudzha")
                   .replace("dek: The transit point, checked.", "dek: The transit point.")
                   .replace("published: 2024-08-08", "published: 2024-08-08\n"
                            "  updated: 2024-08-10")
                   .replace("authors: [ana]", "authors: [ana, ben]")
                   .replace("intro: Two claims went round.", "intro: Three claims went round."))
    out = run_diff(capsys, "HEAD")
    assert "Compared with" in out and "1 story edited." in out
    assert ("- edited `gas`: changed `title`, `dek`, `updated`, `authors`, `intro`\n"
            "  - `title`: Gas \\{+still+\\} through Sudzha\n"
            "  - `dek`: The transit \\[-point, checked.-\\]\\{+point.+\\}\n"
            "  - `updated`: not set → 2024-08-10\n"
            "  - `authors`: ana → ana, ben\n"
            "  - `intro`: \\[-Two-\\]\\{+Three+\\} claims went round.\n") in out
    assert "claims edited" not in out.lower() and "Claims edited" not in out


def test_stories_added_and_removed_are_listed(newsroom, capsys):
    edit_claims(newsroom, ("sources:\n", "include: [stories/*.yaml]\nsources:\n"))
    newsroom.write("stories/gas.yaml", STORY)
    newsroom.commit("Gas story")
    (newsroom.path / "stories" / "gas.yaml").unlink()
    newsroom.write("stories/flows.yaml", STORY.replace("{id: gas, title: Gas through Sudzha",
                                                      "{id: flows, title: Flows <b>held</b>"))
    out = run_diff(capsys, "HEAD")
    assert "1 story added; 1 story removed." in out
    assert "<li>added <code>flows</code>: Flows &lt;b&gt;held&lt;/b&gt;</li>" in html(out)
    assert "- removed `gas`: Gas through Sudzha" in out


GAS_CLAIM = """\
  - id: final-transit-point
    claim: Sudzha is the final transit point for Russian gas to Europe.
    verdict: accurate
    summary: The operator said so.
    citations:
      - source: kursk-evacuation
        quote: It’s the “final” gas transit point to Europe, the operator said.
        stance: supports
"""


def test_an_added_claim_shows_evidence_it_may_have_missed(newsroom, capsys):
    newsroom.git("checkout", "-q", "-b", "transit")
    edit_claims(newsroom, ("  - id: three-thousand-evacuated\n",
                           GAS_CLAIM + "  - id: three-thousand-evacuated\n"))
    newsroom.commit("Gas: transit point")
    out = run_diff(capsys)
    section = out.split("### Evidence you may have missed\n", 1)[1].split("###", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    # another source's sentence on the same route is offered; the cited one is not
    assert lines == ["- `final-transit-point`: `sudzha-gas`, paragraph 1: The Sudzha "
                     "metering station is the last working route for Russian gas "
                     "through Ukraine."]


def test_unchanged_claims_get_no_suggestions(newsroom, capsys):
    newsroom.git("checkout", "-q", "-b", "nothing")
    edit_claims(newsroom, ("summary: The regional report gives the figure.",
                           "summary: The regional report gives this figure."))
    newsroom.commit("Wording")
    out = run_diff(capsys)
    # gas-still-flowing has an uncited passage (the metering station), but it did not change
    missed = out.split("### Evidence you may have missed\n", 1)[-1].split("###")[0]
    assert "`gas-still-flowing`" not in missed


@pytest.mark.parametrize("status, exit_status", [("draft", 0), ("review", 0),
                                                 ("published", 1)])
def test_only_a_published_verdict_needs_a_correction_to_change(newsroom, capsys, status,
                                                               exit_status):
    """A verdict readers saw changes only with a correction naming it; a draft's or a
    claim in review's may change freely, since no reader saw it."""
    edit_claims(newsroom, ("    verdict: mostly-accurate\n",
                           f"    verdict: mostly-accurate\n    status: {status}\n"))
    newsroom.commit("Gas claim at " + status)
    edit_claims(newsroom, ("verdict: mostly-accurate", "verdict: misleading"))
    out = run_diff(capsys, "HEAD", status=exit_status)
    assert ("`verdict-change-unlogged`" in out) == (exit_status == 1)
    if exit_status:
        assert "changed from \\`mostly-accurate\\` to \\`misleading\\`" in out
