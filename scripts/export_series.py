"""Executes every notebook in notebooks/ on the actigrad kernel and writes the series as offline HTML.

Usage: npm run export:html  [-- --out DIR]   (default build/notebooks-html)

Each notebook becomes NN-name.html with its figures inlined as SVG (the actigrad_html exporter), links
between notebooks point at the .html pages, and index.html lists the series in order with run times.
"""

import argparse
import html
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

from actigrad_renderer.export import ActigradHTMLExporter

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LINK = re.compile(r"\]\((\d\d-[\w.-]+)\.ipynb(#[\w-]*)?\)")


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def export(out):
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    exporter = ActigradHTMLExporter()
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        t = time.perf_counter()
        NotebookClient(nb, kernel_name="actigrad", timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        seconds = time.perf_counter() - t
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", cell.source)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title_of(nb, path.stem)}})
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
        rows.append((path.stem, title_of(nb, path.stem), seconds))
        print(f"{path.name}: {seconds:.1f} s", flush=True)
    items = "\n".join(
        f'<li><a href="{html.escape(stem)}.html">{html.escape(title)}</a> <small>({s:.1f} s)</small></li>' for stem, title, s in rows
    )
    total = sum(s for *_, s in rows)
    (out / "index.html").write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>actigrad: the notebook series</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}small{color:#666}</style></head>"
        f"<body><h1>Why the derivative of the activation function matters</h1><ol start=\"0\">{items}</ol>"
        f"<p><small>Executed on the TypeScript (actigrad) kernel in {total:.1f} s on {time.strftime('%Y-%m-%d')}.</small></p></body></html>\n",
        encoding="utf-8",
    )
    print(f"series: {len(rows)} notebooks in {total:.1f} s -> {out / 'index.html'}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "notebooks-html")
    export(ap.parse_args().out.resolve())
    sys.exit(0)
