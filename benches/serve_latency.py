#!/usr/bin/env python3
"""Measures how long an edit to one article takes to reach the browser under
`guidepost serve`: from the file write until the reload event has arrived and the
edited page has been fetched with the new text. Prints the median of several edits.

    python3 benches/serve_latency.py /dev/shm/hub-1k [RUNS] [BINARY]
"""
import glob
import os
import socket
import statistics
import subprocess
import sys
import time


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


def measure(binary, root, runs, pause):
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
            marker = f"Edited for run {run}."
            started = time.perf_counter()
            with open(article, "w") as f:
                f.write(original + f"\n{marker}\n")
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
    root = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/guidepost"
    # A writer saves, then reads the page: seconds apart. Between edits the preview
    # also brings its search index up to date, which must not delay the next edit.
    pause = float(os.environ.get("EDIT_PAUSE", "2.5"))
    timings = measure(binary, root, runs, pause)
    print(f"edit to browser: median {statistics.median(timings):.0f} ms, min {min(timings):.0f} ms, max {max(timings):.0f} ms over {runs} edits")


if __name__ == "__main__":
    main()
