import { describe, expect, it } from "vitest";
import { activation, activationIds, defineActivation, undefineActivation } from "../../lib/src/catalog/lookup";
import {
  dot,
  explain,
  gradientThreeWays,
  input,
  latexLabel,
  NET321_PARAMS,
  net321,
  net321FiniteDifferences,
  net321HandGradient,
  net321Loss,
  net321Model,
  sum,
  toNetworkGraph,
  topoSort,
  value,
  Value,
} from "../../lib/src/autodiff";
import { OPS, type Op } from "../../lib/src/autodiff/value";
import { net321Data } from "../../lib/src/data";

const central = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("Value: each operation's gradient matches its closed form", () => {
  // [name, build, ∂/∂a, ∂/∂b] — the closed forms written independently of the derivatives table.
  const a0 = 1.7,
    b0 = -0.6;
  const cases: [string, (a: Value, b: Value) => Value, number, number][] = [
    ["a + b", (a, b) => a.add(b), 1, 1],
    ["a − b", (a, b) => a.sub(b), 1, -1],
    ["a · b", (a, b) => a.mul(b), b0, a0],
    ["a / b", (a, b) => a.div(b), 1 / b0, -a0 / (b0 * b0)],
    ["a³ + b", (a, b) => a.pow(3).add(b), 3 * a0 * a0, 1],
    ["a^0.5 · b", (a, b) => a.pow(0.5).mul(b), (0.5 * b0) / Math.sqrt(a0), Math.sqrt(a0)],
    ["exp(a·b)", (a, b) => a.mul(b).exp(), b0 * Math.exp(a0 * b0), a0 * Math.exp(a0 * b0)],
    ["log(a) − b", (a, b) => a.log().sub(b), 1 / a0, -1],
    ["−a · b", (a, b) => a.neg().mul(b), -b0, -a0],
    [
      "σ(a·b)",
      (a, b) => a.mul(b).sigmoid(),
      (b0 * Math.exp(-a0 * b0)) / (1 + Math.exp(-a0 * b0)) ** 2,
      (a0 * Math.exp(-a0 * b0)) / (1 + Math.exp(-a0 * b0)) ** 2,
    ],
    ["a·a (two paths)", (a) => a.mul(a), 2 * a0, 0],
    ["Σ(a, b, a, 2)", (a, b) => sum([a, b, a, 2]), 2, 1],
    ["dot([a, 2, b], [b, a, 3], a) = ab + 2a + 3b + a", (a, b) => dot([a, 2, b], [b, a, 3], a), b0 + 2 + 1, a0 + 3],
    ["dot([a], [a]) = a²", (a) => dot([a], [a]), 2 * a0, 0],
  ];
  it.each(cases)("%s", (_, build, da, db) => {
    const a = value(a0, "a"),
      b = value(b0, "b");
    const out = build(a, b);
    out.backward();
    expect(rel(a.grad, da)).toBeLessThan(1e-14);
    if (db === 0) expect(b.grad).toBe(0);
    else expect(rel(b.grad, db)).toBeLessThan(1e-14);
  });
});

describe.each(activationIds())("activation %s through the one generic operation", (id) => {
  const act = activation(id);
  it("has f as its value and the catalog's f′ as its local derivative", () => {
    for (const x0 of [-2.3, -0.7, 0.31, 1.9]) {
      const x = value(x0, "x");
      const y = x.activate(id).mul(3);
      y.backward();
      expect(y.data).toBe(3 * act.f(x0));
      expect(x.grad).toBe(3 * act.df(x0));
    }
  });
  it("gives the same bits whether named by id, by { id, params } or as a bound Activation", () => {
    const grads = [id, { id, params: act.params }, act].map((spec) => {
      const x = value(0.8, "x");
      const y = x.activate(spec);
      y.backward();
      return [y.data, x.grad];
    });
    expect(grads[1]).toEqual(grads[0]);
    expect(grads[2]).toEqual(grads[0]);
  });
  it("labels its edge f′(argument)", () => {
    const z = value(0.5, "z");
    const ex = explain(z.activate(id), z);
    expect(ex.paths[0].factors[0].label).toBe(`${id === "sigmoid" ? "σ" : id}′(z)`);
  });
});

describe("the derivatives table", () => {
  const w = value(0.7, "w"),
    x = input(-1.3, "x"),
    c = value(2.5, "c");
  const nodes: Record<keyof typeof OPS, Value> = {
    add: w.add(x),
    sub: w.sub(x),
    mul: w.mul(x),
    div: w.div(x),
    pow: c.pow(3),
    exp: x.exp(),
    log: c.log(),
    neg: w.neg(),
    act: x.activate("gelu"),
    sum: sum([w, x, c]),
    dot: dot([w, c], [x, 0.4], 0.1),
  };

  it.each(Object.keys(OPS))("%s: backward adds d(v, i)·g to each argument", (id) => {
    const v = nodes[id as keyof typeof OPS],
      op = v.op as Op;
    expect(op).toBe(OPS[id as keyof typeof OPS]);
    for (const a of v.args) a.grad = 0;
    op.backward(v, 1.7);
    v.args.forEach((a, i) => expect(rel(a.grad, op.d(v, i) * 1.7), `${id}, argument ${i}`).toBeLessThan(1e-15));
  });
});

describe("backward", () => {
  it("accumulates across calls, and zeroGrad resets every node", () => {
    const a = value(2, "a");
    const y = a.mul(a).add(a);
    y.backward();
    expect(a.grad).toBe(5);
    y.backward();
    expect(a.grad).toBe(10);
    y.zeroGrad();
    expect(topoSort(y).every((v) => v.grad === 0)).toBe(true);
    y.backward();
    expect(a.grad).toBe(5);
  });

  it("walks a 200 000-node chain without overflowing the stack", () => {
    const x = value(1, "x");
    let y: Value = x;
    for (let i = 0; i < 200_000; i++) y = y.mul(1.000001);
    y.backward();
    expect(rel(x.grad, Math.pow(1.000001, 200_000))).toBeLessThan(1e-9);
  });

  it("reuses a subexpression built before an earlier backward (off the tape) correctly", () => {
    const x = value(3, "x"),
      w = value(-2, "w");
    const h = x.mul(w);
    h.backward();
    expect(w.grad).toBe(3);
    const J = h.add(1).mul(h);
    J.backward(); // ∂J/∂w = (2h + 1)·x
    expect(w.grad).toBe(3 + (2 * -6 + 1) * 3);
    expect(h.grad).toBe(2 * -6 + 1);
  });

  it("gives each of two losses sharing a parameter its own gradient, in either order", () => {
    const w = value(0.7, "w");
    const J1 = w.mul(w).named("J1"); // 2w
    const J2 = w.exp().log().mul(3).named("J2"); // 3
    J2.backward();
    expect(w.grad).toBeCloseTo(3, 15);
    w.grad = 0;
    J1.backward();
    expect(w.grad).toBe(1.4);
  });

  it("gives the same gradients from the tape and from the graph search", () => {
    const build = () => {
      const a = value(0.3, "a"),
        b = value(-1.1, "b");
      let y = a;
      for (let i = 0; i < 50; i++) y = y.mul(b).add(a).tanh().add(y.mul(0.5));
      return { a, b, y: y.pow(2).div(a.exp()) };
    };
    const onTape = build();
    onTape.y.backward();
    const off = build();
    value(1).mul(2).backward(); // clears the tape: off.y is no longer on it
    off.y.backward();
    expect(off.a.grad).toBe(onTape.a.grad);
    expect(off.b.grad).toBe(onTape.b.grad);
    expect(off.a.grad).not.toBe(0);
  });

  it("orders arguments before results", () => {
    const a = value(1),
      b = value(2);
    const c = a.mul(b),
      d = c.add(a),
      e = d.mul(c);
    const order = topoSort(e);
    expect(order[order.length - 1]).toBe(e);
    for (const v of order)
      for (const arg of [v.a, v.b]) if (arg) expect(order.indexOf(arg)).toBeLessThan(order.indexOf(v));
  });

  it("calls an Activation object's own f and df, even one that differs from its catalog entry", () => {
    const doubled = { ...activation("tanh"), f: (x: number) => 2 * Math.tanh(x), df: () => 7 };
    const x = value(0.3, "x");
    const y = x.activate(doubled);
    y.backward();
    expect(y.data).toBe(2 * Math.tanh(0.3));
    expect(x.grad).toBe(7);
    expect(y.act).toBe(doubled);
  });

  it("uses a user-defined activation as currently defined, by id", () => {
    defineActivation({ id: "autodiff_test_cube", f: (x) => x ** 3, df: (x) => 3 * x ** 2 });
    const x = value(2, "x");
    x.activate("autodiff_test_cube").backward();
    expect(x.grad).toBe(12);
    defineActivation({ id: "autodiff_test_cube", f: (x) => x ** 3, df: () => 5 }); // replaced
    const y = value(2, "y");
    y.activate("autodiff_test_cube").backward();
    expect(y.grad).toBe(5);
    undefineActivation("autodiff_test_cube");
    expect(() => value(2).activate("autodiff_test_cube")).toThrowError(/unknown activation "autodiff_test_cube"/);
  });

  it("rejects a dot of unequal lengths", () => {
    expect(() => dot([value(1)], [])).toThrowError("dot needs as many weights as inputs, got 1 and 0");
  });

  it("rejects an unknown activation by listing the valid ids", () => {
    expect(() => value(1).activate("sigmod")).toThrowError(/unknown activation "sigmod".*sigmoid/);
  });
});

// The worked example of the issue: four samples, seeded weights.
const data = net321Data({ n: 4, seed: 7 });
const net = net321(3);
const J = net.loss(data);
J.backward();
const w = net.weights();

describe("the 3-2-1 network", () => {
  it("is built by name, with all eleven parameters", () => {
    expect(Object.keys(net.params)).toEqual([...NET321_PARAMS]);
    expect(net.params.w14.label).toBe("w14");
    expect(J.label).toBe("J");
    expect(J.data).toBe(net321Loss(w, data));
  });

  it("backprop, the hand formulas and the tensor backprop agree to 1e-12; central differences to 1e-7", () => {
    const hand = net321HandGradient(w, data);
    const fd = net321FiniteDifferences(w, data);
    const model = net321Model(w);
    const lossValue = model.lossAndGrad(data.x, data.y);
    expect(rel(lossValue, J.data)).toBeLessThan(1e-14);
    for (const name of NET321_PARAMS) {
      const g = net.params[name].grad;
      const s = model.scalar(name);
      expect(rel(s.param.grad[s.index], g), name).toBeLessThan(1e-12);
      expect(rel(hand[name], g), name).toBeLessThan(1e-12);
      expect(rel(fd[name], g), name).toBeLessThan(1e-7);
    }
  });

  it("agrees with the tensor code on 1000 samples too", () => {
    const big = net321Data({ n: 1000, seed: 1 });
    const n2 = net321(5);
    const J2 = n2.loss(big);
    J2.backward();
    const model = net321Model(n2.weights());
    model.lossAndGrad(big.x, big.y);
    for (const name of NET321_PARAMS) {
      const s = model.scalar(name);
      expect(rel(s.param.grad[s.index], n2.params[name].grad), name).toBeLessThan(1e-12);
    }
  });
});

describe("explain(J, w14)", () => {
  const ex = explain(J, net.params.w14);

  it("finds one path per sample, and the paths sum to the gradient", () => {
    expect(ex.paths).toHaveLength(4);
    expect(rel(ex.sum, net.params.w14.grad)).toBeLessThan(1e-14);
    expect(rel(ex.grad, net.params.w14.grad)).toBeLessThan(1e-15);
  });

  it("matches (h − y)·σ′(q)·w46·σ′(p)·x1 term by term", () => {
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    ex.paths.forEach((path, i) => {
      const [x1, x2, x3] = data.x.data.subarray(3 * i, 3 * i + 3);
      const p = w.w14 * x1 + w.w24 * x2 + w.w34 * x3 + w.b4;
      const r = w.w15 * x1 + w.w25 * x2 + w.w35 * x3 + w.b5;
      const q = w.w46 * sig(p) + w.w56 * sig(r) + w.b6;
      const h = sig(q);
      const y = data.y.data[i];
      const f = path.factors.filter((x) => x.label !== "1");
      expect(f.map((x) => x.label)).toEqual(["x1", "σ′(p)", "w46", "σ′(q)", "−1", "2·(y − h)", "0.5"]);
      expect(rel(f[0].value, x1)).toBeLessThan(1e-15);
      expect(rel(f[1].value, sig(p) * (1 - sig(p)))).toBeLessThan(1e-13);
      expect(f[2].value).toBe(w.w46);
      expect(rel(f[3].value, h * (1 - h))).toBeLessThan(1e-13);
      // the loss's own factors −1 · 2(y − h) · ½ are (h − y)
      expect(rel(f[4].value * f[5].value * f[6].value, h - y)).toBeLessThan(1e-13);
      expect(rel(path.product, (h - y) * h * (1 - h) * w.w46 * sig(p) * (1 - sig(p)) * x1)).toBeLessThan(1e-13);
      expect(path.nodes[0]).toBe(ex.param);
      expect(path.factors).toHaveLength(path.nodes.length - 1);
    });
  });

  it("prints as text and as LaTeX", () => {
    const text = ex.toText();
    expect(text).toContain("∂J/∂w14 by the chain rule: 4 paths");
    expect(text).toContain("x1 · σ′(p) · w46 · σ′(q) · −1 · 2·(y − h) · 0.5");
    expect(text).toContain("path 1: w14 → p → σ(p) → q → h → y − h → (y − h)² → Σ(y − h)² → J");
    const tex = ex.toLatex();
    expect(tex).toContain("\\frac{\\partial J}{\\partial w_{14}}");
    expect(tex).toContain("x_{1}\\,\\sigma'(p)\\,w_{46}\\,\\sigma'(q)\\,(-1)\\,2\\cdot(y - h)\\,0.5");
  });

  it("finds two paths where a value is used twice", () => {
    const x = value(3, "x");
    const e = explain(x.mul(x).named("f"), x);
    expect(e.paths.map((p) => p.factors[0])).toEqual([
      { label: "x", value: 3 },
      { label: "x", value: 3 },
    ]);
    expect(e.sum).toBe(6);
  });

  it("walks a 20 000-edge path without overflowing the stack", () => {
    const x = value(1, "x");
    let y: Value = x;
    for (let i = 0; i < 20_000; i++) y = y.mul(1.0001);
    const e = explain(y, x);
    expect(e.paths).toHaveLength(1);
    expect(e.paths[0].factors).toHaveLength(20_000);
    expect(rel(e.sum, e.grad)).toBeLessThan(1e-12);
  });

  it("finds no path to a value the loss does not use", () => {
    const e = explain(J, value(1, "unused"));
    expect(e.paths).toEqual([]);
    expect(e.sum).toBe(0);
  });
});

describe("gradientThreeWays", () => {
  it("gives ∂J/∂w14 by the chain rule, the formula, backprop and central differences, agreeing", () => {
    const t = gradientThreeWays(net321(3), data, "w14");
    expect(rel(t.chainRule.sum, t.backprop)).toBeLessThan(1e-14);
    expect(rel(t.formula, t.backprop)).toBeLessThan(1e-12);
    expect(rel(t.finiteDifference, t.backprop)).toBeLessThan(1e-7);
    expect(t.toText()).toContain("Σ (h − y)·σ′(q)·w46·σ′(p)·x1");
  });
});

describe("toNetworkGraph", () => {
  const one = net321Data({ n: 1, seed: 2 });
  const n1 = net321(3);
  const J1 = n1.loss(one);
  const g = toNetworkGraph(J1, { title: "3-2-1" });

  it("exports nodes with value and ∂J/∂node, and edges with local derivatives", () => {
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const loss = g.nodes.find((n) => n.role === "loss")!;
    expect(loss).toMatchObject({ label: "J", grad: 1, value: J1.data });
    expect(
      g.nodes
        .filter((n) => n.role === "param")
        .map((n) => n.label)
        .sort(),
    ).toEqual([...NET321_PARAMS].sort());
    expect(g.nodes.filter((n) => n.role === "input").map((n) => n.label)).toEqual(
      expect.arrayContaining(["x1", "x2", "x3", "y"]),
    );
    for (const e of g.edges) expect(byId.get(e.to)!.layer).toBeGreaterThan(byId.get(e.from)!.layer);
    const sp = g.edges.find((e) => e.localLabel === "σ′(p)")!;
    expect(byId.get(sp.from)!.label).toBe("p");
    // each node's grad is the sum over its outgoing edges of local · grad(parent)
    for (const n of g.nodes) {
      if (n.role === "loss") continue;
      const s = g.edges.filter((e) => e.from === n.id).reduce((acc, e) => acc + e.local * byId.get(e.to)!.grad, 0);
      expect(rel(n.grad, s) < 1e-14 || Math.abs(n.grad - s) < 1e-300).toBe(true);
    }
  });

  it("explains every parameter, and selects the first", () => {
    expect(g.explanations).toHaveLength(11);
    expect(g.selected).toBe(g.explanations[0].param);
    for (const e of g.explanations) expect(Math.abs(e.sum - e.grad)).toBeLessThan(1e-15);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it("changes no grad", () => {
    expect(n1.params.w14.grad).toBe(0);
  });

  it("refuses graphs too large to draw", () => {
    expect(() => toNetworkGraph(net.loss(net321Data({ n: 40 })))).toThrowError(
      /nodes; a network figure stays legible up to about 400.*fewer samples/,
    );
  });
});

describe("latexLabel", () => {
  it.each([
    ["σ′(q)", "\\sigma'(q)"],
    ["w14·x1", "w_{14}\\cdot x_{1}"],
    ["(y − h)²", "(y - h)^{2}"],
    ["leaky_relu′(z)", "\\operatorname{leaky\\_relu}'(z)"],
    ["tanh′(z3)", "\\tanh'(z_{3})"],
  ])("%s → %s", (label, tex) => expect(latexLabel(label)).toBe(tex));
});

it("input() makes data leaves, value() parameters", () => {
  expect(input(1, "x").role).toBe("input");
  expect(value(1, "w").role).toBe("param");
});
