#!/usr/bin/env python3
"""Speed at scale, in one table: for hubs of 1,000, 10,000 and 50,000 synthetic
articles (benches/generate_hub.py), the full build with search and downloads, the
same build without search, the Markdown floor (benches/markdown_floor.rs: read every
file and turn it into HTML with pulldown-cmark, nothing else), the writing floor
(benches/write_floor.rs: write the build's own output from memory into a new folder
and remove the previous copy, nothing else), peak memory, and how long an edit takes
to reach the browser under `serve` (an appended line, and a new title).

    cargo build --release --example markdown_floor --example write_floor
    python3 benches/scale.py [--sizes 1000,10000,50000] [--runs 5] [--work /dev/shm/guidepost-scale]
    python3 benches/scale.py --layout flat

`--layout` picks the hubs' layout (benches/generate_hub.py): `sections`, the default
(up to 12 categories of sections of about 100 articles), or `flat` (categories of
about 1,400 articles with no sections, 40 tags each on hundreds of pages). The table
says which.

Every figure is a median of --runs whole-process runs, the builds alternating so
that drift on a shared machine hits each alike. Hubs and outputs go to --work, which
should be on tmpfs (/dev/shm): disks on shared machines drift too much to compare.

Peers are not needed to run this. Where `hugo` is installed (Debian: `apt-get install
hugo`), the same content is also built with Hugo in the same run, with a small theme
of our own that shows what a Guidepost page shows (navigation, title, contents,
body, neighbours, related pages, listings and tag pages), and Hugo's column appears
in the table. Zola needs its own content layout (`_index.md` per section with its
own front matter keys), so it is not run; see the note under the table.
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

LAYOUTS = {
    "sections": "up to 12 categories of sections of about 100 articles, two of 40 tags per article",
    "flat": "categories of about 1,400 articles with no sections, three of 40 tags per article, "
    "each tag on hundreds of pages",
}


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


# A small Hugo theme that renders what a Guidepost page shows, for a fair comparison.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p><p>{{ .ReadingTime }} min read</p>
{{ range .Params.tags }}<a href="{{ (printf "/tags/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}
<aside>{{ .TableOfContents }}</aside>{{ .Content }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<ul>{{ range first 4 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }} {{ .ReadingTime }} min</li>{{ end }}</ul>{{ end }}
""",
}


def hugo_site(work, hub):
    """A Hugo site around `hub`'s content; returns its folder."""
    site = os.path.join(work, "hugo-" + os.path.basename(hub))
    shutil.rmtree(site, ignore_errors=True)
    for name, text in HUGO_LAYOUTS.items():
        path = os.path.join(site, "layouts", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write(
            'baseURL = "https://bench.example.org/"\ntitle = "Synthetic Hub"\n'
            f'contentDir = "{os.path.join(hub, "content")}"\n'
            "[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n"
        )
    return site


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=7, help="edits timed under serve")
    parser.add_argument("--serve-sizes", default="1000,10000", help="hubs to time serve on")
    parser.add_argument(
        "--hugo-sizes",
        default="1000,10000",
        help="hubs to build with Hugo too, where it is installed (at 50,000 articles one "
        "Hugo build takes many minutes on 2 cores)",
    )
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="sections")
    parser.add_argument("--work", default="/dev/shm/guidepost-scale")
    parser.add_argument("--binary", default=os.path.join(REPO, "target/release/guidepost"))
    parser.add_argument(
        "--floor", default=os.path.join(REPO, "target/release/examples/markdown_floor")
    )
    parser.add_argument(
        "--write-floor", default=os.path.join(REPO, "target/release/examples/write_floor")
    )
    args = parser.parse_args()
    for tool in (args.binary, args.floor, args.write_floor):
        if not os.path.exists(tool):
            sys.exit(
                f"{tool} is missing: run "
                "`cargo build --release --example markdown_floor --example write_floor`"
            )
    sizes = [int(s) for s in args.sizes.split(",")]
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s}
    hugo_sizes = {int(s) for s in args.hugo_sizes.split(",") if s}
    os.makedirs(args.work, exist_ok=True)

    rows = []
    for size in sizes:
        name = f"hub-{size}" if args.layout == "sections" else f"hub-{args.layout}-{size}"
        hub = os.path.join(args.work, name)
        plain = os.path.join(args.work, f"{name}-plain")
        if not os.path.exists(os.path.join(hub, "hub.yaml")):
            print(f"writing a hub of {size} articles ({args.layout} layout)…", file=sys.stderr)
            subprocess.run(
                [sys.executable, os.path.join(HERE, "generate_hub.py"), str(size), hub,
                 "--layout", args.layout],
                check=True,
            )
        if serve_latency.layout_of(hub) != args.layout:
            sys.exit(f"{hub} holds a hub of another layout: remove it")
        # The same hub with search turned off, for what search costs.
        shutil.rmtree(plain, ignore_errors=True)
        shutil.copytree(hub, plain)
        with open(os.path.join(plain, "hub.yaml"), "a") as f:
            f.write("search: false\n")
        out = os.path.join(args.work, "out")
        build = [args.binary, "build", "--root", hub, "--out", out]
        build_plain = [args.binary, "build", "--root", plain, "--out", out]
        floor = [args.floor, hub]
        timings = {"build": [], "plain": [], "floor": [], "writing": [], "rss": [], "floor_rss": []}
        hugo = None
        if shutil.which("hugo") and size in hugo_sizes:
            site = hugo_site(args.work, hub)
            hugo = ["hugo", "--quiet", "--source", site, "--destination", os.path.join(args.work, "hugo-out")]
            timings["hugo"] = []
        print(f"timing {size} articles ({args.runs} runs)…", file=sys.stderr)
        for _ in range(args.runs):
            seconds, rss = run(build)
            timings["build"].append(seconds)
            timings["rss"].append(rss)
            timings["plain"].append(run(build_plain)[0])
            seconds, rss = run(floor)
            timings["floor"].append(seconds)
            timings["floor_rss"].append(rss)
            if hugo:
                timings["hugo"].append(run(hugo)[0])
        # Writing the output the last build made, and removing the previous copy.
        for _ in range(args.runs):
            report = subprocess.run(
                [args.write_floor, out], check=True, capture_output=True, text=True
            ).stdout.split()
            timings["writing"].append(float(report[1]) + float(report[3]))
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
        shutil.rmtree(os.path.join(args.work, "hugo-out"), ignore_errors=True)
        latency = {}
        if size in serve_sizes:
            print(f"timing serve on {size} articles ({args.edits} edits of each kind)…", file=sys.stderr)
            for edit in ("body", "title"):
                latency[edit] = median(serve_latency.measure(args.binary, hub, args.edits, 2.5, edit))
        rows.append((size, {k: median(v) for k, v in timings.items()}, latency))
        print(f"  {size}: {rows[-1][1]}, serve {latency}", file=sys.stderr)

    base = rows[0]
    with_hugo = any("hugo" in t for _, t, _ in rows)
    print()
    print(f"Layout `{args.layout}`: {LAYOUTS[args.layout]}.")
    print()
    print(
        "| articles | build (search + downloads) | without search | search adds "
        + ("| Hugo, no search | ÷ Hugo " if with_hugo else "")
        + "| Markdown floor | build ÷ floor | writing floor | build ÷ both floors "
        + "| peak memory | cost ÷ smallest hub | edit → browser (serve) | new title → browser |"
    )
    print("|---" * (14 if with_hugo else 12) + "|")
    for size, t, latency in rows:
        growth = t["build"] / base[1]["build"]
        hugo = ""
        if with_hugo:
            hugo = f"| {t['hugo']:.2f} s | {t['build'] / t['hugo']:.2f} " if "hugo" in t else "| | "
        print(
            f"| {size:,} | {t['build']:.2f} s | {t['plain']:.2f} s | {100 * (t['build'] / t['plain'] - 1):+.0f}% "
            + hugo
            + f"| {t['floor']:.2f} s | {t['build'] / t['floor']:.1f}× "
            + f"| {t['writing']:.2f} s | {t['build'] / (t['floor'] + t['writing']):.1f}× "
            + f"| {t['rss']:.0f} MB "
            f"| {growth:.1f}× for {size / base[0]:.0f}× the articles "
            + "".join(f"| {f'{latency[e]:.0f} ms' if e in latency else ''} " for e in ("body", "title"))
            + "|"
        )
    print()
    print(
        f"Medians of {args.runs} runs (serve: of {args.edits} edits, {os.cpu_count()} cores). "
        + ("Hugo: " + subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
           + ", same content, a minimal theme (benches/scale.py), no search. " if with_hugo
           else "Install `hugo` to add it to the table. ")
        + "Zola: copy the content into a `zola init` site with its templates and time "
        "`zola build` in the same session."
    )


if __name__ == "__main__":
    main()
