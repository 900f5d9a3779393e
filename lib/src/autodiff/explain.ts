import { JUPYTER_DISPLAY, type MimeBundle } from "../display";
import type { Explanation, GraphPath } from "../figure/data";
import { htmlLabel, latexLabel, latexNumber } from "./latex";
import { adjoints, argument, arity, localDerivative, localLabel, serialOf, topoSort, type Value } from "./value";

/** The id a node has in explanations and graph exports. */
export function nodeId(v: Value): string {
  return `v${serialOf(v)}`;
}

/** Options of the text and LaTeX renderings. */
export interface ChainRuleFormat {
  /** Paths shown before "… and N more" (default 8). */
  maxPaths?: number;
  /** Significant digits of the numbers (default 4). */
  digits?: number;
}

/**
 * ∂loss/∂param as the chain rule writes it: one product of local derivatives per path from the
 * parameter to the loss, and their sum. Plain data (an `Explanation`) plus text and LaTeX renderings.
 */
export class ChainRule implements Explanation {
  constructor(
    readonly param: string,
    readonly paramLabel: string,
    readonly paths: GraphPath[],
    readonly sum: number,
    readonly grad: number,
    /** The loss node's label, e.g. "J". */
    readonly lossLabel: string,
    /** Labels of every node on the paths, by id. */
    readonly labels: Readonly<Record<string, string>>,
  ) {}

  /** The derivative's name, e.g. "∂J/∂w14". */
  get name(): string {
    return `∂${this.lossLabel}/∂${this.paramLabel}`;
  }

  /** Path by path, the symbolic product and its numbers (factors equal to 1 — sums — left out). */
  toText(format: ChainRuleFormat = {}): string {
    const max = format.maxPaths ?? 8;
    const digits = format.digits ?? 4;
    const n = (x: number) => Number(x.toPrecision(digits)).toString().replace("-", "−");
    const lines = [
      `${this.name} by the chain rule: ${this.paths.length} path${this.paths.length === 1 ? "" : "s"} from ${this.paramLabel} to ${this.lossLabel}, ` +
        `each the product of the local derivatives along it (factors that are 1, from sums, left out)`,
    ];
    this.paths.slice(0, max).forEach((p, i) => {
      const f = p.factors.filter((x) => x.label !== "1");
      lines.push(`path ${i + 1}: ${p.nodes.map((id) => this.labels[id]).join(" → ")}`);
      lines.push(`  ${f.map((x) => x.label).join(" · ") || "1"}`);
      lines.push(
        `  = ${f.map((x) => (x.value < 0 ? `(${n(x.value)})` : n(x.value))).join(" · ") || "1"} = ${n(p.product)}`,
      );
    });
    if (this.paths.length > max) lines.push(`… and ${this.paths.length - max} more paths`);
    lines.push(`Σ over paths = ${this.sum}`);
    lines.push(`backprop ${this.name} = ${this.grad} (difference ${Math.abs(this.sum - this.grad).toExponential(1)})`);
    return lines.join("\n");
  }

  /** The same in LaTeX (an `aligned` block, without the surrounding $$). */
  toLatex(format: ChainRuleFormat = {}): string {
    const max = format.maxPaths ?? 8;
    const digits = format.digits ?? 4;
    const n = (x: number) => (x < 0 ? `(${latexNumber(x, digits)})` : latexNumber(x, digits));
    const d = `\\frac{\\partial ${latexLabel(this.lossLabel)}}{\\partial ${latexLabel(this.paramLabel)}}`;
    const rows = [`${d} &= \\sum_{\\text{paths}} \\prod_{\\text{edges}} \\text{local derivative}`];
    this.paths.slice(0, max).forEach((p, i) => {
      const f = p.factors.filter((x) => x.label !== "1");
      const sym =
        f.map((x) => (x.label.startsWith("−") ? `(${latexLabel(x.label)})` : latexLabel(x.label))).join("\\,") || "1";
      const nums = f.map((x) => n(x.value)).join("\\cdot ") || "1";
      rows.push(`\\text{path ${i + 1}:}\\quad & ${sym} = ${nums} = ${latexNumber(p.product, digits)}`);
    });
    if (this.paths.length > max) rows.push(`& \\dots\\ \\text{and ${this.paths.length - max} more paths}`);
    rows.push(`\\textstyle\\sum\\text{ over paths} &= ${latexNumber(this.sum, 12)}`);
    rows.push(`\\text{backprop: } ${d} &= ${latexNumber(this.grad, 12)}`);
    return `\\begin{aligned}\n${rows.join(" \\\\\n")}\n\\end{aligned}`;
  }

  /**
   * The same as an HTML table (paths, local derivatives, their numbers, products, the sum and backprop's value),
   * which reads without MathJax: what the offline HTML export and JupyterLab show.
   */
  toHtml(format: ChainRuleFormat = {}): string {
    const max = format.maxPaths ?? 8;
    const digits = format.digits ?? 4;
    const n = (x: number) => Number(x.toPrecision(digits)).toString().replace("-", "−");
    const name = `∂${htmlLabel(this.lossLabel)}/∂${htmlLabel(this.paramLabel)}`;
    const plural = this.paths.length === 1 ? "" : "s";
    const rows = this.paths.slice(0, max).map((p, i) => {
      const f = p.factors.filter((x) => x.label !== "1");
      const cells = [
        String(i + 1),
        p.nodes.map((id) => htmlLabel(this.labels[id])).join(" → "),
        f.map((x) => htmlLabel(x.label)).join(" · ") || "1",
        f.map((x) => (x.value < 0 ? `(${n(x.value)})` : n(x.value))).join(" · ") || "1",
        n(p.product),
      ];
      return `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
    });
    if (this.paths.length > max) rows.push(`<tr><td colspan="5">… and ${this.paths.length - max} more paths</td></tr>`);
    const foot = [
      ["Σ over paths", String(this.sum)],
      [`backprop ${name}`, `${this.grad} (difference ${Math.abs(this.sum - this.grad).toExponential(1)})`],
    ].map(([what, v]) => `<tr><th colspan="4">${what}</th><td>${v.replace(/^-/, "−")}</td></tr>`);
    return [
      `<div class="actigrad-chain-rule">`,
      `<p><b>${name}</b> by the chain rule: ${this.paths.length} path${plural} from ${htmlLabel(this.paramLabel)} to ` +
        `${htmlLabel(this.lossLabel)}, each the product of the local derivatives along it (factors that are 1, from sums, left out)</p>`,
      `<table>`,
      `<thead><tr><th>path</th><th>from ${htmlLabel(this.paramLabel)} to ${htmlLabel(this.lossLabel)}</th><th>local derivatives</th><th>their values</th><th>product</th></tr></thead>`,
      `<tbody>\n${rows.join("\n")}\n</tbody>`,
      `<tfoot>\n${foot.join("\n")}\n</tfoot>`,
      `</table>`,
      `</div>`,
    ].join("\n");
  }

  toString(): string {
    return this.toText();
  }

  /** Plain data, as the network figure's contract wants it. */
  toJSON(): Explanation {
    return { param: this.param, paramLabel: this.paramLabel, paths: this.paths, sum: this.sum, grad: this.grad };
  }

  /**
   * NB: text/html is what JupyterLab (html ranks before latex) and nbconvert's HTML export (html first in its
   * priority list) show; it reads without MathJax, where exported text/latex would show raw `$$\begin{aligned}`
   * offline. text/latex stays for the LaTeX/PDF export, which prefers it.
   */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/plain": this.toText(), "text/html": this.toHtml(), "text/latex": `$$${this.toLatex()}$$` };
  }
}

/** Options of `explain`. */
export interface ExplainOptions {
  /** Refuse graphs with more paths than this (default 10 000): path counts grow multiplicatively with depth. */
  maxPaths?: number;
}

/**
 * Every path from `param` to `loss` with each edge's local derivative, symbolic (σ′(q), w46, …) and numeric,
 * each path's product, and their sum — which is ∂loss/∂param. `grad` comes from a private reverse sweep,
 * so it equals `param.grad` after `loss.backward()` on zeroed gradients; explain itself changes no `grad`.
 */
export function explain(loss: Value, param: Value, options: ExplainOptions = {}): ChainRule {
  const maxPaths = options.maxPaths ?? 10_000;
  const topo = topoSort(loss);
  // Which nodes depend on param; topological order puts arguments first.
  const reaches = new Set<Value>();
  const count = new Map<Value, number>();
  for (const v of topo) {
    if (v === param) {
      reaches.add(v);
      count.set(v, 1);
      continue;
    }
    let c = 0;
    for (let i = 0; i < arity(v); i++) {
      const a = argument(v, i);
      if (reaches.has(a)) c += count.get(a)!;
    }
    if (c > 0) {
      reaches.add(v);
      count.set(v, c);
    }
  }
  const total = count.get(loss) ?? 0;
  if (total > maxPaths) {
    throw new Error(
      `${loss.label} depends on ${param.label} through ${total} paths; explain lists at most ${maxPaths}. ` +
        `Build the loss over fewer samples, or pass { maxPaths }.`,
    );
  }
  const labels: Record<string, string> = {};
  const paths: GraphPath[] = [];
  // Depth-first from the loss down to param, without recursion (paths can be deep): `trail` holds the
  // (node, argument slot) pairs taken from the loss, `next` the slot to try next at each depth.
  const trail: { node: Value; slot: number }[] = [];
  const next: number[] = [0];
  const stack: Value[] = [loss];
  if (total > 0) {
    while (stack.length > 0) {
      const depth = stack.length - 1;
      const v = stack[depth];
      if (v === param) {
        const edges = trail.slice().reverse();
        const nodes = [param, ...edges.map((t) => t.node)];
        const factors = edges.map((t) => ({
          label: localLabel(t.node, t.slot),
          value: localDerivative(t.node, t.slot),
        }));
        let product = 1;
        for (const f of factors) product *= f.value;
        for (const x of nodes) labels[nodeId(x)] = x.label;
        paths.push({ nodes: nodes.map(nodeId), factors, product });
      } else {
        let i = next[depth];
        while (i < arity(v) && !reaches.has(argument(v, i))) i++;
        if (i < arity(v)) {
          next[depth] = i + 1;
          trail.push({ node: v, slot: i });
          stack.push(argument(v, i));
          next.push(0);
          continue;
        }
      }
      stack.pop();
      next.pop();
      trail.pop();
    }
  }
  labels[nodeId(param)] = param.label;
  let sum = 0;
  for (const p of paths) sum += p.product;
  const grad = adjoints(loss, topo).get(param) ?? 0;
  return new ChainRule(nodeId(param), param.label, paths, sum, grad, loss.label, labels);
}
