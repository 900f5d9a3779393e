import type { ActivationPayload, Payload } from "./payload";

/** The kinds this version of actigrad draws. */
export const KINDS = ["activation"] as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function numbers(v: unknown, where: string): number[] {
  // NB: JSON has no NaN/Infinity; JSON.stringify turns them into null, which we accept as "no value".
  if (!Array.isArray(v) || !v.every((e) => e === null || typeof e === "number")) {
    throw new Error(`${where} must be an array of numbers`);
  }
  return v as number[];
}

function str(v: unknown, where: string): string {
  if (typeof v !== "string") throw new Error(`${where} must be a string`);
  return v;
}

function activationPayload(p: Obj): ActivationPayload {
  const x = numbers(p.x, "x");
  if (!Array.isArray(p.series) || p.series.length === 0) throw new Error("series must be a non-empty array");
  p.series.forEach((s: unknown, i) => {
    if (!isObj(s)) throw new Error(`series[${i}] must be an object`);
    str(s.id, `series[${i}].id`);
    str(s.label, `series[${i}].label`);
    for (const k of ["f", "df", "d2f"]) {
      if (numbers(s[k], `series[${i}].${k}`).length !== x.length) {
        throw new Error(`series[${i}].${k} has ${(s[k] as unknown[]).length} values but x has ${x.length}`);
      }
    }
    if (!isObj(s.latex)) throw new Error(`series[${i}].latex must be an object with f, df, d2f`);
  });
  str(p.title, "title");
  return p as unknown as ActivationPayload;
}

/**
 * Checks a payload (an object, or its JSON text) and returns it typed, or throws an Error
 * that names the first problem. The renderer shows that message in its error box.
 */
export function validatePayload(data: unknown): Payload {
  let p = data;
  if (typeof p === "string") {
    try {
      p = JSON.parse(p);
    } catch (e) {
      throw new Error(`payload is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isObj(p)) throw new Error("payload must be a JSON object");
  if (p.version !== 1) throw new Error(`unsupported payload version ${JSON.stringify(p.version)}; this renderer draws version 1`);
  switch (p.kind) {
    case "activation":
      return activationPayload(p);
    default:
      throw new Error(`unknown figure kind ${JSON.stringify(p.kind)}; valid kinds are: ${KINDS.join(", ")}`);
  }
}
