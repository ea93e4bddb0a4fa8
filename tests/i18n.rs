//! The interface in the hub's language: a Spanish hub (`tests/fixtures/interface-es`)
//! and the same hub in French show no English word of the interface on any page kind,
//! write dates and reading times their language's way and title callouts in downloads
//! in it; a language with no strings table builds in English and `check` names the
//! strings it lacks.

mod common;

use std::fs;
use std::path::Path;

use common::{build_ok, guidepost, hub, read, stderr, stdout};

/// One page of every kind in the fixture, by output file.
const PAGES: &[&str] = &[
    "index.html",
    "encuentros/index.html",
    "encuentros/el-primer-encuentro/index.html",
    "preguntas/dudas-comunes/index.html",
    "plantillas/plan-del-encuentro/index.html",
    "template-library/index.html",
    "plantillas/index.html",
    "audience/mentor/index.html",
    "tags/index.html",
    "tags/primer-encuentro/index.html",
    "search/index.html",
    "404.html",
    "primer-encuentro/index.html",
];
const ARTICLE: &str = "encuentros/el-primer-encuentro/index.html";

/// English words of the interface, none of which is a Spanish word.
const ENGLISH: &[&str] = &[
    "skip",
    "content",
    "menu",
    "search",
    "hub",
    "audiences",
    "topics",
    "topic",
    "footer",
    "template",
    "templates",
    "library",
    "tags",
    "tag",
    "recently",
    "updated",
    "feed",
    "from",
    "home",
    "breadcrumb",
    "for",
    "phase",
    "print",
    "article",
    "articles",
    "read",
    "related",
    "previous",
    "next",
    "page",
    "pages",
    "start",
    "here",
    "pick",
    "path",
    "everything",
    "browse",
    "more",
    "most",
    "helpful",
    "sections",
    "nothing",
    "yet",
    "any",
    "time",
    "you",
    "fill",
    "used",
    "download",
    "copy",
    "text",
    "plain",
    "what",
    "example",
    "show",
    "whole",
    "open",
    "details",
    "forget",
    "optional",
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "done",
    "not",
    "link",
    "question",
    "answers",
    "close",
    "table",
    "found",
    "try",
    "instead",
    "results",
    "filter",
    "moved",
    "the",
    "of",
    "and",
    "in",
    "this",
    "your",
    "with",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words English shares with French, left out of the French check.
const ALSO_FRENCH: &[&str] = &[
    "menu",
    "article",
    "articles",
    "page",
    "pages",
    "sections",
    "important",
    "question",
];

/// What a reader meets in a page's body: its text and the words of its elements'
/// labels (aria-label, placeholder, title, alt, and the words scripts show), without
/// scripts, markup or addresses; entities decoded, spaces made plain.
fn reader_text(html: &str) -> String {
    const LABELS: &[&str] = &[
        "aria-label",
        "placeholder",
        "title",
        "alt",
        "data-table",
        "data-open-all",
        "data-close-all",
    ];
    let mut rest = &html[html.find("<body").expect("a body")..];
    let mut out = String::new();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let close = open + rest[open..].find('>').expect("tags close");
        let tag = &rest[open + 1..close];
        for label in LABELS {
            let key = format!(" {label}=\"");
            if let Some(at) = tag.find(&key) {
                let value = &tag[at + key.len()..];
                out.push_str(&value[..value.find('"').unwrap()]);
                out.push(' ');
            }
        }
        rest = &rest[close + 1..];
        if tag.starts_with("script") {
            rest = &rest[rest.find("</script>").expect("scripts close")..];
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    decoded
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English words of `ENGLISH` (less `except`) in a page's reader text.
fn english_in(text: &str, except: &[&str]) -> Vec<String> {
    // Addresses (the printout's source line) are not words.
    let words: Vec<&str> = text.split(' ').filter(|w| !w.contains("://")).collect();
    let mut found: Vec<String> = words
        .join(" ")
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()) && !except.contains(&w.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Checks that no page of the built hub at `out` shows an English interface word.
fn assert_no_english(out: &Path, except: &[&str]) {
    let mut problems = Vec::new();
    for page in PAGES {
        let found = english_in(&reader_text(&read(out, page)), except);
        if !found.is_empty() {
            problems.push(format!("{page}: {found:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "English on the page:\n{}",
        problems.join("\n")
    );
}

/// Checks that `page` shows every one of `phrases`.
fn assert_shows(out: &Path, page: &str, phrases: &[&str]) {
    let text = reader_text(&read(out, page));
    let missing: Vec<&&str> = phrases.iter().filter(|p| !text.contains(**p)).collect();
    assert!(missing.is_empty(), "{page} lacks {missing:?}:\n{text}");
}

#[test]
fn a_spanish_hub_shows_every_interface_word_in_spanish() {
    let dir = hub("interface-es");
    let out = build_ok(dir.path());
    assert_no_english(&out, &[]);
    assert_shows(
        &out,
        ARTICLE,
        &[
            "Saltar al contenido",
            "Buscar en el sitio",
            "Para mentores",
            "Etapa: Primeros pasos",
            "Actualizado el 20 de noviembre de 2026",
            "1 min de lectura",
            "Imprimir",
            "En este artículo",
            "Consejo Llega diez minutos antes",
            "Hecho",
            "Pendiente",
            "Completa tus datos",
            "Descargar",
            "Texto sin formato (.txt)",
            "Copiar el texto",
            "Páginas relacionadas",
            "Siguiente Cuando se cancela un encuentro",
            "Tabla (se desplaza hacia los lados)",
            "Tomado de Centro de mentoría:",
        ],
    );
    assert_shows(
        &out,
        "index.html",
        &[
            "Empieza aquí",
            "Todo para mentores",
            "1 de noviembre de 2026",
            "2 páginas",
            "1 página",
        ],
    );
    assert_shows(
        &out,
        "preguntas/dudas-comunes/index.html",
        &["Mostrar todas las respuestas", "Enlace a esta pregunta"],
    );
    assert_shows(
        &out,
        "tags/primer-encuentro/index.html",
        &["2 páginas tienen la etiqueta “primer encuentro”."],
    );
    assert_shows(&out, "404.html", &["No encontramos esta página"]);
    let html = read(&out, ARTICLE);
    assert!(html.contains("<title>El primer encuentro · Centro de mentoría</title>"));
    assert!(html.contains("<html lang=\"es\" dir=\"ltr\">"));
    let redirect = read(&out, "primer-encuentro/index.html");
    assert!(
        redirect.contains("<html lang=\"es\">")
            && redirect.contains("<title>Página trasladada</title>")
    );
    // The scripts' words, for search and template cards.
    let script = read(&out, "theme/i18n/es.js");
    assert!(
        script.contains("\"no_results\":\"No hay resultados para “{query}”."),
        "{script}"
    );
}

#[test]
fn downloads_title_callouts_in_the_hub_language() {
    let dir = hub("interface-es");
    let out = build_ok(dir.path());
    let txt = read(&out, "downloads/plan-del-encuentro.txt");
    assert!(txt.contains("> Nota:\n> Lleguen con tiempo"), "{txt}");
    let docx = common::unzip(&fs::read(out.join("downloads/plan-del-encuentro.docx")).unwrap());
    assert!(
        docx["word/document.xml"].contains(">Nota: <"),
        "{}",
        docx["word/document.xml"]
    );
    assert_shows(
        &out,
        "plantillas/index.html",
        &["224 bytes", "Lo que completas"],
    );
}

/// The fixture's settings in French, its texts given per language.
const FRENCH: &str = "title: {fr: Centre de mentorat}\ndescription: {fr: Des guides courts.}\nbase_url: https://hub.example.org/mentorat/\nlanguage: fr\naudiences:\n  - id: mentor\n    label: {fr: Mentors}\n    start_here: [/encuentros/el-primer-encuentro.md]\n  - {id: mentee, label: Mentorés}\nphases:\n  - {id: inicio, label: {fr: Premiers pas}}\n  - {id: cierre, label: Clôture}\n";

#[test]
fn a_french_hub_shows_every_interface_word_in_french() {
    let dir = hub("interface-es");
    fs::write(dir.path().join("hub.yaml"), FRENCH).unwrap();
    let out = build_ok(dir.path());
    assert_no_english(&out, ALSO_FRENCH);
    assert_shows(
        &out,
        ARTICLE,
        &[
            "Aller au contenu",
            "Rechercher dans le site",
            "Espace mentors",
            "Étape : Premiers pas",
            "Mis à jour le 20 novembre 2026",
            "1 min de lecture",
            "Dans cet article",
            "Conseil Llega",
            "À lire aussi",
            "Remplissez vos informations",
            "Texte brut (.txt)",
            "Tableau (défile horizontalement)",
        ],
    );
    assert_shows(
        &out,
        "index.html",
        &["Par où commencer", "1er novembre 2026", "2 pages", "1 page"],
    );
}

#[test]
fn a_language_without_strings_builds_in_english_and_check_names_every_missing_string() {
    let dir = hub("base");
    let config = fs::read_to_string(dir.path().join("hub.yaml")).unwrap();
    fs::write(
        dir.path().join("hub.yaml"),
        format!("language: ar\n{config}"),
    )
    .unwrap();
    let out = build_ok(dir.path());
    assert!(read(&out, "guide/first/index.html").contains(">Skip to content</a>"));
    let check = guidepost(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let keys: Vec<&str> = guidepost::i18n::KEYS.iter().map(|k| k.name).collect();
    let first = format!(
        "warning: i18n/ar.yaml: {} interface strings have no `ar` text, so pages show them in English: {}",
        keys.len(),
        keys.join(", ")
    );
    let printed = stderr(&check);
    assert!(printed.lines().any(|l| l == first), "{printed}");
    assert!(printed.contains("  help: add them to i18n/ar.yaml in `ar`; in English they read:\n    skip_to_content: Skip to content\n    menu: Menu\n"), "{printed}");
    assert_eq!(printed.matches("warning: i18n/").count(), 1, "{printed}");
    assert_eq!(stdout(&check), "No errors; 1 warning.\n");
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

#[test]
fn a_hub_table_with_every_key_silences_the_warning_and_one_lacking_two_names_them() {
    let dir = hub("base");
    let config = fs::read_to_string(dir.path().join("hub.yaml")).unwrap();
    fs::write(
        dir.path().join("hub.yaml"),
        format!("language: ar\n{config}"),
    )
    .unwrap();
    let english = include_str!("../src/i18n/en.yaml");
    fs::create_dir(dir.path().join("i18n")).unwrap();
    let whole = english.replace("Skip to content", "تخطَّ إلى المحتوى");
    fs::write(dir.path().join("i18n/ar.yaml"), &whole).unwrap();
    let strict = guidepost(dir.path(), &["check", "--strict"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
    assert_eq!(stdout(&strict), "No problems found.\n");
    let out = build_ok(dir.path());
    assert!(read(&out, "index.html").contains(">تخطَّ إلى المحتوى</a>"));

    let lacking: String = whole
        .lines()
        .filter(|l| !l.starts_with("menu:") && !l.starts_with("tags:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("i18n/ar.yaml"), lacking).unwrap();
    let check = guidepost(dir.path(), &["check"]);
    assert_eq!(
        stderr(&check),
        "warning: i18n/ar.yaml: 2 interface strings have no `ar` text, so pages show them in English: menu, tags\n  help: add them to i18n/ar.yaml in `ar`; in English they read:\n    menu: Menu\n    tags: Tags\n"
    );
}
