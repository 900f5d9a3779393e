// Turns the labels autodiff writes ("σ′(q)", "w14·x1", "(y − h)²") into LaTeX ("\sigma'(q)", "w_{14}\cdot x_{1}", …).

const FUNCTIONS = new Set(["exp", "log", "tanh", "sin", "cos", "sinh", "cosh"]);
const SYMBOLS: Record<string, string> = {
  σ: "\\sigma",
  "′": "'",
  "·": "\\cdot",
  "−": "-",
  "→": "\\to",
  Σ: "\\sum",
  "∂": "\\partial",
  "≈": "\\approx",
};
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻";

/** A label in LaTeX: identifiers with trailing digits get subscripts, w14 → w_{14}. */
export function latexLabel(label: string): string {
  let out = "";
  // NB: a control word swallows a following letter ("\\cdotx"), so add a space only there.
  const append = (t: string) => {
    out += /\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(t) ? ` ${t}` : t;
  };
  const re = /([A-Za-z][A-Za-z_]*)(\d*)|([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)|([\s\S])/gu;
  for (const m of label.matchAll(re)) {
    if (m[1] !== undefined) {
      const name = m[1];
      const digits = m[2] ? `_{${m[2]}}` : "";
      if (name.length === 1) append(name + digits);
      else if (FUNCTIONS.has(name)) append(`\\${name}` + digits);
      else append(`\\operatorname{${name.replace(/_/g, "\\_")}}` + digits);
    } else if (m[3] !== undefined) {
      append(`^{${[...m[3]].map((c) => (c === "⁻" ? "-" : String(SUPERSCRIPTS.indexOf(c)))).join("")}}`);
    } else {
      const c = m[4];
      append(SYMBOLS[c] ?? (c === "{" || c === "}" || c === "_" || c === "%" || c === "#" || c === "&" ? `\\${c}` : c));
    }
  }
  return out;
}

/** A number in LaTeX, to `digits` significant digits. */
export function latexNumber(x: number, digits = 4): string {
  const s = Number(x.toPrecision(digits)).toString();
  const m = /^(-?[\d.]+)e([-+]\d+)$/.exec(s);
  return m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text made safe inside HTML elements and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/**
 * A label in HTML that reads without MathJax: escaped, identifiers' trailing digits as subscripts (w14 → w<sub>14</sub>),
 * spaces non-breaking so that a table wraps between labels, not inside "(y − h)²".
 * NB: no "$" or "\" ever comes out, so a MathJax pass over the page finds nothing to typeset.
 */
export function htmlLabel(label: string): string {
  return label.replace(/([A-Za-z][A-Za-z_]*)(\d+)|([\s\S])/gu, (_, name: string, digits: string, c: string) =>
    name !== undefined
      ? `${escapeHtml(name)}<sub>${digits}</sub>`
      : c === "$"
        ? "&#36;"
        : c === "\\"
          ? "&#92;"
          : c === " "
            ? "\u00a0"
            : escapeHtml(c),
  );
}
