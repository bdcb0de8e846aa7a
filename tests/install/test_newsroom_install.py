"""A newsroom adopts the tool: a wheel, a clean virtualenv, `factcheck init`, a site.

Everything runs as a newsroom would run it, outside this source tree: the wheel is
built from the repository, installed into a fresh virtualenv in a temporary folder,
and every command is that virtualenv's own. If the wheel missed a template or a
starter file, or the package only worked from the source tree, this fails.

The pre-commit hook init writes installs the tool from its pinned requirement into
pre-commit's own environment; here that requirement is the wheel's path (the
package is not on PyPI yet), so the hook runs exactly the config a newsroom gets.
Both environments are installed as a newsroom's are, from requirements.txt (the
tool and its locked dependencies), and hold exactly the versions it pins.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STARTER_REQUIREMENTS = REPO / "generator" / "editor" / "starter" / "requirements.txt"

pytestmark = pytest.mark.install
NOT_SOURCE = (".git", ".venv*", "*.egg-info", "__pycache__", ".hypothesis", "mutants",
              "artifacts", "node_modules")
BUILT = ("build", "dist", "site")  # at the top only: generator/site/ is source


def not_source(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree's ignore: what a build or a run left in the checkout."""
    skipped = set(shutil.ignore_patterns(*NOT_SOURCE)(folder, names))
    if Path(folder) == REPO:
        skipped |= set(BUILT) & set(names)
    return skipped


def run(cmd: list[str], cwd: Path, env: dict | None = None,
        timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return done


def clean_env(home: Path) -> dict[str, str]:
    """No trace of this checkout or the test's virtualenv: PATH, PYTHONPATH, HOME."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PRE_COMMIT", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(REPO)) and
                                  Path(p) != Path(sys.executable).parent)
    env["HOME"] = str(home)
    env["PYTHONWARNINGS"] = "ignore"
    return env


class Headings(HTMLParser):
    """The text of every <h1> on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self._depth += 1
            self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "h1":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.h1[-1] += data


def front_page_title(site: Path) -> list[str]:
    parser = Headings()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return [h.strip() for h in parser.h1]


def locked_here() -> dict[str, str]:
    """name -> version of each starter pin whose platform marker holds here."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    lines = STARTER_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    pins = [Requirement(line) for line in lines if line and not line.startswith(("#", "@"))]
    return {canonicalize_name(pin.name): str(pin.specifier).removeprefix("==")
            for pin in pins if pin.marker is None or pin.marker.evaluate()}


def assert_locked_versions(python: Path, cwd: Path, env: dict) -> None:
    """The environment of ``python`` holds every locked dependency at its version."""
    from packaging.utils import canonicalize_name

    listed = ok(run([str(python), "-c", "import importlib.metadata as m\n"
                     "for d in m.distributions(): print(d.metadata['Name'], d.version)"],
                    cwd=cwd, env=env)).stdout.split("\n")
    found = {canonicalize_name(name): version
             for name, version in (line.split() for line in listed if line)}
    want = locked_here()
    assert want and {name: found.get(name) for name in want} == want


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """The wheel, and a fresh virtualenv (outside the repository) with it installed."""
    work = tmp_path_factory.mktemp("newsroom-install")
    env = clean_env(work)
    wheels = work / "wheels"
    # built from a copy: setuptools writes build/ and *.egg-info into the tree it builds
    source = work / "source"
    shutil.copytree(REPO, source, ignore=not_source)
    ok(run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
            str(source)], cwd=work, env=env))
    (wheel,) = wheels.glob("factcheck_site-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    # what a newsroom's requirements.txt installs, and ProperDocs
    requirements = work / "requirements.txt"
    requirements.write_text(STARTER_REQUIREMENTS.read_text(encoding="utf-8").replace(
        "@@REQUIREMENT@@", f"{wheel}[properdocs]"), encoding="utf-8")
    ok(run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "-r", str(requirements)],
           cwd=work, env=env))
    assert_locked_versions(bin_dir / "python", work, env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(env_dir)
    return {"work": work, "wheel": wheel, "bin": bin_dir, "env": env}


def test_the_wheel_installs_a_working_tool_outside_the_source_tree(installed):
    """The installed package is the wheel's copy, not this checkout."""
    where = ok(run([str(installed["bin"] / "python"), "-c",
                    "import generator; print(generator.__file__)"],
                   cwd=installed["work"], env=installed["env"])).stdout.strip()
    assert Path(where).is_relative_to(installed["work"] / "venv"), where
    assert not Path(where).is_relative_to(REPO)


def test_init_then_check_and_both_builders_produce_the_site(installed, tmp_path):
    """The Done-when of issue 10: init, check --strict, mkdocs and properdocs --strict."""
    bin_dir, env = installed["bin"], installed["env"]
    pub = tmp_path / "our-fact-checks"
    made = ok(run([str(bin_dir / "factcheck"), "init", str(pub), "--title", "Desk checks"],
                  cwd=tmp_path, env=env))
    assert "factcheck-site==" in made.stdout  # CI and hook pin the installed release

    checked = ok(run([str(bin_dir / "factcheck"), "check", "--strict"], cwd=pub, env=env))
    assert "All clear" in checked.stdout

    ok(run([str(bin_dir / "mkdocs"), "build", "--strict"], cwd=pub, env=env))
    ok(run([str(bin_dir / "properdocs"), "build", "--strict", "-f", "mkdocs.yml",
            "-d", "site-properdocs"], cwd=pub, env=env))
    for site in (pub / "site", pub / "site-properdocs"):
        assert front_page_title(site) == ["Desk checks"], site
        # the example story is a draft: checked, but nothing of it is published
        assert not (site / "claims" / "example-claim").exists()
        assert not (site / "sources" / "example-source").exists()
    story = pub / "stories" / "example.yaml"
    story.write_text(story.read_text("utf-8").replace("status: draft", "status: published"),
                     encoding="utf-8")
    ok(run([str(bin_dir / "mkdocs"), "build", "--strict"], cwd=pub, env=env))
    assert (pub / "site" / "claims" / "example-claim" / "index.html").exists()
    assert (pub / "site" / "sources" / "example-source" / "index.html").exists()


def _git(repo: Path, env: dict, *args: str) -> str:
    return ok(run(["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org",
                   "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                  cwd=repo, env=env)).stdout


def test_the_hook_fires_on_a_source_edit_in_a_non_default_layout(installed, tmp_path):
    """Sources moved out of content/sources/: editing one still runs the check.

    pre-commit installs the hook's own environment from the pinned requirement in
    the generated .pre-commit-config.yaml (here: the wheel's path)."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    env = {**installed["env"], "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pub = tmp_path / "newsroom"
    ok(run([str(installed["bin"] / "factcheck"), "init", str(pub),
            "--requirement", str(installed["wheel"])], cwd=tmp_path, env=env))
    archive = pub / "archive" / "2024"
    archive.mkdir(parents=True)
    (pub / "content/sources/example-source.txt").rename(archive / "statement.txt")
    claims = (pub / "claims.yaml").read_text(encoding="utf-8")
    claims = claims.replace("file: content/sources/example-source.txt",
                            "file: archive/2024/statement.txt")
    (pub / "claims.yaml").write_text(claims, encoding="utf-8")
    _git(pub, env, "init", "-q")
    _git(pub, env, "add", ".")

    def hook() -> subprocess.CompletedProcess:
        return run([pre_commit, "run"], cwd=pub, env=env)

    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"factcheck \(verify citations\)\.+Passed", passed.stdout)
    # the hook's own environment: the wheel and exactly the locked dependencies
    (hook_python,) = (tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/python")
    assert_locked_versions(hook_python, pub, env)
    _git(pub, env, "commit", "-q", "-m", "A new publication")

    source = archive / "statement.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "compares each quote with this text", "compares most quotes with this text"),
        encoding="utf-8")
    _git(pub, env, "add", "archive/2024/statement.txt")
    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"factcheck \(verify citations\)\.+Failed", failed.stdout)
    assert "error[quote-not-found]" in failed.stdout
