import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** A Jupyter message header (messaging protocol 5.3). */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded Jupyter message, with the ZeroMQ routing identities it came with. */
export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

const DELIM = Buffer.from("<IDS|MSG>");
export const PROTOCOL_VERSION = "5.3";

/** Signs, verifies, encodes and decodes messages in the Jupyter wire format. */
export class Wire {
  readonly session = randomUUID();

  constructor(
    private readonly key: string,
    private readonly scheme = "hmac-sha256",
  ) {
    if (key && !scheme.startsWith("hmac-")) throw new Error(`unsupported signature scheme ${JSON.stringify(scheme)}`);
  }

  private sign(parts: (string | Buffer)[]): string {
    if (!this.key) return "";
    const h = createHmac(this.scheme.slice("hmac-".length), this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  /** Decodes a multipart message; throws if the signature does not match. */
  decode(frames: Buffer[]): Message {
    const i = frames.findIndex((f) => f.equals(DELIM));
    if (i < 0) throw new Error("message without <IDS|MSG> delimiter");
    const [sig, header, parent, metadata, content, ...buffers] = frames.slice(i + 1);
    if (!content) throw new Error("message with missing parts");
    const want = Buffer.from(this.sign([header, parent, metadata, content]));
    const got = sig ?? Buffer.alloc(0);
    if (this.key && (want.length !== got.length || !timingSafeEqual(want, got)))
      throw new Error("message with an invalid signature");
    return {
      identities: frames.slice(0, i),
      header: JSON.parse(header.toString("utf8")),
      parent_header: JSON.parse(parent.toString("utf8")),
      metadata: JSON.parse(metadata.toString("utf8")),
      content: JSON.parse(content.toString("utf8")),
      buffers,
    };
  }

  /** A new header of this kernel's session. */
  header(msgType: string): Header {
    return {
      msg_id: randomUUID(),
      session: this.session,
      username: "kernel",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    };
  }

  /** Encodes a message (a reply or an iopub message) with `parent` as its parent header. */
  encode(
    identities: Buffer[],
    msgType: string,
    content: unknown,
    parent: Partial<Header> = {},
    metadata: Record<string, unknown> = {},
  ): (Buffer | string)[] {
    const parts = [
      JSON.stringify(this.header(msgType)),
      JSON.stringify(parent),
      JSON.stringify(metadata),
      JSON.stringify(content),
    ];
    return [...identities, DELIM, this.sign(parts), ...parts];
  }
}
