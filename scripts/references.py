#!/usr/bin/env python3
"""High-precision reference values for the activation catalog (test/fixtures/activation-references.json).

Run with `.venv/bin/python scripts/references.py` (needs only mpmath). Each f is written from its textbook
definition, independently of lib/src/catalog; f' and f'' come from mpmath's numerical differentiation, not
from closed forms, so the tests compare actigrad's formulas with something that shares none of them.

Every value is computed at 50 significant digits or more: the working precision is doubled until two
successive results agree to 35 digits (a result below 1e-330 is taken as 0, but only at 400+ digits,
since cancellation can hide a value as small as 1e-308). The JSON holds each result rounded to the nearest double.
"""
import json
import math
import random
import sys
from pathlib import Path

import mpmath
from mpmath import mp, mpf

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "activation-references.json"


def points():
    """The issue's points: ±1e-300 … ±1e300, ±700, ±750, a 1/8 grid on [-12, 12], and random points there."""
    mags = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 1e-3, 0.01, 0.1, 15, 20, 25, 30, 40, 50, 100, 500,
            700, 745, 750, 1000, 1e5, 1e10, 1e20, 1e50, 1e100, 1e150, 1e200, 1e300]
    xs = {m for m in mags} | {-m for m in mags}
    xs |= {k / 8 for k in range(-96, 97)}
    rng = random.Random(20240604)
    xs |= {rng.uniform(-12, 12) for _ in range(80)}
    return sorted(xs)


# --- the functions, from their definitions ---------------------------------------------------------------
SELU_ALPHA = mpf(1.6732632423543772848170429916717)  # the doubles PyTorch uses
SELU_SCALE = mpf(1.0507009873554804934193349852946)


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def Phi(x):
    """Standard normal CDF; mpmath's erfc cannot take |x| > 1e8, where the asymptotic series is exact enough."""
    if abs(x) > 1e8:
        z = abs(x) / mp.sqrt(2)
        tail = mp.exp(-z * z) / (z * mp.sqrt(mp.pi)) * (1 - 1 / (2 * z * z) + 3 / (4 * z ** 4)) / 2
        return tail if x < 0 else 1 - tail
    return mp.ncdf(x)


def gelu_tanh(x):
    u = mp.sqrt(2 / mp.pi) * (x + mpf("0.044715") * x ** 3)
    # x/2·(1 + tanh u) = x·σ(2u) (an identity; at finite precision 1 + tanh u would cancel for u ≪ 0)
    return x * sigmoid(2 * u)


def defs():
    """(id, params, f(x, p), kinks(p)): kinks are the x where f' or f'' is a convention, not a limit."""
    none = lambda p: []
    return [
        ("identity", {}, lambda x, p: x, none),
        ("sigmoid", {}, lambda x, p: sigmoid(x), none),
        ("tanh", {}, lambda x, p: mp.tanh(x), none),
        ("relu", {}, lambda x, p: max(x, 0), lambda p: [0]),
        ("leaky_relu", {}, lambda x, p: x if x > 0 else p["negativeSlope"] * x, lambda p: [0]),
        ("leaky_relu", {"negativeSlope": 0.2}, None, None),
        ("relu6", {}, lambda x, p: min(max(x, 0), 6), lambda p: [0, 6]),
        ("elu", {}, lambda x, p: x if x > 0 else p["alpha"] * mp.expm1(x), lambda p: [0]),
        ("elu", {"alpha": 0.5}, None, None),
        ("elu", {"alpha": 2}, None, None),
        ("selu", {}, lambda x, p: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)), lambda p: [0]),
        ("celu", {}, lambda x, p: x if x > 0 else p["alpha"] * mp.expm1(x / p["alpha"]), lambda p: [0]),
        ("celu", {"alpha": 0.5}, None, None),
        ("gelu", {}, lambda x, p: x * Phi(x), none),
        ("gelu_tanh", {}, lambda x, p: gelu_tanh(x), none),
        ("silu", {}, lambda x, p: x * sigmoid(x), none),
        ("mish", {}, lambda x, p: x * mp.tanh(mp.log1p(mp.exp(x))), none),
        ("softplus", {}, lambda x, p: mp.log1p(mp.exp(p["beta"] * x)) / p["beta"], none),
        ("softplus", {"beta": 2}, None, None),
        ("softsign", {}, lambda x, p: x / (1 + abs(x)), lambda p: [0]),
        ("hardtanh", {}, lambda x, p: min(max(x, p["minVal"]), p["maxVal"]), lambda p: [p["minVal"], p["maxVal"]]),
        ("hardtanh", {"minVal": -2, "maxVal": 0.5}, None, None),
        ("hardsigmoid", {}, lambda x, p: min(max(x + 3, 0), 6) / 6, lambda p: [-3, 3]),
        ("hardswish", {}, lambda x, p: x * min(max(x + 3, 0), 6) / 6, lambda p: [-3, 3]),
        ("logsigmoid", {}, lambda x, p: -mp.log1p(mp.exp(-x)), none),
        ("tanhshrink", {}, lambda x, p: x - mp.tanh(x), none),
        ("softshrink", {}, lambda x, p: x - p["lambd"] if x > p["lambd"] else x + p["lambd"] if x < -p["lambd"] else mpf(0),
         lambda p: [-p["lambd"], p["lambd"]]),
        ("softshrink", {"lambd": 1}, None, None),
        ("hardshrink", {}, lambda x, p: x if abs(x) > p["lambd"] else mpf(0), lambda p: [-p["lambd"], p["lambd"]]),
        ("hardshrink", {"lambd": 1}, None, None),
        ("sin", {}, lambda x, p: mp.sin(x), none),
        ("gaussian", {}, lambda x, p: mp.exp(-x * x), none),
        ("step", {}, lambda x, p: mpf(1) if x > 0 else mpf(0), lambda p: [0]),
    ]


DEFAULTS = {"leaky_relu": {"negativeSlope": 0.01}, "elu": {"alpha": 1}, "celu": {"alpha": 1}, "softplus": {"beta": 1},
            "hardtanh": {"minVal": -1, "maxVal": 1}, "softshrink": {"lambd": 0.5}, "hardshrink": {"lambd": 0.5}}


# --- adaptive precision ------------------------------------------------------------------------------------
def robust(g):
    """g() evaluated at rising precision until two results agree to 35 digits.

    A true 0 is approached by ever smaller differencing noise and never 'agrees'; so at 400+ digits any
    |value| < 1e-330, below half the smallest subnormal, is taken as 0 (whatever it is, its double is ±0).
    """
    dps, prev = 50, None
    while dps <= 6400:
        with mp.workdps(dps):
            v = +g()
            if prev is not None and abs(v - prev) <= mpf(10) ** -35 * max(abs(v), abs(prev)) and v != 0:
                return v
            if dps >= 400 and abs(v) < mpf(10) ** -330:
                return mpf(0)
        prev, dps = v, dps * 2
    raise RuntimeError("no agreement up to 6400 digits")


def derivative(f, x, n, kinks):
    """f^(n)(x) by mpmath's central differences at the current (raised) precision.

    NB: an absolute step 2^-(prec+10) (mpmath's default; its relative=True shrinks the step as |x| grows),
    made smaller near a kink so that the stencil never straddles it (relu'(1e-300) needs h < 1e-300). At
    |x| = 1e300 the stencil only resolves once the precision exceeds ~1000 bits, which `robust` reaches.
    """
    xm = mpf(x)
    h = mpf(2) ** (-mp.prec - 10)
    for k in kinks:
        if k != x:
            h = min(h, abs(xm - mpf(k)) / 4)
    return mp.diff(f, xm, n, h=h)


def to_double(v):
    d = float(v)
    if math.isinf(d) or math.isnan(d):
        raise ValueError(f"reference {v} is not a finite double")
    return d


def scalar_cases(xs):
    out, last = [], {}
    for id_, params, f, kinks in defs():
        if f is None:
            f, kinks = last[id_]
        last[id_] = (f, kinks)
        p = {**DEFAULTS.get(id_, {}), **params}
        pm = {k: mpf(v) for k, v in p.items()}
        ks = set(kinks(p))
        fx = lambda t, pm=pm, f=f: f(t, pm)
        row = {"id": id_, "params": params, "f": [], "df": [], "d2f": []}
        for x in xs:
            row["f"].append(to_double(robust(lambda: fx(mpf(x)))))
            at_kink = x in ks
            row["df"].append(None if at_kink else to_double(robust(lambda: derivative(fx, x, 1, ks))))
            row["d2f"].append(None if at_kink else to_double(robust(lambda: derivative(fx, x, 2, ks))))
        print(f"  {id_} {params}", file=sys.stderr, flush=True)
        out.append(row)
    return out


def extrema():
    """Minimum of f and maximum of f' for the non-monotonic smooth activations (declared in the table)."""
    fs = {"gelu": lambda x: x * Phi(x), "gelu_tanh": gelu_tanh, "silu": lambda x: x * sigmoid(x),
          "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))), "gaussian": lambda x: mp.exp(-x * x)}
    res = {}
    with mp.workdps(60):
        for id_, f in fs.items():
            r = {}
            if id_ != "gaussian":
                xm = mp.findroot(lambda x: mp.diff(f, x), -1)
                r.update(argminF=to_double(xm), minF=to_double(f(xm)))
            xd = mp.findroot(lambda x: mp.diff(f, x, 2), 1.5 if id_ != "gaussian" else 0.7)
            r.update(argmaxDf=to_double(xd), maxDf=to_double(abs(mp.diff(f, xd))))
            res[id_] = r
    return res


def softmax(x):
    m = max(x)
    e = [mp.exp(t - m) for t in x]
    s = sum(e)
    return [t / s for t in e]


def log_softmax(x):
    m = max(x)
    lse = m + mp.log(sum(mp.exp(t - m) for t in x))
    return [t - lse for t in x]


def vector_cases():
    rng = random.Random(7)
    vecs = [[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0], [0.0, -1000.0], [-750.0, -700.0, 0.5], [700.0, 700.5, 699.0],
            [1e-300, -1e-300], [0.25, 0.25, 0.25, 0.25], [37.0, 0.0], [5.0]]
    vecs += [[rng.uniform(-12, 12) for _ in range(6)] for _ in range(4)]
    out = []
    for id_, fn in (("softmax", softmax), ("log_softmax", log_softmax)):
        for x in vecs:
            v = [rng.uniform(-2, 2) for _ in x]
            row = {"id": id_, "x": x, "v": v, "f": [], "jvp": [], "jvp2": []}
            for i in range(len(x)):
                along = lambda t, i=i: fn([mpf(a) + t * mpf(b) for a, b in zip(x, v)])[i]
                row["f"].append(to_double(robust(lambda: along(mpf(0)))))
                row["jvp"].append(to_double(robust(lambda: mp.diff(along, 0, 1))))
                row["jvp2"].append(to_double(robust(lambda: mp.diff(along, 0, 2))))
            out.append(row)
    return out


def main():
    xs = points()
    print(f"{len(xs)} points, mpmath {mpmath.__version__}", file=sys.stderr)
    data = {
        "generator": "scripts/references.py",
        "mpmath": mpmath.__version__,
        "precision": "50+ significant digits, doubled until two results agree to 35 digits; stored rounded to double",
        "points": xs,
        "scalar": scalar_cases(xs),
        "extrema": extrema(),
        "vector": vector_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
