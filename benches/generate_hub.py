#!/usr/bin/env python3
"""Writes a synthetic Guidepost hub for benchmarks: N articles of about 900 words
across categories and sections, with FAQ pages, templates embedded in articles, and
links between pages. The same N and seed always give the same files.

    python3 benches/generate_hub.py 1000 /dev/shm/hub-1k
"""
import os
import random
import shutil
import sys

WORDS = (
    "mentor mentee meeting goal goals trust listen listening plan program coordinator "
    "week weeks month together conversation question questions answer feedback closure "
    "goodbye thank relationship support time school work family change progress story "
    "share honest kind clear next step steps agenda worksheet message note ending early "
    "reset fit schedule contact keep touch boundaries safety report concern staff match "
    "review reflect learn grow skill skills confidence promise promises show up fun choose "
    "realistic expectations phase phases start building growth last first open open-ended "
    "the a and to of in for with on you your we they it is are be can will what how why "
    "when this that about more most some many each every one two three ready before after"
).split()


def zipf_words(rng, count):
    weights = [1.0 / (rank + 1) for rank in range(len(WORDS))]
    return rng.choices(WORDS, weights=weights, k=count)


def paragraph(rng, words):
    text = zipf_words(rng, words)
    text[0] = text[0].capitalize()
    return " ".join(text) + "."


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate_hub.py ARTICLES OUT_DIR")
    total, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(total)
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(content)
    with open(os.path.join(out, "hub.yaml"), "w") as f:
        f.write(
            "title: Synthetic Hub\nbase_url: https://bench.example.org/\n"
            "audiences:\n  - {id: mentor, label: Mentors}\n  - {id: mentee, label: Mentees}\n  - {id: staff, label: Program staff}\n"
            "phases:\n  - {id: getting-started, label: Getting started}\n  - {id: building, label: Building}\n"
            "  - {id: growth, label: Growth}\n  - {id: closure, label: Closure}\n"
        )
    # Like a real hub, the top level stays small enough to show on every page (at most
    # 12 categories); a bigger hub has more sections in each, of about 100 articles.
    categories = min(12, max(4, total // 100))
    sections = max(3, total // (categories * 100))
    templates = max(2, total // 100)
    faqs = max(2, total // 50)
    # Where every article lives, decided first so links can point anywhere.
    articles = []
    for n in range(total):
        category = n % categories
        section = (n // categories) % sections
        folder = f"category-{category:03d}" + (f"/section-{section:03d}" if section else "")
        articles.append(f"{folder}/article-{n:05d}.md")
    for c in range(categories):
        for section in range(1, sections):
            folder = os.path.join(content, f"category-{c:03d}", f"section-{section:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "_index.md"), "w") as f:
                f.write(f"---\ntitle: Section {c}.{section}\ndescription: {paragraph(rng, 10)}\n---\n")
        with open(os.path.join(content, f"category-{c:03d}", "_index.md"), "w") as f:
            f.write(f"---\ntitle: Category {c}\ndescription: {paragraph(rng, 12)}\norder: {c}\n---\n")
    os.makedirs(os.path.join(content, "templates"))
    for t in range(templates):
        with open(os.path.join(content, "templates", f"template-{t:04d}.md"), "w") as f:
            f.write(
                f"---\ntitle: Template {t}\nsummary: {paragraph(rng, 14)}\nlayout: template\n"
                "audience: [mentor, mentee]\nphase: closure\nupdated: 2026-01-15\n"
                "fields:\n  - {name: mentee_name, label: \"Mentee's name\", example: Jordan}\n"
                "  - {name: meeting_date, label: Date, example: June 3}\n---\n"
                f"## Agenda for {{{{ mentee_name }}}} on {{{{ meeting_date }}}}\n\n"
                + "\n".join(f"{i}. {paragraph(rng, 10)}" for i in range(1, 7))
                + "\n\n| Time | Topic |\n|---|---|\n| 0-10 | Welcome |\n| 10-25 | Goals |\n"
            )
    os.makedirs(os.path.join(content, "faq"))
    for q in range(faqs):
        with open(os.path.join(content, "faq", f"faq-{q:04d}.md"), "w") as f:
            f.write(f"---\ntitle: Questions {q}\nsummary: {paragraph(rng, 12)}\nlayout: faq\naudience: [mentee]\nphase: growth\nupdated: 2026-02-01\n---\n")
            for i in range(10):
                f.write(f"## How do I handle question {q}-{i} about {' '.join(zipf_words(rng, 3))}?\n\n{paragraph(rng, 60)}\n\n")
    audiences = ["mentor", "mentee", "staff"]
    phases = ["getting-started", "building", "growth", "closure"]
    for n, rel in enumerate(articles):
        path = os.path.join(content, rel)
        body = [paragraph(rng, 45)]
        for s in range(5):
            body.append(f"## Part {s + 1}: {' '.join(zipf_words(rng, 4))}")
            for _ in range(3):
                body.append(paragraph(rng, 55))
            if s == 2:
                target = articles[rng.randrange(total)]
                rel_link = os.path.relpath(target, os.path.dirname(rel))
                body.append(f"See [a related page]({rel_link}) for more.")
        if n % 10 == 0:
            body.append(f"```template\ntemplate-{(n // 10) % templates:04d}\n```")
        month = 1 + n % 12
        day = 1 + n % 28
        with open(path, "w") as f:
            f.write(
                f"---\ntitle: Article {n} about {' '.join(zipf_words(rng, 3))}\n"
                f"summary: {paragraph(rng, 20)}\n"
                f"audience: [{audiences[n % 3]}]\nphase: {phases[n % 4]}\n"
                f"tags: [topic-{n % 40}, topic-{(n * 7) % 40}]\n"
                f"updated: 2026-{month:02d}-{day:02d}\norder: {n}\n---\n"
                + "\n\n".join(body) + "\n"
            )
    print(f"wrote {total} articles, {faqs} FAQ pages and {templates} templates to {out}")


if __name__ == "__main__":
    main()
