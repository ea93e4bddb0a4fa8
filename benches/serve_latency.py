#!/usr/bin/env python3
"""Measures how long an edit to one article takes to reach the browser under
`guidepost serve`: from the file write until the reload event has arrived and the
edited page has been fetched with the new text. Prints the median of several edits.

    python3 benches/serve_latency.py /dev/shm/hub-1k [RUNS] [BINARY]
    python3 benches/serve_latency.py /dev/shm/hub-flat-10k --layout flat --articles 10000 --edit title

`--edit body` (the default) appends a line to the article's body, which renders that
one page again; `--edit title` changes its title, which also renders the listings and
the pages that show its card, and computes related pages again. With `--layout` and
`--articles`, a hub of that layout is written first where ROOT has none
(benches/generate_hub.py). The hub's layout is printed with the figures.
"""
import argparse
import glob
import os
import re
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def start(binary, root):
    process = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", "0", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    for line in process.stdout:
        if line.startswith("Serving "):
            port = int(line.rsplit(":", 1)[1].split("/")[0])
            return process, port
    raise SystemExit("serve did not start")


def get(port, path):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def layout_of(root):
    """The layout a benchmark hub was written in: `sections` or `flat`."""
    category = os.path.join(root, "content", "category-000")
    return "sections" if glob.glob(os.path.join(category, "section-*")) else "flat"


def edited(original, edit, run):
    """The article's text after edit number `run`, and the text the page must then show."""
    marker = f"Edited for run {run}."
    if edit == "body":
        return original + f"\n{marker}\n", marker
    text, count = re.subn(r"^title: (.*)$", rf"title: {marker} \1", original, count=1, flags=re.M)
    if count != 1:
        raise SystemExit("the article has no title line")
    return text, marker


def measure(binary, root, runs, pause, edit="body"):
    """Edits one article `runs` times under `serve`; returns each edit's milliseconds."""
    article = sorted(glob.glob(os.path.join(root, "content", "category-000", "article-*.md")))[0]
    url = "/" + os.path.relpath(article, os.path.join(root, "content"))[:-3] + "/"
    original = open(article).read()
    process, port = start(binary, root)
    events = socket.create_connection(("127.0.0.1", port))
    events.sendall(b"GET /__guidepost/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    events.settimeout(30)
    buffer = b""

    def wait_for(name):
        nonlocal buffer
        marker = f"event: {name}\n".encode()
        while marker not in buffer:
            buffer += events.recv(65536)
        buffer = buffer[buffer.index(marker) + len(marker):]

    wait_for("generation")
    # The first search index is built right after the first build: let it finish.
    time.sleep(pause)
    timings = []
    try:
        for run in range(runs):
            text, marker = edited(original, edit, run)
            started = time.perf_counter()
            with open(article, "w") as f:
                f.write(text)
            wait_for("reload")
            page = get(port, url)
            elapsed = time.perf_counter() - started
            if marker not in page:
                raise SystemExit(f"run {run}: the reloaded page lacks the edit")
            timings.append(elapsed * 1000)
            time.sleep(pause)
    finally:
        with open(article, "w") as f:
            f.write(original)
        process.stdin.close()
        process.wait(timeout=10)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root")
    parser.add_argument("runs", nargs="?", type=int, default=9)
    parser.add_argument("binary", nargs="?", default="target/release/guidepost")
    parser.add_argument("--edit", choices=["body", "title"], default="body")
    parser.add_argument("--layout", choices=["sections", "flat"], help="write a hub of this layout where ROOT has none")
    parser.add_argument("--articles", type=int, help="how many articles that hub has")
    args = parser.parse_args()
    if args.layout and not os.path.exists(os.path.join(args.root, "hub.yaml")):
        if not args.articles:
            parser.error("--layout needs --articles to write a hub")
        generate = [sys.executable, os.path.join(HERE, "generate_hub.py"), str(args.articles), args.root]
        subprocess.run(generate + ["--layout", args.layout], check=True)
    layout = layout_of(args.root)
    if args.layout and layout != args.layout:
        sys.exit(f"{args.root} holds a hub of the {layout} layout, not {args.layout}")
    # A writer saves, then reads the page: seconds apart. Between edits the preview
    # also brings its search index up to date, which must not delay the next edit.
    pause = float(os.environ.get("EDIT_PAUSE", "2.5"))
    timings = measure(args.binary, args.root, args.runs, pause, args.edit)
    print(
        f"{args.edit} edit to browser ({layout} layout): median {statistics.median(timings):.0f} ms, "
        f"min {min(timings):.0f} ms, max {max(timings):.0f} ms over {args.runs} edits"
    )


if __name__ == "__main__":
    main()
