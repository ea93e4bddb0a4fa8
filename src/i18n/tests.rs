//! Unit tests of the strings tables: the built-in ones complete, dates and counts in
//! each language's way, and a hub table's mistakes named at their line.

use super::*;

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn every_built_in_table_gives_every_key_so_no_english_shows_through() {
    for (id, table) in built_in() {
        let given = table.given();
        let missing: Vec<&str> = KEYS
            .iter()
            .map(|k| k.name)
            .filter(|k| !given.contains(k))
            .collect();
        assert!(missing.is_empty(), "{id} lacks {missing:?}");
    }
    for key in SCRIPT_KEYS {
        assert!(super::key(key).is_some(), "{key}");
    }
}

#[test]
fn dates_and_reading_times_are_written_the_language_s_way() {
    let dir = tempfile::tempdir().unwrap();
    let (en, _) = load(dir.path(), "en");
    let (es, _) = load(dir.path(), "es");
    let (fr, _) = load(dir.path(), "fr-CA");
    let d = day("2026-11-20");
    assert_eq!(en.date(d), "November 20, 2026");
    assert_eq!(es.date(d), "20 de noviembre de 2026");
    assert_eq!(fr.date(d), "20 novembre 2026");
    assert_eq!(fr.date(day("2026-05-01")), "1er mai 2026");
    assert_eq!(en.date(day("2026-05-01")), "May 1, 2026");
    assert_eq!(en.min_read.count(4), "4 min read");
    assert_eq!(es.min_read.count(4), "4 min de lectura");
    assert_eq!(fr.min_read.count(4), "4\u{a0}min de lecture");
    assert_eq!(es.pages_count.count(1), "1 página");
    assert_eq!(fr.pages_count.count(0), "0\u{a0}page");
    assert_eq!(fr.tenths(1.25), "1,2");
}

#[test]
fn a_hub_table_overrides_some_words_of_a_built_in_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(I18N_DIR)).unwrap();
    std::fs::write(
        dir.path().join("i18n/es.yaml"),
        "menu: Menú principal\nmin_read:\n  one: \"{n} minuto\"\n  other: \"{n} minutos\"\n",
    )
    .unwrap();
    let (es, problems) = load(dir.path(), "es");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(es.menu, "Menú principal");
    assert_eq!(es.min_read.count(1), "1 minuto");
    assert_eq!(es.skip_to_content, "Saltar al contenido");
}

#[test]
fn mistakes_in_a_hub_table_are_named_at_their_line() {
    let text = "menu: Menü\nskip_to_contnet: Zum Inhalt\nmin_read:\n  one: x\n  fwe: y\n  other: z\nno_results: Nichts für {quer}\nmonths: [Januar]\nsearch:\n  one: a\n";
    let (table, problems) = read(text, Path::new("i18n/de.yaml"));
    let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [
            "error: i18n/de.yaml:2: unknown key `skip_to_contnet`\n  help: did you mean `skip_to_content`?",
            "error: i18n/de.yaml:3: `min_read` has a form `fwe`, which is not a plural form\n  help: did you mean `few`?",
            "error: i18n/de.yaml:7: `no_results` uses `{quer}`, which it cannot fill\n  help: did you mean `{query}`?",
            "error: i18n/de.yaml:8: `months` must list the twelve month names\n  help: write them in a list, January first: `[January, February, …, December]`",
            "error: i18n/de.yaml:9: `search` takes one text, not forms by count\n  help: write it on one line: `search: …`",
        ]
    );
    assert_eq!(table.given(), ["menu"]);
}

#[test]
fn a_language_without_a_table_warns_once_with_the_english_to_translate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(I18N_DIR)).unwrap();
    let all_but_two: String = BUILT_IN[0]
        .1
        .lines()
        .filter(|l| !l.starts_with("menu:") && !l.starts_with("print:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("i18n/ar.yaml"), all_but_two).unwrap();
    let (ar, problems) = load(dir.path(), "ar");
    assert_eq!(ar.menu, "Menu");
    assert_eq!(
        problems.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        ["warning: i18n/ar.yaml: 2 interface strings have no `ar` text, so pages show them in English: menu, print\n  help: add them to i18n/ar.yaml in `ar`; in English they read:\n    menu: Menu\n    print: Print"]
    );
}

#[test]
fn the_script_of_strings_holds_what_the_scripts_show() {
    let script = english().script();
    assert!(script.contains("window.GuidepostStrings = {"), "{script}");
    assert!(
        script.contains("\"copied\":\"Copied the text to your clipboard.\""),
        "{script}"
    );
    assert!(
        script.contains(
            "\"results\":{\"one\":\"{n} result\",\"other\":\"{n} results\",\"rule\":\"en\"}"
        ),
        "{script}"
    );
    assert!(!script.contains("skip_to_content"), "{script}");
}
