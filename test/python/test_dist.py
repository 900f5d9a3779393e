"""actigrad outside this repository: `npm run dist`'s wheel in a fresh venv with only JupyterLab, notebooks run from a
folder with no node_modules above it, and the binder/ steps run the way repo2docker runs them."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile

import nbformat
import pytest
import yaml

from conftest import MIME, NOTEBOOKS, ROOT

RUNNER = pathlib.Path(__file__).parent / "outside" / "run_notebooks.py"
# NB: the repo's own .venv must not leak into the fresh environment through PATH.
CLEAN_PATH = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if not p.startswith(str(ROOT)))


def run(*args, **kw):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{args} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


def clean_env(venv):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "ACTIGRAD"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{CLEAN_PATH}"
    return env


def make_venv(where):
    run("python3", "-m", "venv", where, env={**os.environ, "PATH": CLEAN_PATH})
    return where


def run_notebooks(venv, paths):
    r = run(venv / "bin" / "python", RUNNER, *paths, env=clean_env(venv), cwd=paths[0].parent)
    return {s["notebook"]: s for s in json.loads(r.stdout.strip().splitlines()[-1])}


def no_node_modules_above(folder):
    return not any((d / "node_modules").exists() for d in [folder, *folder.parents])


@pytest.fixture(scope="module")
def dist():
    run("node", ROOT / "scripts" / "dist.mjs", cwd=ROOT)
    [wheel] = (ROOT / "dist").glob("actigrad-*.whl")
    [tarball] = (ROOT / "dist").glob("actigrad-*.tgz")
    return wheel, tarball


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, dist):
    """A new venv with JupyterLab 4.4 (the dev venv has 4.5) and the wheel, nothing else."""
    venv = make_venv(tmp_path_factory.mktemp("fresh") / "v")
    run(venv / "bin" / "pip", "install", "-q", "--disable-pip-version-check", "jupyterlab>=4.4,<4.5", dist[0], env=clean_env(venv))
    return venv


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory):
    """A folder outside the repository with the tour, a figure-heavy notebook and a notebook of kernel basics."""
    folder = tmp_path_factory.mktemp("course")
    assert no_node_modules_above(folder)
    for name in ["00-tour.ipynb", "05-relu-intuition.ipynb"]:
        shutil.copy(NOTEBOOKS / name, folder / name)
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "actigrad", "display_name": "TypeScript (actigrad)", "language": "typescript"}})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in [
        'import { activation, display, show } from "actigrad";\nconsole.log("node", process.version.split(".")[0], activation("relu").id);',
        "const waited: number = await new Promise((r) => setTimeout(() => r(42), 20));\nconsole.log(`waited ${waited}`);",
        'const h = display({ "text/plain": "step 0" });\nh.update({ "text/plain": "step 1" });\nshow(activation("tanh"));',
        # every subpath resolves from the wheel (tslab's Node10 resolution reads the lib/<name>/package.json stubs)
        'import { mlp } from "actigrad/nn";\nimport { topoSort } from "actigrad/autodiff";\nimport { CATALOG } from "actigrad/catalog";\n'
        'import { gemmNN } from "actigrad/kernels";\nimport { validatePayload } from "actigrad/figure";\n'
        'console.log("subpaths", [mlp, topoSort, gemmNN, validatePayload].every((f) => typeof f === "function"), CATALOG.length > 20);',
        'activation("no_such_activation");',
    ]]
    nbformat.write(nb, folder / "basics.ipynb")
    return folder


def test_dist_builds_a_wheel_and_an_npm_tarball(dist):
    wheel, tarball = dist
    assert wheel.name == "actigrad-0.1.0-py3-none-any.whl"
    with tarfile.open(tarball) as t:
        names = t.getnames()
        pkg = json.load(t.extractfile("package/package.json"))
    assert "package/dist/index.js" in names and "package/dist/index.d.ts" in names
    assert not any(n.startswith("package/src/") for n in names), "the tarball ships the build, not the sources"
    assert pkg["main"] == "dist/index.js" and pkg["types"] == "dist/index.d.ts" and pkg["license"]


def test_the_renderer_is_enabled_and_the_kernel_listed(fresh):
    r = run(fresh / "bin" / "jupyter", "labextension", "list", env=clean_env(fresh))
    line = next(l for l in (r.stdout + r.stderr).splitlines() if "@actigrad/jupyterlab-renderer" in l)
    assert "enabled" in line and "OK" in line, line
    specs = json.loads(run(fresh / "bin" / "jupyter", "kernelspec", "list", "--json", env=clean_env(fresh)).stdout)["kernelspecs"]
    assert specs["actigrad"]["spec"]["display_name"] == "TypeScript (actigrad)"
    assert pathlib.Path(specs["actigrad"]["resource_dir"]).is_relative_to(fresh)


def test_notebooks_run_outside_the_repository(fresh, elsewhere):
    results = run_notebooks(fresh, [elsewhere / n for n in ["basics.ipynb", "00-tour.ipynb", "05-relu-intuition.ipynb"]])
    basics = results["basics.ipynb"]
    # console, process and setTimeout type-check and run (TS2584 without @types/node), and actigrad is found
    assert "node v2" in basics["stdout"] and "relu" in basics["stdout"] and "waited 42" in basics["stdout"], basics
    assert "subpaths true true" in basics["stdout"], basics
    assert [MIME, "image/svg+xml", "text/plain"] in basics["mimes"]
    [err] = basics["errors"]
    assert "no_such_activation" in err["evalue"] and "sigmoid" in err["evalue"], err  # names the valid choices
    assert any("Cell In[5]" in line for line in err["traceback"]), err["traceback"]
    for name in ["00-tour.ipynb", "05-relu-intuition.ipynb"]:
        assert results[name]["error"] is None, results[name]
        figures = [m for m in results[name]["mimes"] if MIME in m]
        assert figures and all("image/svg+xml" in m for m in figures), results[name]["mimes"]


def test_without_node_the_kernel_says_so_in_one_line(fresh, tmp_path):
    env = {"PATH": str(fresh / "bin"), "HOME": str(tmp_path)}
    r = subprocess.run([fresh / "bin" / "python", "-m", "actigrad", "-f", tmp_path / "none.json"], capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Node.js >= 20" in r.stderr and "no `node` on PATH" in r.stderr, r.stderr


def test_uninstalling_removes_the_kernel_and_the_renderer(fresh):
    run(fresh / "bin" / "pip", "uninstall", "-y", "-q", "actigrad", env=clean_env(fresh))
    specs = json.loads(run(fresh / "bin" / "jupyter", "kernelspec", "list", "--json", env=clean_env(fresh)).stdout)["kernelspecs"]
    assert "actigrad" not in specs
    r = run(fresh / "bin" / "jupyter", "labextension", "list", env=clean_env(fresh))
    assert "@actigrad/jupyterlab-renderer" not in r.stdout + r.stderr
    assert not (fresh / "share" / "jupyter" / "labextensions" / "@actigrad" / "jupyterlab-renderer").exists()


def test_binder_steps_as_repo2docker_runs_them(tmp_path):
    """binder/environment.yml's pip list into a clean venv (conda's python and nodejs are this machine's), then
    binder/postBuild from a copy of the repository's files, then the tour from its notebooks folder."""
    repo = tmp_path / "repo"
    for f in run("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout.splitlines():
        if (ROOT / f).is_file():
            (repo / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, repo / f)
    env_yml = yaml.safe_load((repo / "binder" / "environment.yml").read_text())
    conda = [d for d in env_yml["dependencies"] if isinstance(d, str)]
    assert any(d.startswith("nodejs") for d in conda) and any(d.startswith("python") for d in conda)
    [pip_deps] = [d["pip"] for d in env_yml["dependencies"] if isinstance(d, dict)]
    venv = make_venv(tmp_path / "srv")
    run(venv / "bin" / "pip", "install", "-q", "--disable-pip-version-check", *pip_deps, env=clean_env(venv))
    run("bash", repo / "binder" / "postBuild", cwd=repo, env=clean_env(venv))
    assert not (repo / "node_modules").exists() and no_node_modules_above(repo / "notebooks")
    results = run_notebooks(venv, [repo / "notebooks" / "00-tour.ipynb"])
    tour = results["00-tour.ipynb"]
    assert tour["error"] is None, tour
    assert any(MIME in m and "image/svg+xml" in m for m in tour["mimes"]), tour["mimes"]
