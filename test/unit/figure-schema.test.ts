// The JSON schema and lib's validatePayload must agree. NB: ajv is the independent JSON Schema
// implementation here; it is installed as a dependency of @jupyterlab/builder (pinned in the lockfile).
import Ajv from "ajv";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { validatePayload } from "../../lib/src/figure/validate";
import { RELU, SIGMOID, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../lib/schema/payload.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const schemaAccepts = ajv.compile(schema);

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (v: unknown): Json => JSON.parse(JSON.stringify(v));

const valid: Record<string, Json> = {
  activation: json(activationFigure([SIGMOID, RELU], { show: { d2f: true }, xLabel: "z" }).payload),
  network: json(networkFigure(smallNetwork()).payload),
  training: json(trainingFigure(trainingHistory(50, 3, undefined, { step: 50, total: 100, elapsedMs: 1000 })).payload),
  "training with groups": json(
    trainingFigure({
      ...trainingHistory(20, 3),
      losses: trainingHistory(20, 3).losses.map((l) => ({ ...l, group: "run" })),
      layers: trainingHistory(20, 3).layers.map((l) => ({ ...l, group: "run" })),
    }).payload,
  ),
  landscape: json(landscapeFigure(twoSlices(20, 21)).payload),
  curves: json(
    curvesFigure([
      {
        title: "fit",
        xLog: true,
        yRange: [-2, 2],
        lines: [{ name: "f", f: Math.log, range: [0.1, 10], points: 11, dash: "dash" }],
        points: [{ name: "data", x: [1, 2, 3], y: [0, 0.7, 1.1], group: ["a", "b", "a"] }],
        bands: [{ from: 1, to: 3, label: "train" }],
      },
      {
        title: "plain",
        lines: [{ name: "g", x: [0, 1], y: [1, 0], markers: true }],
        points: [{ name: "p", x: [0.5], y: [0.5] }],
      },
    ]).payload,
  ),
};

/** A deep copy of a valid payload changed by `edit`. */
function broken(kind: string, edit: (p: Json) => void): Json {
  const p = json(valid[kind]);
  edit(p);
  return p;
}

// [what is wrong, payload, the validator's message]: both the schema and the validator must reject these.
const invalid: [string, Json, RegExp][] = [
  ["not an object", [1, 2], /payload must be a JSON object, got an array/],
  [
    "wrong version",
    broken("activation", (p) => (p.version = 2)),
    /unsupported payload version 2; this renderer draws version 1/,
  ],
  ["no version", broken("activation", (p) => delete p.version), /unsupported payload version \(missing\)/],
  [
    "unknown kind",
    broken("activation", (p) => (p.kind = "pie")),
    /unknown figure kind "pie"; valid kinds are: activation, network, training, landscape, curves/,
  ],
  ["no kind", broken("activation", (p) => delete p.kind), /unknown figure kind \(missing\)/],
  ["activation: no title", broken("activation", (p) => delete p.title), /^title must be a string, got missing/],
  [
    "activation: x has a string",
    broken("activation", (p) => (p.x[3] = "3")),
    /^x\[3\] must be a number or null, got string/,
  ],
  ["activation: x too short", broken("activation", (p) => (p.x = [0])), /^x must have at least 2 items, got 1/],
  ["activation: no series", broken("activation", (p) => (p.series = [])), /^series must have at least 1 item, got 0/],
  [
    "activation: latex without d2f",
    broken("activation", (p) => delete p.series[1].latex.d2f),
    /^series\[1\]\.latex\.d2f must be a string/,
  ],
  [
    "activation: label a number",
    broken("activation", (p) => (p.series[0].label = 7)),
    /^series\[0\]\.label must be a string, got number/,
  ],
  [
    "activation: show.d2f not boolean",
    broken("activation", (p) => (p.show.d2f = "yes")),
    /^show\.d2f must be true or false/,
  ],
  ["activation: negative epsilon", broken("activation", (p) => (p.epsilon = -1)), /^epsilon must be ≥ 0/],
  ["activation: xLabel a number", broken("activation", (p) => (p.xLabel = 1)), /^xLabel must be a string, got number/],
  [
    "activation: interval of 3",
    broken("activation", (p) => (p.series[0].saturated[0] = [1, 2, 3])),
    /^series\[0\]\.saturated\[0\] must be \[from, to\], got 3 values/,
  ],
  [
    "network: bad role",
    broken("network", (p) => (p.nodes[2].role = "bias")),
    /^nodes\[2\]\.role must be one of input, param, op, loss, got "bias"/,
  ],
  [
    "network: node without grad",
    broken("network", (p) => delete p.nodes[0].grad),
    /^nodes\[0\]\.grad must be a number or null, got missing/,
  ],
  [
    "network: node without x",
    broken("network", (p) => delete p.nodes[0].x),
    /^nodes\[0\]\.x must be a number, got missing/,
  ],
  ["network: no nodes", broken("network", (p) => (p.nodes = [])), /^nodes must have at least 1 item/],
  [
    "network: edge local a string",
    broken("network", (p) => (p.edges[0].local = "0.8")),
    /^edges\[0\]\.local must be a number or null, got string/,
  ],
  [
    "network: one-node path",
    broken("network", (p) => (p.explanations[0].paths[0].nodes = ["w"])),
    /^explanations\[0\]\.paths\[0\]\.nodes must have at least 2 items/,
  ],
  [
    "network: fractional omitted",
    broken("network", (p) => (p.explanations[0].omitted = 0.5)),
    /^explanations\[0\]\.omitted must be an integer ≥ 0, got 0\.5/,
  ],
  ["network: selected a number", broken("network", (p) => (p.selected = 1)), /^selected must be a string, got number/],
  [
    "training: lossTitle a number",
    broken("training", (p) => (p.lossTitle = 1)),
    /^lossTitle must be a string, got number/,
  ],
  ["training: no lossLog", broken("training", (p) => delete p.lossLog), /^lossLog must be true or false, got missing/],
  [
    "training: progress without total",
    broken("training", (p) => delete p.progress.total),
    /^progress\.total must be a number, got missing/,
  ],
  [
    "training: trace name missing",
    broken("training", (p) => delete p.layers[2].dead.name),
    /^layers\[2\]\.dead\.name must be a string/,
  ],
  ["training: losses an object", broken("training", (p) => (p.losses = {})), /^losses must be an array, got object/],
  [
    "training: loss color fractional",
    broken("training", (p) => (p.losses[1].color = 0.5)),
    /^losses\[1\]\.color must be an integer from 0 up, got 0\.5/,
  ],
  [
    "training: loss dash unknown",
    broken("training with groups", (p) => (p.losses[1].dash = "wavy")),
    /^losses\[1\]\.dash must be one of solid, dash, dot, got "wavy"/,
  ],
  [
    "training: layer color negative",
    broken("training", (p) => (p.layers[0].color = -1)),
    /^layers\[0\]\.color must be an integer from 0 up, got -1/,
  ],
  [
    "training: shade 1",
    broken("training with groups", (p) => (p.layers[2].shade = 1)),
    /^layers\[2\]\.shade must be in \[0, 1\), got 1/,
  ],
  [
    "training: shade a string",
    broken("training with groups", (p) => (p.layers[2].shade = "0.5")),
    /^layers\[2\]\.shade must be a number, got string/,
  ],
  ["curves: no panels", broken("curves", (p) => (p.panels = [])), /^panels must have at least 1 item/],
  [
    "curves: xLog missing",
    broken("curves", (p) => delete p.panels[1].xLog),
    /^panels\[1\]\.xLog must be true or false, got missing/,
  ],
  [
    "curves: line color fractional",
    broken("curves", (p) => (p.panels[0].lines[0].color = 1.5)),
    /^panels\[0\]\.lines\[0\]\.color must be an integer from 0 up, got 1\.5/,
  ],
  [
    "curves: unknown dash",
    broken("curves", (p) => (p.panels[0].lines[0].dash = "wavy")),
    /^panels\[0\]\.lines\[0\]\.dash must be one of solid, dash, dot, got "wavy"/,
  ],
  [
    "curves: markers a string",
    broken("curves", (p) => (p.panels[1].lines[0].markers = "yes")),
    /^panels\[1\]\.lines\[0\]\.markers must be true or false, got string/,
  ],
  [
    "curves: no groups",
    broken("curves", (p) => (p.panels[1].points[0].groups = [])),
    /^panels\[1\]\.points\[0\]\.groups must have at least 1 item/,
  ],
  [
    "curves: group a string",
    broken("curves", (p) => (p.panels[0].points[0].group[1] = "b")),
    /^panels\[0\]\.points\[0\]\.group\[1\] must be a number, got string/,
  ],
  [
    "curves: band without to",
    broken("curves", (p) => delete p.panels[0].bands[0].to),
    /^panels\[0\]\.bands\[0\]\.to must be a number, got missing/,
  ],
  [
    "curves: yRange of 3",
    broken("curves", (p) => (p.panels[0].yRange = [0, 1, 2])),
    /^panels\[0\]\.yRange must be \[from, to\], got 3 values/,
  ],
  ["landscape: no panels", broken("landscape", (p) => (p.panels = [])), /^panels must have at least 1 item/],
  [
    "landscape: zero level size",
    broken("landscape", (p) => (p.panels[0].levels.size = 0)),
    /^panels\[0\]\.levels\.size must be > 0, got 0/,
  ],
  [
    "landscape: arrows without scale",
    broken("landscape", (p) => delete p.panels[1].arrows.scale),
    /^panels\[1\]\.arrows\.scale must be a number, got missing/,
  ],
  [
    "landscape: path without step",
    broken("landscape", (p) => delete p.panels[0].path.step),
    /^panels\[0\]\.path\.step must be an array, got missing/,
  ],
  [
    "landscape: z row with a string",
    broken("landscape", (p) => (p.panels[0].z[4][2] = "x")),
    /^panels\[0\]\.z\[4\]\[2\] must be a number or null, got string/,
  ],
];

// Rules JSON Schema cannot state: the schema accepts these, the validator rejects them, and the
// schema's descriptions list each rule (the `mentions` words).
const crossField: [string, Json, RegExp, RegExp][] = [
  [
    "activation: f shorter than x",
    broken("activation", (p) => p.series[0].f.pop()),
    /^series\[0\]\.f has \d+ values but x has \d+/,
    /f, df and d2f have as many values as x/,
  ],
  [
    "network: edge to a missing node",
    broken("network", (p) => (p.edges[0].to = "nope")),
    /^edges\[0\]\.to refers to unknown node "nope"/,
    /edges and paths refer to existing node ids/,
  ],
  [
    "network: duplicate id",
    broken("network", (p) => (p.nodes[1].id = "x1")),
    /^nodes\[1\]\.id "x1" is not unique/,
    /node ids are unique/,
  ],
  [
    "network: factor missing",
    broken("network", (p) => p.explanations[0].paths[0].factors.pop()),
    /has 5 nodes but 3 factors; it needs one factor per edge/,
    /one factor per edge/,
  ],
  [
    "network: selected not explained",
    broken("network", (p) => (p.selected = "x1")),
    /^selected "x1" is not an explained parameter; explained: w, b/,
    /selected is the param of an explanation/,
  ],
  [
    "training: x and y lengths differ",
    broken("training", (p) => p.losses[0].y.pop()),
    /^losses\[0\]\.y has 49 values but losses\[0\]\.x has 50/,
    /x and y have the same length/,
  ],
  [
    "landscape: z missing a row",
    broken("landscape", (p) => p.panels[0].z.pop()),
    /^panels\[0\]\.z has 20 rows but panels\[0\]\.y has 21 values/,
    /z has one row per y value/,
  ],
  [
    "curves: line y short",
    broken("curves", (p) => p.panels[1].lines[0].y.pop()),
    /^panels\[1\]\.lines\[0\]\.y has 1 values but panels\[1\]\.lines\[0\]\.x has 2/,
    /a line's x and y have one length/,
  ],
  [
    "curves: group index out of range",
    broken("curves", (p) => (p.panels[0].points[0].group[2] = 2)),
    /^panels\[0\]\.points\[0\]\.group\[2\] must be an integer from 0 to 1, got 2/,
    /every group value is an index into groups/,
  ],
  [
    "curves: a colour short",
    broken("curves", (p) => p.panels[0].points[0].colors.pop()),
    /^panels\[0\]\.points\[0\]\.colors has 1 values but panels\[0\]\.points\[0\]\.groups has 2/,
    /colors one entry per groups entry/,
  ],
  [
    "curves: range backwards",
    broken("curves", (p) => (p.panels[0].yRange = [2, -2])),
    /^panels\[0\]\.yRange must have from < to, got \[2, -2\]/,
    /xRange and yRange have from < to/,
  ],
  [
    "curves: log range not positive",
    broken("curves", (p) => (p.panels[0].xRange = [0, 10])),
    /^panels\[0\]\.xRange must be positive on a log axis, got \[0, 10\]/,
    /positive on a log axis/,
  ],
  [
    "landscape: path.loss short",
    broken("landscape", (p) => p.panels[1].path.loss.pop()),
    /^panels\[1\]\.path\.loss has 20 values but panels\[1\]\.path\.x has 21/,
    /path\.x, y, loss and step have one length/,
  ],
];

describe("the payload schema and validatePayload agree", () => {
  it("the schema is valid JSON Schema (draft-07) and names the MIME type", () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.title).toContain("application/vnd.actigrad.v1+json");
  });

  it.each(Object.entries(valid))("both accept a built %s payload", (_, p) => {
    expect(schemaAccepts(p), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validatePayload(p)).toBe(p);
  });

  it("both accept null for NaN data and extra properties (forward compatible)", () => {
    const p = broken("activation", (q) => {
      q.series[0].df[0] = null;
      q.future = { anything: true };
    });
    expect(schemaAccepts(p)).toBe(true);
    expect(validatePayload(p)).toBe(p);
  });

  it.each(invalid)("both reject: %s", (_, p, message) => {
    expect(schemaAccepts(p)).toBe(false);
    expect(() => validatePayload(p)).toThrow(message);
  });

  it.each(crossField)("validator-only rule, documented in the schema: %s", (_, p, message, mentions) => {
    expect(schemaAccepts(p)).toBe(true);
    expect(() => validatePayload(p)).toThrow(message);
    expect(JSON.stringify(schema)).toMatch(mentions);
  });

  it("reads JSON text and names a JSON syntax error", () => {
    const text = JSON.stringify(valid.network);
    expect(validatePayload(text)).toMatchObject({ kind: "network" });
    expect(() => validatePayload("{ version: 1")).toThrow(/^payload is not valid JSON: /);
  });
});
