"""Runs notebooks with nbclient in whatever Python runs this file, and prints a JSON summary of their outputs.

test_dist.py runs it with a fresh venv's Python, so the kernel, nbclient and jupyter_client are that venv's.
usage: python run_notebooks.py NOTEBOOK... (each run with its own folder as the working directory)
"""

import json
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

summary = []
for name in sys.argv[1:]:
    path = pathlib.Path(name).resolve()
    nb = nbformat.read(path, as_version=4)
    t = time.time()
    error = None
    try:
        NotebookClient(nb, timeout=180, kernel_name="actigrad", resources={"metadata": {"path": str(path.parent)}}).execute()
    except Exception as e:  # NB: reported, not raised, so the test can assert on what the user would see
        error = f"{type(e).__name__}: {e}"
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    summary.append({
        "notebook": path.name,
        "seconds": round(time.time() - t, 2),
        "error": error,
        "mimes": [sorted(o.get("data", {})) for o in outputs if o.output_type in ("display_data", "execute_result")],
        "stdout": "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == "stdout"),
        "errors": [{"ename": o.ename, "evalue": o.evalue, "traceback": o.traceback} for o in outputs if o.output_type == "error"],
    })
print(json.dumps(summary))
