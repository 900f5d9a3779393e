"""Every notebook runs top to bottom on the actigrad kernel and exports to HTML with its figures as SVG."""

import base64
import html.parser
import json
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from actigrad_renderer.export import ActigradHTMLExporter
from conftest import ARTIFACTS, KERNEL_NAME, MIME, NOTEBOOKS, ROOT

SVG = "{http://www.w3.org/2000/svg}"
NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
TIMINGS = {}
# Every figure payload each notebook displayed, for the series-wide figure checks at the end of this file.
SERIES = {}
SERIES_FILE = ARTIFACTS / "series-payloads.jsonl"


def test_there_are_notebooks():
    assert NOTEBOOK_PATHS, f"no notebooks in {NOTEBOOKS}"


LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)(?:#[^)]*)?\)")


def notebook_links(path):
    nb = nbformat.read(path, as_version=4)
    return [m for c in nb.cells if c.cell_type == "markdown" for m in LINK.findall(c.source)]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.name for p in NOTEBOOK_PATHS])
def test_notebook_links_resolve(path):
    broken = [t for t in notebook_links(path) if "://" not in t and not (path.parent / t).is_file()]
    assert not broken, f"{path.name} links to missing notebooks: {broken}"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=[p.name for p in NOTEBOOK_PATHS])
def test_claims_are_checked_with_the_library_helper(path):
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert re.search(r"\bclaim\(", code), f"{path.name} checks no claim with claim() from actigrad"
    assert not re.search(r"function (check|claim)\(", code), f"{path.name} defines its own checker; use claim() from actigrad"


def test_the_tour_indexes_the_series_in_order():
    series = [p.name for p in NOTEBOOK_PATHS if re.match(r"(0[1-9]|1[0-9])-", p.name)]
    linked = [t for t in notebook_links(NOTEBOOKS / "00-tour.ipynb") if t in series]
    assert linked == series, f"00-tour.ipynb should link {series} in order, links {linked}"


@pytest.fixture(scope="module", params=NOTEBOOK_PATHS, ids=[p.name for p in NOTEBOOK_PATHS])
def executed(request):
    path = request.param
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME, f"{path.name} must use the actigrad kernel"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{path.name} must be committed without outputs"
    t = time.perf_counter()
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    TIMINGS[path.name] = time.perf_counter() - t
    SERIES[path.name] = [
        {"where": f"{path.name} cell {i}", "payload": o.data[MIME]}
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if MIME in o.get("data", {}) and isinstance(o.data[MIME], dict)
    ]
    return path, nb


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_runs_without_errors(executed):
    path, nb = executed
    errors = [o for o in outputs(nb) if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, f"{path.name}: {errors}"
    print(f"{path.name} executed in {TIMINGS[path.name]:.2f} s")


def test_figures_carry_json_svg_and_text_in_one_output(executed):
    path, nb = executed
    figs = [o for o in outputs(nb) if MIME in o.get("data", {})]
    assert figs, f"{path.name} shows no actigrad figure"
    for o in figs:
        assert isinstance(o.data[MIME], dict), "the payload must be JSON, not a string"
        assert {"image/svg+xml", "text/plain"} <= set(o.data)


# NB: a figure "draws" when it keeps its marks: a long path (curves, contours) or many primitives (the network
# figure draws its graph with lines and rects). An SVG that export emptied has neither.
PRIMITIVES = {"line", "polyline", "polygon", "circle", "ellipse", "rect"}


def drawn_paths(svg_text):
    root = ET.fromstring(svg_text)
    paths = [p for p in root.iter(SVG + "path") if len(p.get("d", "")) > 50]
    marks = [e for e in root.iter() if e.tag.removeprefix(SVG) in PRIMITIVES]
    return paths or (marks if len(marks) >= 20 else [])


class SvgCollector(html.parser.HTMLParser):
    """Collects each inline <svg> of actigrad figures and each SVG <img> from an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline, self.images, self._depth, self._paths, self._marks = [], [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self._depth += 1
            if self._depth == 1:
                self._paths = self._marks = 0
        elif tag == "path" and self._depth and len(a.get("d", "")) > 50:
            self._paths += 1
        elif tag in PRIMITIVES and self._depth:
            self._marks += 1
        elif tag == "img" and a.get("src", "").startswith("data:image/svg+xml;base64,"):
            self.images.append(base64.b64decode(a["src"].split(",", 1)[1]).decode())

    def handle_endtag(self, tag):
        if tag == "svg":
            self._depth -= 1
            if self._depth == 0:
                self.inline.append(self._paths or (self._marks if self._marks >= 20 else 0))


def test_actigrad_html_export_inlines_every_figure_as_svg(executed):
    path, nb = executed
    n = sum(MIME in o.get("data", {}) for o in outputs(nb))
    body, _ = ActigradHTMLExporter().from_notebook_node(nb)
    page = SvgCollector()
    page.feed(body)
    drawn = [k for k in page.inline if k > 0]
    assert len(drawn) >= n, f"{path.name}: {n} figures but {len(drawn)} inline SVGs that draw paths"
    assert "<title>" in body


def test_stock_html_export_keeps_every_figure_as_svg_image(executed):
    path, nb = executed
    n = sum(MIME in o.get("data", {}) for o in outputs(nb))
    body, _ = HTMLExporter().from_notebook_node(nb)
    page = SvgCollector()
    page.feed(body)
    assert len([s for s in page.images if drawn_paths(s)]) >= n


def test_every_series_figure_draws_the_same_both_ways_and_its_svg_labels_fit():
    """Runs last: every figure the series displayed, drawn as the static SVG and as the Lab plotly figure from one
    scene (test/unit/figure-agreement.test.ts with ACTIGRAD_SERIES_PAYLOADS). It also leaves the payloads in
    test/artifacts for the browser suite, which draws them in JupyterLab."""
    assert sorted(SERIES) == [p.name for p in NOTEBOOK_PATHS], "runs after every notebook has run"
    lines = [json.dumps(x) for name in sorted(SERIES) for x in SERIES[name]]
    assert len(lines) > 40
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    SERIES_FILE.write_text("\n".join(lines) + "\n")
    r = subprocess.run(
        [str(ROOT / "node_modules/.bin/vitest"), "run", "--project", "unit", "test/unit/figure-agreement.test.ts"],
        cwd=ROOT, env={**os.environ, "ACTIGRAD_SERIES_PAYLOADS": str(SERIES_FILE), "NO_COLOR": "1"},
        capture_output=True, text=True, timeout=600,
    )
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-4000:]
    assert "every figure of the notebook series" in out, out[-2000:]
