"""The actigrad kernel through the real Jupyter protocol: jupyter_client and nbclient talk to kernel/dist/main.js."""

import json
import re
import subprocess
import threading
import time

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import ARTIFACTS, KERNEL_NAME, MIME, NOTEBOOKS, ROOT

TIMINGS = {}
# Frames that belong to the kernel, Node or tslab, never to the user.
INTERNAL = re.compile(r"node:internal|kernel/dist|kernel/node_modules|tslab|evalmachine")


class Kernel:
    """A started kernel plus a helper that runs one cell and returns its reply and its iopub messages."""

    def __init__(self, cwd):
        t = time.perf_counter()
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.km.start_kernel(cwd=str(cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.ready_s = time.perf_counter() - t

    def run(self, code, timeout=60, **kw):
        msg_id = self.kc.execute(code, **kw)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=60):
        reply = self.reply(msg_id, timeout)
        msgs = []
        while True:
            m = self.kc.get_iopub_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return reply, msgs
            if m["msg_type"] != "status":
                msgs.append(m)

    def reply(self, msg_id, timeout=60):
        while True:
            r = self.kc.get_shell_msg(timeout=timeout)
            if r["parent_header"].get("msg_id") == msg_id:
                return r["content"]

    def request(self, method, *args):
        msg_id = getattr(self.kc, method)(*args)
        return self.reply(msg_id)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel():
    k = Kernel(NOTEBOOKS)
    TIMINGS["start_to_ready_s"] = k.ready_s
    k.run('import { activation, display, displayBundle, show } from "actigrad";')
    yield k
    k.stop()


def of_type(msgs, *types):
    return [m for m in msgs if m["msg_type"] in types]


def stdout(msgs):
    return "".join(m["content"]["text"] for m in of_type(msgs, "stream") if m["content"]["name"] == "stdout")


# --- display bundles and the rich display protocol ---------------------------------------------------------------


def test_a_bundle_of_three_mime_types_arrives_in_one_message(kernel):
    reply, msgs = kernel.run(
        'displayBundle({ "application/vnd.test+json": { a: [1, 2] }, "image/svg+xml": "<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>", "text/plain": "three" });'
    )
    assert reply["status"] == "ok"
    (d,) = of_type(msgs, "display_data")
    assert d["content"]["data"] == {
        "application/vnd.test+json": {"a": [1, 2]},
        "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        "text/plain": "three",
    }


def test_show_sends_a_figure_as_json_svg_and_text_in_one_message(kernel):
    _, msgs = kernel.run('show(activation("sigmoid"), activation("tanh"));')
    (d,) = of_type(msgs, "display_data")
    data = d["content"]["data"]
    assert set(data) == {MIME, "image/svg+xml", "text/plain"}
    assert isinstance(data[MIME], dict) and data[MIME]["kind"] == "activation"
    assert "max f′ = 0.25" in data["text/plain"]


def test_display_carries_the_given_display_id(kernel):
    _, msgs = kernel.run('const h1 = display({ "text/plain": "x" }, { id: "my-id" }); h1.id')
    (d,) = of_type(msgs, "display_data")
    assert d["content"]["transient"] == {"display_id": "my-id"}
    (r,) = of_type(msgs, "execute_result")
    assert r["content"]["data"]["text/plain"] == "'my-id'"


def test_a_display_handle_as_the_last_expression_shows_nothing_more(kernel):
    _, msgs = kernel.run('display({ "text/plain": "shown once" })')
    assert [m["content"]["data"]["text/plain"] for m in of_type(msgs, "display_data")] == ["shown once"]
    assert of_type(msgs, "execute_result") == []


def test_a_rich_last_expression_is_an_execute_result_with_all_its_mime_types(kernel):
    reply, msgs = kernel.run('activation("tanh")')
    assert not of_type(msgs, "stream"), "the value must not be printed as text"
    (r,) = of_type(msgs, "execute_result")
    assert r["content"]["execution_count"] == reply["execution_count"]
    data = r["content"]["data"]
    assert set(data) == {MIME, "image/svg+xml", "text/plain"}
    assert data[MIME]["series"][0]["id"] == "tanh"
    assert "<path" in data["image/svg+xml"]


def test_any_object_with_the_jupyter_display_method_is_rich(kernel):
    code = """
    class Money { constructor(readonly cents: number) {}
      [Symbol.for("Jupyter.display")]() { return { "text/html": `<b>${this.cents / 100} €</b>`, "text/markdown": `**${this.cents / 100} €**` }; } }
    new Money(250)
    """
    _, msgs = kernel.run(code)
    (r,) = of_type(msgs, "execute_result")
    data = r["content"]["data"]
    assert data["text/html"] == "<b>2.5 €</b>" and data["text/markdown"] == "**2.5 €**"
    assert data["text/plain"] == "Money { cents: 250 }", "a text/plain fallback is added when the bundle has none"


def test_a_plain_last_expression_is_inspected_text_and_undefined_shows_nothing(kernel):
    _, msgs = kernel.run("({ a: 1, b: [1, 2, 3] })")
    (r,) = of_type(msgs, "execute_result")
    assert r["content"]["data"] == {"text/plain": "{ a: 1, b: [ 1, 2, 3 ] }"}
    _, msgs = kernel.run("console.log('printed')")
    assert not of_type(msgs, "execute_result")
    assert stdout(msgs) == "printed\n"


def test_display_rejects_something_that_is_not_a_bundle(kernel):
    reply, _ = kernel.run("display({ a: 1 } as any)")
    assert reply["status"] == "error" and reply["ename"] == "TypeError"
    assert 'keys "a"' in reply["evalue"] and "Jupyter.display" in reply["evalue"]


def test_tslabs_own_display_api_still_works(kernel):
    _, msgs = kernel.run('import * as tslab from "tslab"; tslab.display.html("<i>hi</i>");')
    (d,) = of_type(msgs, "display_data")
    assert d["content"]["data"] == {"text/html": "<i>hi</i>"}


def test_imports_can_be_rerun_and_their_names_rebound(kernel):
    for _ in range(2):
        reply, _ = kernel.run('import { activation as act } from "actigrad";\nimport * as A from "actigrad";\nexport * from "actigrad";')
        assert reply["status"] == "ok", reply
    _, msgs = kernel.run('act("relu").df(1) + A.activation("sigmoid").df(0)')
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "1.25"
    reply, _ = kernel.run("const act = 42;")
    assert reply["status"] == "ok"
    _, msgs = kernel.run("act + 1")
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "43"


def test_a_notebook_imports_the_subpaths_with_their_types(kernel):
    # NB: tslab resolves with Node10, which ignores package.json "exports": lib/<name>/package.json stubs serve it
    reply, msgs = kernel.run(
        'import { mlp } from "actigrad/nn";\nimport { topoSort } from "actigrad/autodiff";\n'
        'import { CATALOG } from "actigrad/catalog";\nimport { gemmNN } from "actigrad/kernels";\n'
        'import { value } from "actigrad";\nconst y = value(2, "w").mul(3).tanh();\n'
        '[mlp([2, 3, 1], { seed: 1 }).params().length, topoSort(y).length, CATALOG.length > 20, typeof gemmNN].join(" ")'
    )
    assert reply["status"] == "ok", reply
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "'4 4 true function'"
    reply, _ = kernel.run('import { topoSort } from "actigrad/autodiff";\nconst n: string = topoSort;')
    assert reply["evalue"] == "line 2:7 - error TS2322: Type '(root: Value) => Value[]' is not assignable to type 'string'."


def test_top_level_await_and_for_await(kernel):
    _, msgs = kernel.run("await new Promise((r) => setTimeout(r, 10));\n(await Promise.resolve(20)) + 1")
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "21"
    _, msgs = kernel.run("async function* steps() { yield 1; yield 2; }\nlet acc = 0;\nfor await (const v of steps()) acc += v;\nacc")
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "3"


def test_a_function_from_an_earlier_cell_updates_a_top_level_variable(kernel):
    kernel.run("let total = 0;")
    kernel.run("function add(v: number) { total += v; }")
    _, msgs = kernel.run("for (let i = 1; i <= 100; i++) add(i);\ntotal")
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "5050"


# --- live updates --------------------------------------------------------------------------------------------------


def test_ten_thousand_updates_send_a_bounded_number_of_messages_and_the_last_value(kernel):
    # Each iteration busy-waits 0.1 ms, so the loop blocks the event loop for about a second.
    code = """
    let built = 0;
    const counter = { i: 0, [Symbol.for("Jupyter.display")]() { built++; return { "text/plain": `i = ${this.i}` }; } };
    const h = display(counter);
    const t0 = performance.now();
    for (let i = 0; i < 10000; i++) {
      const t = performance.now(); while (performance.now() - t < 0.1) {}
      counter.i = i;
      h.update(counter);
    }
    console.log(JSON.stringify({ ms: performance.now() - t0, built }));
    """
    reply, msgs = kernel.run(code)
    assert reply["status"] == "ok"
    (shown,) = of_type(msgs, "display_data")
    updates = of_type(msgs, "update_display_data")
    info = json.loads(stdout(msgs))
    seconds = info["ms"] / 1000
    TIMINGS["updates"] = {"loop_s": round(seconds, 3), "update_messages": len(updates)}
    assert seconds > 0.5
    assert 3 <= len(updates) <= 10 * seconds + 2, f"{len(updates)} updates in {seconds:.2f} s"
    assert all(u["content"]["transient"] == shown["content"]["transient"] for u in updates)
    assert updates[-1]["content"]["data"] == {"text/plain": "i = 9999"}
    # A bundle is built only when it is sent: once for display, once per update sent during the loop (the final
    # update is built after the cell's code, so after `built` was printed).
    assert info["built"] == 1 + (len(updates) - 1)


def test_updates_from_an_awaiting_loop_are_throttled_by_timers_and_flushed_at_the_end(kernel):
    code = """
    const h2 = display({ "text/plain": "start" });
    const t0 = performance.now();
    for (let i = 0; i < 10000; i++) {
      h2.update({ "text/plain": `step ${i}` });
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    console.log(performance.now() - t0);
    """
    reply, msgs = kernel.run(code)
    assert reply["status"] == "ok"
    updates = of_type(msgs, "update_display_data")
    seconds = float(stdout(msgs)) / 1000
    assert 2 <= len(updates) <= 10 * seconds + 2, f"{len(updates)} updates in {seconds:.2f} s"
    assert updates[-1]["content"]["data"] == {"text/plain": "step 9999"}


def test_an_update_in_a_later_cell_replaces_the_earlier_output(kernel):
    _, first = kernel.run('const later = display({ "text/plain": "before" });')
    _, second = kernel.run('later.update({ "text/plain": "after" });')
    (u,) = of_type(second, "update_display_data")
    assert u["content"]["transient"] == of_type(first, "display_data")[0]["content"]["transient"]
    assert u["content"]["data"] == {"text/plain": "after"}


def test_printing_in_a_loop_arrives_complete_in_few_messages(kernel):
    _, msgs = kernel.run("for (let i = 0; i < 10000; i++) console.log(i);")
    assert stdout(msgs) == "".join(f"{i}\n" for i in range(10000))
    assert len(of_type(msgs, "stream")) < 20


# --- errors ----------------------------------------------------------------------------------------------------------


def test_a_thrown_error_is_an_error_reply_with_a_traceback_at_the_cell_line_and_the_next_cell_runs(kernel):
    code = 'const ok = 1;\nfunction fail(x: number) {\n  throw new RangeError(`bad x = ${x}`);\n}\nfail(7);'
    reply, msgs = kernel.run(code)
    n = reply["execution_count"]
    assert reply["status"] == "error"
    assert (reply["ename"], reply["evalue"]) == ("RangeError", "bad x = 7")
    (err,) = of_type(msgs, "error")
    assert err["content"]["ename"] == "RangeError" and err["content"]["evalue"] == "bad x = 7"
    tb = "\n".join(err["content"]["traceback"])
    assert f"at fail (Cell In[{n}]:3:9)" in tb
    assert "throw new RangeError(`bad x = ${x}`);" in tb
    assert f"at Cell In[{n}]:5:1" in tb
    assert not INTERNAL.search(tb), tb
    reply, msgs = kernel.run('console.log("next cell ran", ok)')
    assert reply["status"] == "ok" and reply["execution_count"] == n + 1
    assert stdout(msgs) == "next cell ran 1\n"


def test_a_stack_through_an_earlier_cell_and_the_library_maps_each_cell_frame(kernel):
    _, _ = kernel.run("function outer(id: string) {\n  return activation(id);\n}")
    reply, msgs = kernel.run('\n\nouter("sigmod")')
    tb = "\n".join(of_type(msgs, "error")[0]["content"]["traceback"])
    assert '"sigmod"' in reply["evalue"]
    n = reply["execution_count"]
    assert re.search(rf"at outer \(Cell In\[{n - 1}\]:2:\d+\)", tb), tb
    assert f"at Cell In[{n}]:3:1" in tb
    assert "lib/dist" in tb, "library frames are kept: they are the user's code too"
    assert not INTERNAL.search(tb), tb


def test_stack_positions_are_the_typescript_ones_even_where_the_emitted_js_differs(kernel):
    # Types, blank lines and the `!` vanish from the JavaScript and its indentation changes; positions must not.
    code = (
        "interface Cfg {\n  lr: number;\n}\n\ntype Deep = { missing?: { deep: number } };\n\n"
        "function read(o: Deep): number {\n  return o.missing!.deep;\n}\nconst cfg: Cfg = { lr: 0.1 };\nread({})"
    )
    reply, msgs = kernel.run(code)
    n = reply["execution_count"]
    assert reply["ename"] == "TypeError"
    tb = of_type(msgs, "error")[0]["content"]["traceback"]
    # Line 8 is `  return o.missing!.deep;`; column 21 is where `deep` starts (V8 points at the property read).
    assert tb[1:] == [f"    at read (Cell In[{n}]:8:21)", "        return o.missing!.deep;", f"    at Cell In[{n}]:11:1", "        read({})"]


def test_a_type_error_reports_the_diagnostic_text_and_position(kernel):
    reply, msgs = kernel.run('const n: number = 1;\nconst s: string = n;')
    assert reply["status"] == "error" and reply["ename"] == "TypeScriptError"
    assert reply["evalue"] == "line 2:7 - error TS2322: Type 'number' is not assignable to type 'string'."
    tb = of_type(msgs, "error")[0]["content"]["traceback"]
    assert tb[1:] == [reply["evalue"], "  const s: string = n;", "        ^"]


def test_a_syntax_error_is_a_compile_error_too(kernel):
    reply, _ = kernel.run("let x = ;")
    assert reply["status"] == "error" and reply["ename"] == "TypeScriptError"
    assert reply["evalue"] == "line 1:9 - error TS1109: Expression expected."


def test_a_thrown_non_error_value_is_reported(kernel):
    reply, _ = kernel.run('throw { code: 42 }')
    assert (reply["status"], reply["ename"], reply["evalue"]) == ("error", "Uncaught", "{ code: 42 }")


def test_a_failing_cell_keeps_what_it_declared_before_the_error(kernel):
    kernel.run('const model = { w: 3 };\nthrow new Error("training diverged");')
    reply, msgs = kernel.run("model.w")
    assert reply["status"] == "ok"
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "3"


def test_queued_cells_after_an_error_follow_stop_on_error(kernel):
    # Sent together, like JupyterLab's "Run All": an error aborts what was already queued behind it ...
    ids = [kernel.kc.execute('throw new Error("stop here")'), kernel.kc.execute('console.log("skipped")')]
    assert [kernel.reply(i)["status"] for i in ids] == ["error", "aborted"]
    # ... unless the failing request says stop_on_error=False.
    ids = [kernel.kc.execute('throw new Error("go on")', stop_on_error=False), kernel.kc.execute('console.log("ran")')]
    _, msgs = kernel.collect(ids[1])
    assert stdout(msgs) == "ran\n"


def test_a_callback_error_is_printed_to_stderr_with_a_mapped_stack(kernel):
    code = 'setTimeout(() => {\n  throw new Error("from a timer");\n}, 0);\nawait new Promise((r) => setTimeout(r, 100));'
    reply, msgs = kernel.run(code)
    n = reply["execution_count"]
    err = "".join(m["content"]["text"] for m in of_type(msgs, "stream") if m["content"]["name"] == "stderr")
    assert "Uncaught exception: Error: from a timer" in err
    assert f"Cell In[{n}]:2:9" in err
    assert not INTERNAL.search(err), err


# --- interrupt, counts, protocol hygiene ------------------------------------------------------------------------------


def interrupt_after(kernel, seconds):
    threading.Timer(seconds, kernel.km.interrupt_kernel).start()


def test_interrupt_stops_a_busy_loop_and_the_kernel_answers_the_next_cell(kernel):
    interrupt_after(kernel, 1.0)
    t = time.perf_counter()
    reply, msgs = kernel.run("let spins = 0;\nwhile (true) { spins++; }", timeout=30)
    assert time.perf_counter() - t < 10
    assert (reply["status"], reply["ename"]) == ("error", "Interrupted")
    reply, msgs = kernel.run('"still here"')
    assert reply["status"] == "ok"
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "'still here'"


def test_interrupt_stops_a_cell_awaiting_forever(kernel):
    interrupt_after(kernel, 1.0)
    reply, _ = kernel.run("await new Promise(() => {});", timeout=30)
    assert (reply["status"], reply["ename"]) == ("error", "Interrupted")
    reply, msgs = kernel.run("1 + 1")
    assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "2"


def test_an_interrupt_request_on_the_control_channel_stops_an_awaiting_cell(kernel):
    msg_id = kernel.kc.execute("await new Promise(() => {});")
    time.sleep(1.0)
    kernel.kc.control_channel.send(kernel.kc.session.msg("interrupt_request", {}))
    reply, _ = kernel.collect(msg_id, timeout=30)
    assert (reply["status"], reply["ename"]) == ("error", "Interrupted")
    assert kernel.kc.get_control_msg(timeout=10)["content"] == {"status": "ok"}


def test_execute_input_is_sent_and_counts_increment(kernel):
    r1, m1 = kernel.run("1")
    r2, m2 = kernel.run("2")
    assert r2["execution_count"] == r1["execution_count"] + 1
    (inp,) = of_type(m2, "execute_input")
    assert inp["content"] == {"code": "2", "execution_count": r2["execution_count"]}
    r3, m3 = kernel.run("3", silent=True)
    assert not of_type(m3, "execute_input", "execute_result")
    r4, _ = kernel.run("4", store_history=False)
    r5, _ = kernel.run("5")
    assert r5["execution_count"] == r2["execution_count"] + 1, "silent and store_history=False cells are not counted"


def test_language_info_names_typescript_with_the_real_compiler_version(kernel):
    info = kernel.request("kernel_info")
    pkg = json.loads((ROOT / "kernel/node_modules/@tslab/typescript-for-tslab/package.json").read_text())
    assert info["status"] == "ok" and info["protocol_version"] == "5.3"
    li = info["language_info"]
    assert (li["name"], li["version"], li["file_extension"], li["mimetype"]) == ("typescript", pkg["version"], ".ts", "text/typescript")
    assert pkg["version"] == "5.0.4"
    assert "TypeScript 5.0.4" in info["banner"]


def test_completion_inspection_and_is_complete_still_work(kernel):
    c = kernel.request("complete", 'activation("relu").d', 20)
    assert c["status"] == "ok" and {"df", "d2f"} <= set(c["matches"])
    assert (c["cursor_start"], c["cursor_end"]) == (19, 20)
    i = kernel.request("inspect", "activation", 3)
    assert i["found"] and "function activation(id: string" in i["data"]["text/plain"]
    assert kernel.request("is_complete", "function f() {") == {"status": "incomplete", "indent": "  "}
    assert kernel.request("is_complete", "f()")["status"] == "complete"


def test_per_cell_overhead(kernel):
    kernel.run("1")
    samples = []
    for _ in range(20):
        t = time.perf_counter()
        reply, _ = kernel.run("1 + 1")
        samples.append(time.perf_counter() - t)
        assert reply["status"] == "ok"
    samples.sort()
    TIMINGS["cell_round_trip_ms"] = {"median": round(1000 * samples[10], 1), "max": round(1000 * samples[-1], 1)}


# --- notebooks through nbclient ---------------------------------------------------------------------------------------


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": KERNEL_NAME, "display_name": "TypeScript (actigrad)", "language": "typescript"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_a_saved_notebook_has_counts_1_2_3_and_the_final_state_of_updated_outputs(tmp_path):
    nb = notebook(
        'import { display } from "actigrad";',
        'const h = display({ "text/plain": "0" });\nfor (let i = 1; i <= 10000; i++) h.update({ "text/plain": String(i) });',
        "console.log('three')",
    )
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    path = tmp_path / "counts.ipynb"
    nbformat.write(nb, path)
    saved = nbformat.read(path, as_version=4)
    assert [c.execution_count for c in saved.cells] == [1, 2, 3]
    (out,) = saved.cells[1].outputs
    assert out.output_type == "display_data" and out.data["text/plain"] == "10000"


def test_nbclient_cell_execution_error_carries_the_message():
    nb = notebook('const x = 1;', 'function boom() {\n  throw new Error("the loss is NaN");\n}\nboom();', "x")
    with pytest.raises(CellExecutionError) as info:
        NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    text = str(info.value)
    assert "Error: the loss is NaN" in text
    assert "at boom (Cell In[2]:2:9)" in text
    assert 'throw new Error("the loss is NaN");' in text
    (err,) = nb.cells[1].outputs
    assert err.output_type == "error" and err.ename == "Error"


def test_import_actigrad_from_a_notebook_outside_the_repository(tmp_path):
    nb = notebook('import { activation } from "actigrad";\nconst d: number = activation("sigmoid").df(0);\nd')
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[0].outputs[0].data["text/plain"] == "0.25"


# --- outside the kernel -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", ['show(a.activation("sigmoid"))', 'a.display({ "text/plain": "x" })'])
def test_show_and_display_throw_a_clear_error_outside_the_kernel(call):
    script = f'const a = require("actigrad"); const show = a.show; try {{ {call}; }} catch (e) {{ console.log(e.message); process.exit(3); }}'
    r = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert r.returncode == 3, r.stderr
    assert 'display needs the "TypeScript (actigrad)" Jupyter kernel' in r.stdout


def test_zz_report_timings():
    """Not a timing assertion: writes the measured numbers (kernel start, per-cell round trip) as an artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "kernel-timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
    print("kernel timings:", json.dumps(TIMINGS))
