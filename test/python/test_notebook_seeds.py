"""The notebooks' training claims hold for other seeds: each notebook that takes its seeds from `runSeed`/`acrossSeeds`
runs again with ACTIGRAD_SEED = 1…4 (test_notebooks.py runs the default, 0), with ACTIGRAD_CLAIMS=report so one run
lists every failed claim, not just the first."""

import os
import re
from concurrent.futures import ProcessPoolExecutor

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import KERNEL_NAME, NOTEBOOKS

SEEDS = [1, 2, 3, 4]
SEEDED = re.compile(r"\b(runSeed|acrossSeeds)\(")


def seeded_notebooks():
    """Notebooks whose code cells call runSeed(…) or acrossSeeds(…) (an import alone does not count)."""
    found = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(SEEDED.search(c.source) for c in nb.cells if c.cell_type == "code"):
            found.append(path)
    return found


PATHS = seeded_notebooks()


def run(path, seed):
    """Execute one notebook under ACTIGRAD_SEED=seed; return its claims (✓/✗ lines), errors and stderr."""
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, ACTIGRAD_SEED=str(seed), ACTIGRAD_CLAIMS="report")
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}})
    crashed = ""
    try:
        client.execute(env=env)
    except CellExecutionError as e:
        crashed = str(e)[-2000:]
    passed, failed, problems = 0, [], []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.output_type == "stream" and o.name == "stdout":
                passed += sum(line.startswith("✓ ") for line in o.text.splitlines())
                failed += [f"cell {i}: {line}" for line in o.text.splitlines() if line.startswith("✗ ")]
            elif o.output_type == "stream":
                problems.append(f"cell {i} stderr: {o.text[:500]}")
            elif o.output_type == "error":
                problems.append(f"cell {i} {o.ename}: {o.evalue[:500]}")
    return {"passed": passed, "failed": failed, "problems": problems, "crashed": crashed}


@pytest.fixture(scope="module")
def results():
    # NB: two kernels at a time; each notebook run is independent (its own kernel and environment)
    jobs = [(p, s) for p in PATHS for s in SEEDS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {(p.name, s): pool.submit(run, p, s) for p, s in jobs}
        return {k: f.result() for k, f in futures.items()}


def test_the_training_notebooks_take_their_seeds_from_the_claim_helper():
    names = {p.name for p in PATHS}
    for n in ["05-relu-intuition.ipynb", "06-vanishing-exploding-gradients.ipynb", "12-iid-data.ipynb"]:
        assert n in names, f"{n} should take its training seeds from runSeed/acrossSeeds"


def test_the_seed_reaches_the_kernel():
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "TypeScript (actigrad)", "language": "typescript"}})
    nb.cells = [nbformat.v4.new_code_cell('import { runSeed, acrossSeeds } from "actigrad";\n'
                                          'console.log(runSeed(6), acrossSeeds(3, (s) => s).seeds.join(","));')]
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute(
        env=dict(os.environ, ACTIGRAD_SEED="3"))
    assert nb.cells[0].outputs[0].text.strip() == "9 3,4,5"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_every_claim_holds_for_this_seed(results, path, seed):
    r = results[(path.name, seed)]
    assert not r["failed"], f"{path.name} with ACTIGRAD_SEED={seed}:\n" + "\n".join(r["failed"])
    assert not r["problems"] and not r["crashed"], f"{path.name} with ACTIGRAD_SEED={seed}: {r['problems']} {r['crashed']}"
    assert r["passed"] > 0, f"{path.name} printed no checked claim"
