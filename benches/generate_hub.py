#!/usr/bin/env python3
"""Writes a synthetic Guidepost hub for benchmarks: N articles of about 900 words
across categories and sections, with FAQ pages, templates embedded in articles, and
links between pages. The same N, language and layout always give the same files.

    python3 benches/generate_hub.py 1000 /dev/shm/hub-1k
    python3 benches/generate_hub.py 10000 /dev/shm/hub-zh --language zh
    python3 benches/generate_hub.py 10000 /dev/shm/hub-flat --layout flat

`--language` picks the words and the hub's `language`: en (the default), es
(Spanish) or zh (Chinese, written without spaces, in sentences with commas).

`--layout` picks how the articles are arranged:
- `sections` (the default): up to 12 categories of sections of about 100 articles;
  each article has two of 40 tags (`topic-{n % 40}` and `topic-{7n % 40}`).
- `flat`: categories of about 1,400 articles with no sections; each article has three
  of 40 tags drawn at random, the commoner tags more often, so every tag is shared by
  hundreds of pages (at 10,000 articles, from about 500 to 1,600).
"""
import argparse
import os
import random
import shutil

ENGLISH = (
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

# The same kinds of words in Spanish, most frequent first.
SPANISH = (
    "mentor mentora joven reunión reuniones meta metas confianza escuchar escucha plan "
    "programa coordinadora semana semanas mes juntos conversación pregunta preguntas "
    "respuesta comentarios cierre despedida gracias relación apoyo tiempo escuela trabajo "
    "familia cambio progreso historia compartir honesto amable claro siguiente paso pasos "
    "agenda hoja mensaje nota final pronto reinicio encaje horario contacto mantener "
    "límites seguridad informe preocupación personal pareja revisar reflexionar aprender "
    "crecer habilidad habilidades promesa promesas presentarse divertido elegir realista "
    "expectativas etapa etapas inicio construir crecimiento último primera abierto abierta "
    "comunicación el la los las y a de en para con sobre tú tu nosotros ellos es son ser "
    "puede será qué cómo cuándo este esta más muy algunos muchos cada todo uno dos tres "
    "listo antes después"
).split()

# And in Chinese: words of one to four characters, most frequent first.
CHINESE = (
    "导师 学员 见面 目标 计划 信任 倾听 认真听 项目 协调员 星期 每周 月份 一起 谈话 问题 "
    "提问 回答 反馈 结束 告别 感谢 关系 支持 时间 学校 工作 家庭 变化 进步 故事 分享 诚实 "
    "友好 清楚 下一步 步骤 议程 练习表 消息 笔记 结尾 提前 重新开始 合适 日程 联系 保持 "
    "来往 界限 安全 报告 担心 工作人员 配对 回顾 反思 学习 成长 技能 能力 信心 承诺 守约 "
    "出现 有趣 选择 现实 期望 阶段 时期 开始 建立 发展 最后 第一 开放 开放式 的 一个 和 "
    "到 了 在 为了 跟 上 你 你的 我们 他们 它 是 都 能 可以 会 要 什么 怎样 为什么 "
    "什么时候 这 那 关于 更多 最 一些 很多 每个 每一 一 两 三 准备好 以前 以后"
).split()

# Per language: its words, how a sentence is written, and the hub's fixed phrases.
LANGUAGES = {
    "en": {
        "words": ENGLISH, "join": " ", "comma": None, "end": ".", "capitalize": True,
        "hub": "Synthetic Hub",
        "audiences": ["Mentors", "Mentees", "Program staff"],
        "phases": ["Getting started", "Building", "Growth", "Closure"],
        "section": "Section {c}.{s}", "category": "Category {c}", "template": "Template {t}",
        "field": "Mentee's name", "example": "Jordan", "date": "Date", "day": "June 3",
        "agenda": "Agenda for {{{{ mentee_name }}}} on {{{{ meeting_date }}}}",
        "table": "| Time | Topic |\n|---|---|\n| 0-10 | Welcome |\n| 10-25 | Goals |\n",
        "questions": "Questions {q}", "question": "How do I handle question {q}-{i} about {words}?",
        "part": "Part {s}: {words}", "see": "See [a related page]({link}) for more.",
        "article": "Article {n} about {words}",
    },
    "es": {
        "words": SPANISH, "join": " ", "comma": None, "end": ".", "capitalize": True,
        "hub": "Centro de recursos sintético",
        "audiences": ["Mentores", "Jóvenes", "Personal del programa"],
        "phases": ["Primeros pasos", "Construcción", "Crecimiento", "Cierre"],
        "section": "Sección {c}.{s}", "category": "Categoría {c}", "template": "Plantilla {t}",
        "field": "Nombre del joven", "example": "Jordi", "date": "Fecha", "day": "3 de junio",
        "agenda": "Agenda de {{{{ mentee_name }}}} para el {{{{ meeting_date }}}}",
        "table": "| Hora | Tema |\n|---|---|\n| 0-10 | Bienvenida |\n| 10-25 | Metas |\n",
        "questions": "Preguntas {q}", "question": "¿Qué hago con la pregunta {q}-{i} sobre {words}?",
        "part": "Parte {s}: {words}", "see": "Mira [una página relacionada]({link}) para saber más.",
        "article": "Artículo {n} sobre {words}",
    },
    "zh": {
        "words": CHINESE, "join": "", "comma": "，", "end": "。", "capitalize": False,
        "hub": "合成资源中心",
        "audiences": ["导师", "学员", "项目工作人员"],
        "phases": ["开始", "建立关系", "成长", "结束"],
        "section": "小节 {c}.{s}", "category": "类别 {c}", "template": "模板 {t}",
        "field": "学员的名字", "example": "小明", "date": "日期", "day": "6月3日",
        "agenda": "{{{{ mentee_name }}}}的议程（{{{{ meeting_date }}}}）",
        "table": "| 时间 | 内容 |\n|---|---|\n| 0-10 | 欢迎 |\n| 10-25 | 目标 |\n",
        "questions": "问题 {q}", "question": "怎样处理关于{words}的问题 {q}-{i}？",
        "part": "第{s}部分：{words}", "see": "更多内容请看[相关页面]({link})。",
        "article": "文章 {n}：{words}",
    },
}


LAYOUTS = ["sections", "flat"]

# Flat layout: tags per article, and how much commoner the first tags are than the last.
FLAT_TAGS = 3
FLAT_TAG_SKEW = 0.3


class Writer:
    """Sentences in one language, from its words in Zipf's proportions."""

    def __init__(self, language, rng):
        self.lang = LANGUAGES[language]
        self.rng = rng
        words = self.lang["words"]
        self.weights = [1.0 / (rank + 1) for rank in range(len(words))]

    def words(self, count):
        return self.rng.choices(self.lang["words"], weights=self.weights, k=count)

    def phrase(self, count):
        return self.lang["join"].join(self.words(count))

    def paragraph(self, count):
        text = self.words(count)
        if self.lang["capitalize"]:
            text[0] = text[0].capitalize()
        if self.lang["comma"]:
            # A comma after every eighth word: Chinese sentences are not one long run.
            text = [w + self.lang["comma"] if i % 8 == 7 and i < len(text) - 1 else w for i, w in enumerate(text)]
        return self.lang["join"].join(text) + self.lang["end"]


def main():
    parser = argparse.ArgumentParser(description="Write a synthetic Guidepost hub.")
    parser.add_argument("articles", type=int)
    parser.add_argument("out")
    parser.add_argument("--language", choices=sorted(LANGUAGES), default="en")
    parser.add_argument("--layout", choices=LAYOUTS, default="sections")
    args = parser.parse_args()
    total, out = args.articles, args.out
    rng = random.Random(total)
    w = Writer(args.language, rng)
    lang = w.lang
    paragraph = w.paragraph
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(content)
    audiences, phases = lang["audiences"], lang["phases"]
    with open(os.path.join(out, "hub.yaml"), "w") as f:
        f.write(
            f"title: {lang['hub']}\nbase_url: https://bench.example.org/\n"
            + (f"language: {args.language}\n" if args.language != "en" else "")
            + f"audiences:\n  - {{id: mentor, label: {audiences[0]}}}\n  - {{id: mentee, label: {audiences[1]}}}\n"
            f"  - {{id: staff, label: {audiences[2]}}}\n"
            f"phases:\n  - {{id: getting-started, label: {phases[0]}}}\n  - {{id: building, label: {phases[1]}}}\n"
            f"  - {{id: growth, label: {phases[2]}}}\n  - {{id: closure, label: {phases[3]}}}\n"
        )
    if args.layout == "flat":
        # Big categories with every article in the category's own folder.
        categories = max(2, round(total / 1400))
        sections = 1
    else:
        # Like a real hub, the top level stays small enough to show on every page (at
        # most 12 categories); a bigger hub has more sections in each, of about 100.
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
                title = lang["section"].format(c=c, s=section)
                f.write(f"---\ntitle: {title}\ndescription: {paragraph(10)}\n---\n")
        os.makedirs(os.path.join(content, f"category-{c:03d}"), exist_ok=True)
        with open(os.path.join(content, f"category-{c:03d}", "_index.md"), "w") as f:
            f.write(f"---\ntitle: {lang['category'].format(c=c)}\ndescription: {paragraph(12)}\norder: {c}\n---\n")
    os.makedirs(os.path.join(content, "templates"))
    for t in range(templates):
        with open(os.path.join(content, "templates", f"template-{t:04d}.md"), "w") as f:
            f.write(
                f"---\ntitle: {lang['template'].format(t=t)}\nsummary: {paragraph(14)}\nlayout: template\n"
                "audience: [mentor, mentee]\nphase: closure\nupdated: 2026-01-15\n"
                f"fields:\n  - {{name: mentee_name, label: \"{lang['field']}\", example: {lang['example']}}}\n"
                f"  - {{name: meeting_date, label: {lang['date']}, example: {lang['day']}}}\n---\n"
                f"## {lang['agenda'].format()}\n\n"
                + "\n".join(f"{i}. {paragraph(10)}" for i in range(1, 7))
                + "\n\n" + lang["table"]
            )
    os.makedirs(os.path.join(content, "faq"))
    for q in range(faqs):
        with open(os.path.join(content, "faq", f"faq-{q:04d}.md"), "w") as f:
            f.write(f"---\ntitle: {lang['questions'].format(q=q)}\nsummary: {paragraph(12)}\nlayout: faq\naudience: [mentee]\nphase: growth\nupdated: 2026-02-01\n---\n")
            for i in range(10):
                question = lang["question"].format(q=q, i=i, words=w.phrase(3))
                f.write(f"## {question}\n\n{paragraph(60)}\n\n")
    audiences = ["mentor", "mentee", "staff"]
    phases = ["getting-started", "building", "growth", "closure"]
    # Flat tags come from their own generator, so the words stay those of the same N.
    tag_rng = random.Random(f"flat-tags-{total}")
    tag_weights = [1.0 / (t + 1) ** FLAT_TAG_SKEW for t in range(40)]

    def tags(n):
        if args.layout != "flat":
            return f"topic-{n % 40}, topic-{(n * 7) % 40}"
        chosen = set()
        while len(chosen) < FLAT_TAGS:
            chosen.add(tag_rng.choices(range(40), weights=tag_weights)[0])
        return ", ".join(f"topic-{t}" for t in sorted(chosen))

    for n, rel in enumerate(articles):
        path = os.path.join(content, rel)
        body = [paragraph(45)]
        for s in range(5):
            body.append("## " + lang["part"].format(s=s + 1, words=w.phrase(4)))
            for _ in range(3):
                body.append(paragraph(55))
            if s == 2:
                target = articles[rng.randrange(total)]
                rel_link = os.path.relpath(target, os.path.dirname(rel))
                body.append(lang["see"].format(link=rel_link))
        if n % 10 == 0:
            body.append(f"```template\ntemplate-{(n // 10) % templates:04d}\n```")
        month = 1 + n % 12
        day = 1 + n % 28
        with open(path, "w") as f:
            f.write(
                f"---\ntitle: {lang['article'].format(n=n, words=w.phrase(3))}\n"
                f"summary: {paragraph(20)}\n"
                f"audience: [{audiences[n % 3]}]\nphase: {phases[n % 4]}\n"
                f"tags: [{tags(n)}]\n"
                f"updated: 2026-{month:02d}-{day:02d}\norder: {n}\n---\n"
                + "\n\n".join(body) + "\n"
            )
    print(
        f"wrote {total} articles ({args.layout} layout: {categories} categories"
        + (f" of {sections - 1} sections" if sections > 1 else ", no sections")
        + f"), {faqs} FAQ pages and {templates} templates to {out}"
    )


if __name__ == "__main__":
    main()
