#!/usr/bin/env python3
"""Speed at scale, in one table: for hubs of 1,000, 10,000 and 50,000 synthetic
articles (benches/generate_hub.py), the full build with search and downloads, the
same build without search, the Markdown floor (benches/markdown_floor.rs: read every
file and turn it into HTML with pulldown-cmark, nothing else), peak memory, and how
long an edit takes to reach the browser under `serve`.

    cargo build --release --example markdown_floor
    python3 benches/scale.py [--sizes 1000,10000,50000] [--runs 5] [--work /dev/shm/guidepost-scale]

Every figure is a median of --runs whole-process runs, the builds alternating so
that drift on a shared machine hits each alike. Hubs and outputs go to --work, which
should be on tmpfs (/dev/shm): disks on shared machines drift too much to compare.

Peers are not needed to run this. To compare with Hugo or Zola where they are
installed, build the same content with them on the same machine in the same run
(see the note printed under the table).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import serve_latency  # noqa: E402


def run(command):
    """Runs a command to the end; returns (seconds, peak resident memory in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=7, help="edits timed under serve")
    parser.add_argument("--serve-sizes", default="1000,10000", help="hubs to time serve on")
    parser.add_argument("--work", default="/dev/shm/guidepost-scale")
    parser.add_argument("--binary", default=os.path.join(REPO, "target/release/guidepost"))
    parser.add_argument(
        "--floor", default=os.path.join(REPO, "target/release/examples/markdown_floor")
    )
    args = parser.parse_args()
    for tool in (args.binary, args.floor):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: run `cargo build --release --example markdown_floor`")
    sizes = [int(s) for s in args.sizes.split(",")]
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s}
    os.makedirs(args.work, exist_ok=True)

    rows = []
    for size in sizes:
        hub = os.path.join(args.work, f"hub-{size}")
        plain = os.path.join(args.work, f"hub-{size}-plain")
        if not os.path.exists(os.path.join(hub, "hub.yaml")):
            print(f"writing a hub of {size} articles…", file=sys.stderr)
            subprocess.run(
                [sys.executable, os.path.join(HERE, "generate_hub.py"), str(size), hub], check=True
            )
        # The same hub with search turned off, for what search costs.
        shutil.rmtree(plain, ignore_errors=True)
        shutil.copytree(hub, plain)
        with open(os.path.join(plain, "hub.yaml"), "a") as f:
            f.write("search: false\n")
        out = os.path.join(args.work, "out")
        build = [args.binary, "build", "--root", hub, "--out", out]
        build_plain = [args.binary, "build", "--root", plain, "--out", out]
        floor = [args.floor, hub]
        timings = {"build": [], "plain": [], "floor": [], "rss": [], "floor_rss": []}
        print(f"timing {size} articles ({args.runs} runs)…", file=sys.stderr)
        for _ in range(args.runs):
            seconds, rss = run(build)
            timings["build"].append(seconds)
            timings["rss"].append(rss)
            timings["plain"].append(run(build_plain)[0])
            seconds, rss = run(floor)
            timings["floor"].append(seconds)
            timings["floor_rss"].append(rss)
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
        latency = None
        if size in serve_sizes:
            print(f"timing serve on {size} articles ({args.edits} edits)…", file=sys.stderr)
            latency = median(serve_latency.measure(args.binary, hub, args.edits, pause=2.5))
        rows.append((size, {k: median(v) for k, v in timings.items()}, latency))

    base = rows[0]
    print()
    print("| articles | build (search + downloads) | without search | search adds | Markdown floor | build ÷ floor | peak memory | cost ÷ smallest hub | edit → browser (serve) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, t, latency in rows:
        growth = t["build"] / base[1]["build"]
        print(
            f"| {size:,} | {t['build']:.2f} s | {t['plain']:.2f} s | {100 * (t['build'] / t['plain'] - 1):+.0f}% "
            f"| {t['floor']:.2f} s | {t['build'] / t['floor']:.1f}× | {t['rss']:.0f} MB "
            f"| {growth:.1f}× for {size / base[0]:.0f}× the articles "
            f"| {'' if latency is None else f'{latency:.0f} ms'} |"
        )
    print()
    print(
        f"Medians of {args.runs} runs (serve: of {args.edits} edits, {os.cpu_count()} cores). "
        "To compare with a peer on this machine, build the same content with it in the same "
        f"session: for Hugo, `hugo new site peer && cp -r {args.work}/hub-N/content peer/` then "
        "time `hugo --source peer`; for Zola, copy the content into a `zola init` site with "
        "its templates and time `zola build`."
    )


if __name__ == "__main__":
    main()
