import { DOMParser } from "@xmldom/xmldom";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain, gradientThreeWays, net321, value } from "../../lib/src/autodiff";
import { net321Data } from "../../lib/src/data";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../lib/src/display";

const data = net321Data({ n: 4, seed: 7 });
const net = net321(3);
const chain = explain(net.loss(data), net.params.w14);
const three = gradientThreeWays(net321(3), data, "w14");

/** The HTML as a DOM, which also proves it well-formed. */
function parse(html: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => void (level !== "warning" && errors.push(msg)),
  }).parseFromString(html, "text/xml");
  expect(errors).toEqual([]);
  return doc;
}
const text = (n: { textContent: string | null }) => (n.textContent ?? "").replace(/\s+/g, " ").trim();
/** A table row's cells' text, joined by spaces. */
const rowText = (r: Element) =>
  Array.from(r.childNodes)
    .filter((c) => c.nodeType === 1)
    .map((c) => text(c as Element))
    .join(" ");

describe("explain() and gradientThreeWays() read without MathJax", () => {
  it.each([
    ["explain", chain[JUPYTER_DISPLAY]()],
    ["gradientThreeWays", three[JUPYTER_DISPLAY]()],
  ] as [string, MimeBundle][])("%s: text/plain, text/html and text/latex in one bundle", (_, bundle) => {
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/latex", "text/plain"]);
    const html = bundle["text/html"] as string;
    // nothing MathJax would have to typeset, and no raw LaTeX
    expect(html).not.toMatch(/[$\\]/);
    parse(html);
  });

  it("lists each path with its nodes, symbolic factors, their values and product, then the sum and backprop", () => {
    const doc = parse(chain.toHtml());
    const rows = Array.from(doc.getElementsByTagName("tbody")[0].getElementsByTagName("tr")).map((r) =>
      Array.from(r.getElementsByTagName("td")).map(text),
    );
    expect(rows).toHaveLength(4);
    const f = chain.paths[0].factors.filter((x) => x.label !== "1");
    expect(rows[0].slice(0, 3)).toEqual([
      "1",
      "w14 → p → σ(p) → q → h → y − h → (y − h)² → Σ(y − h)² → J",
      "x1 · σ′(p) · w46 · σ′(q) · −1 · 2·(y − h) · 0.5",
    ]);
    expect(rows[0][3]).toBe(
      f
        .map((x) => (x.value < 0 ? `(${Number(x.value.toPrecision(4))})` : String(Number(x.value.toPrecision(4)))))
        .join(" · ")
        .replace(/-/g, "−"),
    );
    expect(rows[0][4]).toBe(String(Number(chain.paths[0].product.toPrecision(4))).replace("-", "−"));
    expect(chain.toHtml()).toContain("w<sub>46</sub>");
    const foot = Array.from(doc.getElementsByTagName("tfoot")[0].getElementsByTagName("tr")).map(rowText);
    expect(foot[0]).toBe(`Σ over paths ${String(chain.sum).replace("-", "−")}`);
    expect(foot[1]).toMatch(
      new RegExp(`^backprop ∂J/∂w14 ${String(chain.grad).replace("-", "−")} \\(difference \\d\\.\\de[-+]\\d+\\)$`),
    );
  });

  it("escapes labels and cuts long path lists", () => {
    const x = value(2, "a<b & $c\\");
    let y = x;
    for (let i = 0; i < 3; i++) y = y.mul(y);
    const html = explain(y.named("L"), x).toHtml({ maxPaths: 2 });
    expect(html).toContain("a&lt;b\u00a0&amp;\u00a0&#36;c&#92;");
    expect(html).toContain("… and 6 more paths");
    parse(html);
  });

  it("shows the four numbers of gradientThreeWays in a table before the chain rule", () => {
    const doc = parse(three.toHtml());
    const rows = Array.from(doc.getElementsByTagName("table")[0].getElementsByTagName("tr")).map(rowText);
    expect(rows.map((r) => r.split(" ")[0])).toEqual(["chain", "formula", "backprop,", "central"]);
    expect(rows[2]).toBe(`backprop, J.backward() ${String(three.backprop).replace("-", "−")}`);
    expect(doc.getElementsByTagName("table")).toHaveLength(2);
  });
});

// NB: what nbconvert's HTML export picks is its priority list (html, markdown, svg, …, latex, …, plain), which the
// stock exporter applies; JupyterLab ranks html (50) before latex (70) too.
const PYTHON = ".venv/bin/python";
describe.runIf(existsSync(PYTHON))("nbconvert 7 exports the readable table, and LaTeX keeps its LaTeX", () => {
  it("HTML export shows the table, not raw $$\\begin{aligned}", () => {
    const outputs = [chain[JUPYTER_DISPLAY](), three[JUPYTER_DISPLAY]()].map((b) => ({
      output_type: "display_data",
      data: b,
      metadata: {},
    }));
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: "code", id: "c0", source: "explain(J, w14)", metadata: {}, execution_count: null, outputs }],
    };
    const script = [
      "import sys, json, nbformat",
      "from nbconvert import HTMLExporter",
      "from nbconvert.filters import DataTypeFilter",
      "nb = nbformat.reads(sys.stdin.read(), as_version=4)",
      "html, _ = HTMLExporter().from_notebook_node(nb)",
      "from nbconvert.exporters.latex import LatexExporter",
      "pick = DataTypeFilter(config=LatexExporter().default_config)",
      "print(json.dumps({'html': html, 'latex': [pick(o.data) for o in nb.cells[0].outputs]}))",
    ].join("\n");
    const out = JSON.parse(
      execFileSync(PYTHON, ["-c", script], { input: JSON.stringify(nb), encoding: "utf8", maxBuffer: 1 << 26 }),
    );
    const html: string = out.html;
    expect(html).not.toContain("begin{aligned}");
    expect(html).toContain("<td>x<sub>1</sub> · σ′(p) · w<sub>46</sub> · σ′(q) · −1 · 2·(y\u00a0−\u00a0h) · 0.5</td>");
    expect(html).toContain("<th>backprop, J.backward()</th>");
    expect(out.latex).toEqual([["text/latex"], ["text/latex"]]);
  });
});
