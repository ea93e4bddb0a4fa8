#!/usr/bin/env python3
"""Writes a synthetic hub in two languages for benchmarks: the English hub of
generate_hub.py with every page also in Spanish, as `name.es.md` beside it (the
Spanish hub generate_hub.py writes for the same N has the same files).

    python3 benches/two_languages.py 10000 /dev/shm/hub-en-es
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total, out = sys.argv[1], sys.argv[2]
    spanish = out.rstrip("/") + ".es-tmp"
    for language, target in (("en", out), ("es", spanish)):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_hub.py"), total, target, "--language", language], check=True)
    content = os.path.join(spanish, "content")
    for folder, _, files in os.walk(content):
        for name in files:
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), content)
            target = os.path.join(out, "content", rel[: -len(".md")] + ".es.md")
            shutil.copyfile(os.path.join(folder, name), target)
    shutil.rmtree(spanish)
    config = os.path.join(out, "hub.yaml")
    with open(config) as f:
        text = f.read()
    with open(config, "w") as f:
        f.write(text.replace("base_url:", "languages:\n  - {id: en, label: English}\n  - {id: es, label: Español}\nbase_url:", 1))


if __name__ == "__main__":
    main()
