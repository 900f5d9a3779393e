import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { activation, activationFigure, activationIds, show } from "../../lib/src";
import { JUPYTER_DISPLAY, MIME_TYPE, validatePayload } from "../../lib/src/figure/public";

describe("the walking skeleton", () => {
  it("gives sigmoid and tanh with f, f′, f″", () => {
    const s = activation("sigmoid");
    expect(s.f(0)).toBe(0.5);
    expect(s.df(0)).toBe(0.25);
    expect(s.d2f(0)).toBe(-0);
    expect(activation("tanh").df(0)).toBe(1);
    expect(activation("tanh").df(20)).toBeCloseTo(1.6993417021166355e-17, 27);
  });

  it("names an unknown id and lists the valid ones", () => {
    expect(() => activation("sigmod")).toThrowError(/"sigmod".*valid ids are: .*sigmoid.*tanh/);
    expect(activationIds()).toEqual(expect.arrayContaining(["sigmoid", "tanh"]));
  });

  it("builds one bundle with JSON payload, SVG and a text summary", () => {
    const fig = activationFigure([activation("sigmoid"), activation("tanh")]);
    const bundle = fig[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual([MIME_TYPE, "image/svg+xml", "text/plain"].sort());
    const p = bundle[MIME_TYPE] as ReturnType<typeof validatePayload>;
    expect(validatePayload(p)).toBe(p);
    expect(p).toMatchObject({ version: 1, kind: "activation" });
    expect(bundle["text/plain"]).toContain("sigmoid on [-6, 6]: max f′ = 0.25 at x = 0");
    expect(bundle["text/plain"]).toContain("tanh on [-6, 6]: max f′ = 1 at x = 0");
  });

  it("draws a well-formed SVG with a path per curve and hover titles", () => {
    const svg = activationFigure([activation("sigmoid"), activation("tanh")]).toSvg();
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    expect(doc.documentElement!.nodeName).toBe("svg");
    const paths = Array.from(doc.getElementsByTagName("path")).filter((p) => (p.getAttribute("d") ?? "").length > 100);
    expect(paths).toHaveLength(4); // f and f′ for each activation
    expect(doc.getElementsByTagName("title")[0].textContent).toMatch(/^Sigmoid: x = -6, f\(x\) = 0\.002473/);
  });

  it("throws a clear error when shown outside the kernel", () => {
    expect(() => show(activation("sigmoid"))).toThrowError(/TypeScript \(actigrad\)" Jupyter kernel/);
  });
});
