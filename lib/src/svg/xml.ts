/** Escapes text for XML content and attribute values, so labels can never become markup. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Builds `<name a="v" …>children</name>`; attribute values are escaped, children must already be XML. */
export function el(name: string, attrs: Record<string, string | number | undefined>, ...children: string[]): string {
  let s = "<" + name;
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) s += ` ${k}="${escapeXml(String(v))}"`;
  }
  return children.length ? `${s}>${children.join("")}</${name}>` : `${s}/>`;
}

/** A text node: the string is escaped, never parsed. */
export function text(attrs: Record<string, string | number | undefined>, content: string): string {
  return el("text", attrs, escapeXml(content));
}

/** A `<title>` child, which browsers show as a hover tooltip without any script. */
export function title(content: string): string {
  return el("title", {}, escapeXml(content));
}

export { fmt } from "../figure/format";

/** The UTF-8 size of `s` in bytes (what a file or an HTML page holds), without TextEncoder. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}
