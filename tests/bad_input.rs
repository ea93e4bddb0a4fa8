//! Every case under `tests/fixtures/bad/` is a test of its own that breaks the `base` hub in one way. Each must
//! fail `check` and `build` with the exact messages in its `_expected` file (file, line,
//! what is wrong, how to fix it), never panic, and leave the previous output untouched.
//!
//! A case folder holds files that replace or add to the base hub, an optional `_delete`
//! listing paths to remove, and `_expected`. `<hub>` in `_expected` stands for the hub's folder.

mod common;

use std::fs;
use std::path::Path;

use common::{build_ok, copy_dir, fixtures, guidepost, hub, stderr, tree};

fn apply_case(case: &Path, root: &Path) {
    if let Ok(list) = fs::read_to_string(case.join("_delete")) {
        for path in list.lines().filter(|l| !l.trim().is_empty()) {
            let target = root.join(path.trim());
            if target.is_dir() {
                fs::remove_dir_all(&target).unwrap();
            } else {
                fs::remove_file(&target).unwrap();
            }
        }
    }
    let overlay = tempfile::tempdir().unwrap();
    copy_dir(case, overlay.path());
    for name in ["_delete", "_expected"] {
        let _ = fs::remove_file(overlay.path().join(name));
    }
    copy_dir(overlay.path(), root);
}

/// Breaks a copy of the base hub with the case `name` and checks that `check` and
/// `build` both fail with its exact messages and keep the previous output.
fn run_case(name: &str) {
    let case = fixtures().join("bad").join(name);
    let mut failures = Vec::new();
    let dir = hub("base");
    let out = build_ok(dir.path());
    let before = tree(&out);
    apply_case(&case, dir.path());
    let expected = fs::read_to_string(case.join("_expected"))
        .unwrap_or_else(|_| panic!("{name} has no _expected"));
    let hub_path = dir.path().display().to_string();
    for command in ["check", "build"] {
        let result = guidepost(dir.path(), &[command]);
        let messages = stderr(&result)
            .replace(&format!("`{hub_path}`"), "`<hub>`")
            .replace("`.`", "`<hub>`");
        if result.status.success() {
            failures.push(format!("`{command}` succeeded"));
        }
        if messages.contains("panicked") {
            failures.push(format!("`{command}` panicked:\n{messages}"));
        }
        for line in expected.lines() {
            if !messages.lines().any(|m| m == line) {
                failures.push(format!(
                    "`{command}` did not print\n  {line}\nit printed:\n{messages}"
                ));
            }
        }
        // Every error is one the case expects: a problem is reported once, in its
        // own file, not echoed by the files that depend on it.
        let errors = |text: &str| text.lines().filter(|l| l.starts_with("error: ")).count();
        if errors(&messages) != errors(&expected) {
            failures.push(format!(
                "`{command}` printed {} errors, the case expects {}:\n{messages}",
                errors(&messages),
                errors(&expected)
            ));
        }
    }
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("guidepost-"))
        .collect();
    if !leftovers.is_empty() {
        failures.push(format!("the failed build left {leftovers:?} behind"));
    }
    if tree(&out) != before {
        failures.push("the failed build changed the previous output".to_string());
    }
    assert!(failures.is_empty(), "{name}: {}", failures.join("\n\n"));
}

/// One test per folder under `tests/fixtures/bad/` (its name with `_` for `-`).
macro_rules! bad_cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                run_case(&stringify!($case).replace('_', "-"));
            }
        )*

        #[test]
        fn every_case_folder_has_a_test() {
            let listed: Vec<String> = [$(stringify!($case)),*]
                .iter()
                .map(|c| c.replace('_', "-"))
                .collect();
            let mut folders: Vec<String> = fs::read_dir(fixtures().join("bad"))
                .unwrap()
                .map(|e| e.unwrap())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            assert_eq!(folders, listed, "list every case folder in bad_cases! (in order)");
        }
    };
}

bad_cases!(
    alias_escape,
    alias_onto_asset,
    alias_takeover,
    audience_by_label,
    bad_config,
    bad_date,
    bad_related,
    broken_anchor,
    broken_link,
    broken_template_embedded,
    case_clash,
    config_and_content_errors,
    date_as_words,
    duplicate_url,
    empty_content,
    empty_file,
    footer_link_not_a_page,
    hub_yaml_colon_in_title,
    hub_yaml_dash_without_space,
    hub_yaml_list_out_of_line,
    hub_yaml_wrong_value,
    keys_from_other_generators,
    label_in_another_language,
    layout_and_link_errors,
    layout_typo,
    link_outside,
    logo_and_edit_url,
    missing_config,
    no_content,
    no_front_matter,
    non_utf8,
    script_links,
    several_errors,
    slug_with_dots,
    slug_with_slash,
    slug_with_space,
    slug_with_unicode,
    start_here_not_a_page,
    strings_unknown_key,
    template_in_template,
    theme_missing_parent,
    theme_not_found,
    theme_render_error,
    theme_single_equals,
    theme_syntax_error,
    theme_unclosed_if,
    theme_unknown_filter,
    title_null,
    title_number,
    toml_front_matter,
    translation_errors,
    translation_of_a_broken_page,
    unclosed_front_matter,
    unknown_audience,
    unknown_key,
    unknown_phase,
    unknown_placeholder,
    unknown_template,
    unused_field,
    yaml_colon_in_title,
    yaml_colon_without_space,
    yaml_dash_read_as_text,
    yaml_dash_without_space,
    yaml_duplicate_key,
    yaml_indented_key,
    yaml_list_joined,
    yaml_list_out_of_line,
    yaml_tab,
    yaml_unclosed_list,
    yaml_unclosed_quote,
);
