"""Starts the TypeScript (actigrad) kernel: `python -m actigrad -f <connection file>` (the kernelspec's argv).

The kernel is JavaScript; this launcher only finds a Node.js that can run it, and says so in one line if none can.
"""

import os
import re
import shutil
import subprocess
import sys

MIN_NODE = 20
MAIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel", "kernel", "dist", "main.js")


def find_node():
    """The node to run, or the one-line reason there is none."""
    node = os.environ.get("ACTIGRAD_NODE") or shutil.which("node")
    if not node:
        return None, f"no `node` on PATH; install Node.js >= {MIN_NODE} (e.g. `conda install -c conda-forge 'nodejs>={MIN_NODE}'`) and restart the kernel"
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError as e:
        return None, f"cannot run {node} ({e}); install Node.js >= {MIN_NODE} and restart the kernel"
    m = re.match(r"v(\d+)\.", version)
    if not m or int(m.group(1)) < MIN_NODE:
        return None, f"{node} is Node.js {version or 'of unknown version'}, and the kernel needs >= {MIN_NODE}; install a newer one and restart the kernel"
    return node, None


def main(argv):
    if len(argv) != 2 or argv[0] != "-f":
        print("usage: python -m actigrad -f <connection file>", file=sys.stderr)
        return 2
    node, problem = find_node()
    if problem:
        print(f"TypeScript (actigrad) kernel cannot start: {problem}", file=sys.stderr, flush=True)
        return 1
    args = [node, MAIN, "--config-path", argv[1]]
    if os.name == "nt":  # NB: Windows has no exec that keeps the process, so Jupyter's signals go through a child.
        return subprocess.call(args)
    os.execv(node, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
