import { inspect } from "node:util";

export type MimeBundle = Record<string, unknown>;
type BundleSource = MimeBundle | (() => MimeBundle);

/** Sends one iopub message (under the current parent request). */
export type IopubSend = (msgType: string, content: Record<string, unknown>) => void;

/** Options of the display hook; mirrors lib's `DisplayOptions` (structural, so neither package imports the other). */
export interface DisplayOptions {
  displayId?: string;
  update?: boolean;
}

/** At most one update per display id per this many ms: 10 a second, whatever the loop does. */
export const UPDATE_INTERVAL_MS = 100;
/** Stream text is batched for this long, so 10,000 console.log calls make a few messages, not 10,000. */
export const STREAM_INTERVAL_MS = 50;
const STREAM_MAX_CHARS = 1 << 20;

interface PendingUpdate {
  source?: BundleSource;
  lastSent: number;
  timer?: NodeJS.Timeout;
}

/**
 * Everything a cell sends to iopub besides status: stream text, display data and throttled display updates.
 * NB: throttling checks the clock on every call, so it also works while a synchronous loop blocks the event loop
 * (timers cannot fire then); the timers only cover loops that yield (`await`).
 */
export class Outputs {
  private stream?: { name: string; text: string; since: number };
  private streamTimer?: NodeJS.Timeout;
  private readonly updates = new Map<string, PendingUpdate>();

  constructor(private readonly send: IopubSend) {}

  /** Appends text to the stdout/stderr stream, flushing when batched long enough. */
  write(name: "stdout" | "stderr", text: string): void {
    if (!text) return;
    if (this.stream && this.stream.name !== name) this.flushStream();
    const now = Date.now();
    this.stream ??= { name, text: "", since: now };
    this.stream.text += text;
    if (now - this.stream.since >= STREAM_INTERVAL_MS || this.stream.text.length > STREAM_MAX_CHARS) this.flushStream();
    else this.streamTimer ??= setTimeout(() => this.flushStream(), STREAM_INTERVAL_MS);
  }

  flushStream(): void {
    clearTimeout(this.streamTimer);
    this.streamTimer = undefined;
    const s = this.stream;
    this.stream = undefined;
    if (s?.text) this.send("stream", { name: s.name, text: s.text });
  }

  /** A `display_data` (or, with `update`, a throttled `update_display_data`) carrying a whole MIME bundle. */
  display(source: BundleSource, options: DisplayOptions = {}): void {
    const id = options.displayId;
    if (options.update) {
      if (!id) throw new Error("actigrad kernel: an update needs the display id of the output it replaces");
      this.update(id, source);
      return;
    }
    const data = normalize(typeof source === "function" ? source() : source);
    this.flushStream(); // NB: keep outputs in the order the cell made them
    if (id) {
      // A fresh output supersedes updates still pending for the same id.
      const u = this.updates.get(id);
      if (u) {
        clearTimeout(u.timer);
        u.timer = undefined;
        u.source = undefined;
      }
      this.updates.set(id, { ...u, lastSent: Date.now() });
    }
    this.send("display_data", { data, metadata: {}, transient: id ? { display_id: id } : {} });
  }

  private update(id: string, source: BundleSource): void {
    const now = Date.now();
    const u = this.updates.get(id) ?? { lastSent: -Infinity };
    this.updates.set(id, u);
    u.source = source;
    if (now - u.lastSent >= UPDATE_INTERVAL_MS) this.sendUpdate(id, u);
    else u.timer ??= setTimeout(() => this.sendUpdate(id, u), u.lastSent + UPDATE_INTERVAL_MS - now);
  }

  private sendUpdate(id: string, u: PendingUpdate): void {
    clearTimeout(u.timer);
    u.timer = undefined;
    const source = u.source;
    if (!source) return;
    u.source = undefined;
    u.lastSent = Date.now();
    let data: MimeBundle;
    try {
      data = normalize(typeof source === "function" ? source() : source);
    } catch (e) {
      this.write(
        "stderr",
        `actigrad: could not update display ${id}: ${e instanceof Error ? e.message : inspect(e)}\n`,
      );
      return;
    }
    this.send("update_display_data", { data, metadata: {}, transient: { display_id: id } });
  }

  /** Sends everything still batched: stream text, then the last state of every throttled display. */
  flush(): void {
    this.flushStream();
    for (const [id, u] of this.updates) if (u.source) this.sendUpdate(id, u);
  }
}

/** Binary data (PNG, …) travels base64-encoded, as Jupyter expects; everything else as given. */
function normalize(bundle: MimeBundle): MimeBundle {
  if (typeof bundle !== "object" || bundle === null) {
    throw new TypeError(
      `actigrad kernel: a display bundle must be an object of MIME type → data, got ${inspect(bundle)}`,
    );
  }
  const out: MimeBundle = {};
  for (const [k, v] of Object.entries(bundle)) out[k] = v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v;
  return out;
}

/** What a cell's last expression shows: the object's own bundle if it has one, else Node's inspect() text. */
export async function resultBundle(value: unknown): Promise<MimeBundle> {
  const fn =
    typeof value === "object" && value !== null
      ? (value as Record<symbol, unknown>)[Symbol.for("Jupyter.display")]
      : undefined;
  if (typeof fn === "function") {
    const bundle = normalize(await fn.call(value));
    // NB: an object that displays as an empty bundle asks to show nothing (lib's display handles do).
    if (Object.keys(bundle).length === 0) return bundle;
    return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": inspect(value) };
  }
  return { "text/plain": inspect(value) };
}
