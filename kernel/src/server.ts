import fs from "node:fs";
import { inspect } from "node:util";
import * as zmq from "zeromq";
import { ts, TSLAB_VERSION } from "./tslab";
import { runtimeError } from "./errors";
import { Executor, type CellResult } from "./executor";
import { Outputs, resultBundle } from "./outputs";
import { Wire, PROTOCOL_VERSION, type Header, type Message } from "./wire";

/** The fields of a Jupyter connection file the kernel uses. */
interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme?: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

type Queued = Message & { aborted?: boolean };

const VERSION: string = require("../package.json").version;
/** Log for the kernel's own problems: the real stderr (Jupyter's log), never a cell's output. */
const log = process.stderr.write.bind(process.stderr);

/**
 * The Jupyter side of the kernel: sockets, the wire protocol and the request handlers. Execute requests run one at a
 * time, in order; other shell requests are answered in order too (as ipykernel does), control ones at once.
 */
export class Server {
  private readonly wire: Wire;
  private readonly iopub = new zmq.Publisher();
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly stdin = new zmq.Router();
  private readonly hb = new zmq.Reply();
  private readonly queue: Queued[] = [];
  private working = false;
  private count = 0;
  /** The request whose outputs are being sent: the running cell's, or the last one's for late async output. */
  private parent: Partial<Header> = {};
  readonly outputs = new Outputs((type, content) => this.publish(type, content, this.parent));

  constructor(
    private readonly conn: ConnectionInfo,
    private readonly executor: Executor,
  ) {
    this.wire = new Wire(conn.key, conn.signature_scheme);
    // NB: a PUB socket drops messages beyond its high-water mark; outputs are already batched, so never drop.
    this.iopub.sendHighWaterMark = 0;
  }

  static fromFile(connectionFile: string, executor: Executor): Server {
    return new Server(JSON.parse(fs.readFileSync(connectionFile, "utf8")), executor);
  }

  async start(): Promise<void> {
    const addr = (port: number) => `${this.conn.transport}://${this.conn.ip}:${port}`;
    await Promise.all([
      this.iopub.bind(addr(this.conn.iopub_port)),
      this.shell.bind(addr(this.conn.shell_port)),
      this.control.bind(addr(this.conn.control_port)),
      this.stdin.bind(addr(this.conn.stdin_port)),
      this.hb.bind(addr(this.conn.hb_port)),
    ]);
    void this.loop(this.hb, (frames) => this.hb.send(frames));
    void this.loop(this.shell, (frames) => this.receiveShell(frames));
    void this.loop(this.control, (frames) => this.receiveControl(frames));
    this.publish("status", { execution_state: "starting" }, {});
  }

  private async loop(sock: zmq.Router | zmq.Reply, onMessage: (frames: Buffer[]) => unknown): Promise<void> {
    for await (const frames of sock) {
      try {
        await onMessage(frames);
      } catch (e) {
        log(`actigrad kernel: ${inspect(e)}\n`);
      }
    }
  }

  private publish(msgType: string, content: unknown, parent: Partial<Header>): void {
    void this.iopub.send(
      this.wire.encode([Buffer.from(`kernel.${this.wire.session}.${msgType}`)], msgType, content, parent),
    );
  }

  private reply(sock: zmq.Router, req: Message, msgType: string, content: Record<string, unknown>): void {
    void sock.send(this.wire.encode(req.identities, msgType, content, req.header, { status: content.status }));
  }

  private receiveShell(frames: Buffer[]): void {
    this.queue.push(this.wire.decode(frames));
    if (!this.working) void this.work();
  }

  private async work(): Promise<void> {
    this.working = true;
    try {
      for (let msg = this.queue.shift(); msg; msg = this.queue.shift()) {
        this.publish("status", { execution_state: "busy" }, msg.header);
        try {
          await this.handleShell(msg);
        } catch (e) {
          // Never leave a client waiting: a failed request still gets its reply, with status "error".
          log(`actigrad kernel: ${msg.header.msg_type} failed: ${inspect(e)}\n`);
          const type = msg.header.msg_type;
          if (type.endsWith("_request"))
            this.reply(this.shell, msg, type.replace(/_request$/, "_reply"), {
              status: "error",
              ...runtimeError(e, new Map()),
            });
        } finally {
          this.publish("status", { execution_state: "idle" }, msg.header);
        }
      }
    } finally {
      this.working = false;
    }
  }

  private async handleShell(msg: Queued): Promise<void> {
    const c = msg.content;
    switch (msg.header.msg_type) {
      case "execute_request":
        return msg.aborted
          ? this.reply(this.shell, msg, "execute_reply", { status: "aborted", execution_count: null })
          : this.execute(msg);
      case "kernel_info_request":
        return this.reply(this.shell, msg, "kernel_info_reply", this.kernelInfo());
      case "complete_request": {
        const r = this.executor.complete(String(c.code), Number(c.cursor_pos));
        return this.reply(this.shell, msg, "complete_reply", {
          status: "ok",
          matches: r.candidates,
          cursor_start: r.start,
          cursor_end: r.end,
          metadata: {},
        });
      }
      case "inspect_request": {
        const text = this.executor.inspect(String(c.code), Number(c.cursor_pos));
        return this.reply(this.shell, msg, "inspect_reply", {
          status: "ok",
          found: !!text,
          data: text ? { "text/plain": text } : {},
          metadata: {},
        });
      }
      case "is_complete_request": {
        const r = this.executor.isComplete(String(c.code));
        return this.reply(
          this.shell,
          msg,
          "is_complete_reply",
          r.completed ? { status: "complete" } : { status: "incomplete", indent: r.indent ?? "" },
        );
      }
      case "comm_info_request":
        return this.reply(this.shell, msg, "comm_info_reply", { status: "ok", comms: {} });
      case "history_request":
        return this.reply(this.shell, msg, "history_reply", { status: "ok", history: [] });
      case "shutdown_request":
        return this.shutdown(this.shell, msg);
      default:
        // comm_open/comm_msg/comm_close need no reply; other unknown requests are ignored as ipykernel does.
        return;
    }
  }

  private receiveControl(frames: Buffer[]): void {
    const msg = this.wire.decode(frames);
    this.publish("status", { execution_state: "busy" }, msg.header);
    try {
      switch (msg.header.msg_type) {
        case "interrupt_request":
          this.interrupt();
          this.reply(this.control, msg, "interrupt_reply", { status: "ok" });
          break;
        case "kernel_info_request":
          this.reply(this.control, msg, "kernel_info_reply", this.kernelInfo());
          break;
        case "shutdown_request":
          this.shutdown(this.control, msg);
          break;
      }
    } finally {
      this.publish("status", { execution_state: "idle" }, msg.header);
    }
  }

  /** Stops an awaiting cell (SIGINT stops a synchronous one by itself; see executor.ts). */
  interrupt(): void {
    this.executor.interrupt();
  }

  private kernelInfo(): Record<string, unknown> {
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "actigrad",
      implementation_version: VERSION,
      language_info: {
        name: "typescript",
        version: ts.version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        // Lab picks its TypeScript mode from `mode`; the classic notebook needs name + typescript (tslab#18).
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      },
      banner: `TypeScript ${ts.version} (actigrad kernel ${VERSION} on tslab ${TSLAB_VERSION}, Node.js ${process.version})`,
      help_links: [{ text: "tslab", url: "https://github.com/yunabe/tslab" }],
      debugger: false,
    };
  }

  private async execute(msg: Message): Promise<void> {
    const c = msg.content as { code: string; silent?: boolean; store_history?: boolean; stop_on_error?: boolean };
    const silent = !!c.silent;
    const counted = !silent && c.store_history !== false;
    if (counted) this.count++;
    this.parent = msg.header;
    if (!silent) this.publish("execute_input", { code: c.code, execution_count: this.count }, msg.header);
    let result: CellResult;
    try {
      result = await this.executor.execute(c.code, counted ? this.count : undefined);
    } catch (e) {
      // A bug of the kernel or of tslab's converter, not of the cell: report it whole, kernel frames included.
      const stack = e instanceof Error && e.stack ? e.stack : inspect(e);
      result = {
        ok: false,
        error: {
          ename: "KernelError",
          evalue: e instanceof Error ? e.message : inspect(e),
          traceback: [`KernelError: the actigrad kernel failed on this cell:`, stack],
        },
      };
    }
    let error = result.ok ? undefined : result.error;
    if (result.ok && result.hasValue && !silent) {
      try {
        const data = await resultBundle(result.value);
        this.outputs.flush();
        if (Object.keys(data).length)
          this.publish("execute_result", { execution_count: this.count, data, metadata: {} }, msg.header);
      } catch (e) {
        error = runtimeError(e, this.executor.cells);
      }
    }
    this.outputs.flush(); // NB: the last state of throttled displays goes out before the reply
    if (!error) {
      this.reply(this.shell, msg, "execute_reply", {
        status: "ok",
        execution_count: this.count,
        user_expressions: {},
        payload: [],
      });
      return;
    }
    this.publish("error", error, msg.header);
    if (c.stop_on_error !== false) await this.abortQueued();
    this.reply(this.shell, msg, "execute_reply", { status: "error", execution_count: this.count, ...error });
  }

  /**
   * After an error, execute requests already waiting are aborted, as the protocol's `stop_on_error` asks (so "Run
   * All" stops at the failing cell). NB: unlike tslab's 200 ms cancel window, requests sent after the error reply
   * — nbclient's next cell — always run.
   */
  private async abortQueued(): Promise<void> {
    // Let the shell loop take in every message already waiting in the socket (a blocking cell held them back).
    for (let n = -1, stable = 0; stable < 2;) {
      await new Promise((r) => setImmediate(r));
      stable = this.queue.length === n ? stable + 1 : 0;
      n = this.queue.length;
    }
    for (const q of this.queue) if (q.header.msg_type === "execute_request") q.aborted = true;
  }

  private shutdown(sock: zmq.Router, msg: Message): void {
    this.outputs.flush();
    this.reply(sock, msg, "shutdown_reply", { status: "ok", restart: !!msg.content.restart });
    // Give ZeroMQ a moment to deliver the reply, then release the sockets and the compiler's file watchers.
    setTimeout(() => {
      this.executor.close();
      for (const s of [this.iopub, this.shell, this.control, this.stdin, this.hb]) s.close();
      process.exit(0);
    }, 50);
  }
}
