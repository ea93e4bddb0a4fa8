//! Tera's complaints about a theme template, said in plain words at the template's
//! file and line.
//!
//! In: Tera's error (its parser's "expected …" list, or a render failure that names
//! no line) and the templates' text. Out: a [`Diagnostic`] that names the file, the
//! line, what is wrong and what to write instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::text::suggest;

/// Tera's built-in filters, for "did you mean" on a filter it does not have.
const FILTERS: &[&str] = &[
    "abs",
    "addslashes",
    "as_str",
    "capitalize",
    "concat",
    "date",
    "default",
    "escape",
    "escape_xml",
    "filesizeformat",
    "filter",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "json_encode",
    "last",
    "length",
    "linebreaksbr",
    "lower",
    "map",
    "nth",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "slice",
    "slugify",
    "sort",
    "spaceless",
    "split",
    "striptags",
    "title",
    "trim",
    "trim_end",
    "trim_end_matches",
    "trim_start",
    "trim_start_matches",
    "truncate",
    "unique",
    "upper",
    "urlencode",
    "urlencode_strict",
    "wordcount",
];

/// A template Tera could not parse: `chain` is its whole error, `text` the template.
pub(super) fn syntax(shown: &Path, text: &str, chain: &str) -> Diagnostic {
    let position = chain.split("--> ").nth(1).and_then(|rest| {
        let spot = rest.split(|c: char| c.is_whitespace()).next()?;
        let (line, column) = spot.split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let said = chain.lines().last().unwrap_or("").trim();
    let said = said.strip_prefix("= ").unwrap_or(said);
    let here = position
        .and_then(|(line, column)| {
            let line = text.lines().nth(line.checked_sub(1)?)?;
            line.get(column.saturating_sub(1)..)
        })
        .unwrap_or("");
    let before = position
        .and_then(|(line, column)| {
            let line = text.lines().nth(line.checked_sub(1)?)?;
            line.get(..column.saturating_sub(1))
        })
        .unwrap_or("");
    let (message, help) = explain_syntax(said, here, before);
    let d = Diagnostic::error(shown, message).help(help);
    match position {
        Some((line, column)) => d.at(line, column),
        None => d,
    }
}

fn explain_syntax(said: &str, here: &str, before: &str) -> (String, String) {
    if let Some(expected) = said.strip_prefix("unexpected tag; expected ") {
        let found = here
            .split_once("%}")
            .map_or(here, |(tag, _)| tag)
            .trim_start_matches("{%")
            .trim_matches(['-', ' ']);
        let found_name = found.split_whitespace().next().unwrap_or("");
        let closer = [
            "endif",
            "endfor",
            "endblock",
            "endmacro",
            "endfilter",
            "endraw",
        ]
        .into_iter()
        .find(|c| expected.contains(&format!("an {c} tag")));
        return match closer {
            Some("endblock") if found_name.starts_with("end") => (
                format!(
                    "`{{% {found} %}}` has no `{{% {} %}}` above it to close",
                    &found_name[3..]
                ),
                "remove it, or add the tag it is meant to close above it".to_string(),
            ),
            Some(closer) => {
                let opener = &closer[3..];
                (
                    format!("the `{{% {opener} %}}` above is not closed before `{{% {found} %}}`"),
                    format!(
                        "add `{{% {closer} %}}` where the `{opener}` part ends, before this tag"
                    ),
                )
            }
            None => (
                format!("Tera does not expect `{{% {found} %}}` here"),
                "check that every `{% if %}`, `{% for %}` and `{% block %}` is closed in order"
                    .to_string(),
            ),
        };
    }
    if said.contains("a variable end (`}}`)") {
        let open = before.rfind("{{").map_or("", |i| &before[i..]).trim_end();
        let help = if open.is_empty() {
            "end the value with `}}`".to_string()
        } else {
            format!("end the value with `}}}}`, like `{open} }}}}`")
        };
        return ("this `{{ … }}` is not closed with `}}`".to_string(), help);
    }
    if said.contains("`%}` or `-%}`") {
        if here.starts_with('=') && !here.starts_with("==") {
            return (
                "a single `=` cannot compare two values in a tag".to_string(),
                "write `==` to compare (`{% if a == b %}`); `=` only sets a value in `{% set %}`"
                    .to_string(),
            );
        }
        return (
            "this `{% … %}` tag is not closed with `%}`".to_string(),
            "end the tag with `%}`".to_string(),
        );
    }
    if said.contains("an expression") || said.contains("an identifier") {
        return (
            "Tera expected a value here: a name like `page.meta.title`, text in quotes, or a number".to_string(),
            "finish what this tag or `{{ … }}` started, or remove it".to_string(),
        );
    }
    (
        format!("Tera cannot read the template here (it expected {})", said.trim_start_matches("expected ")),
        "fix the template at this spot: values are written `{{ value }}`, tags `{% if … %}…{% endif %}`".to_string(),
    )
}

/// What a theme copied before cards were drawn once reads under an older name: the
/// name, the templates where it meant the cards (any for none), and what to use now.
const RENAMED: &[(&str, &[&str], &str)] = &[
    (
        "page.pages",
        &["section.html", "tag.html"],
        "`{{ page.cards | safe }}` for the cards and `page.count` for how many",
    ),
    (
        "g.pages",
        &["audience.html"],
        "`{{ g.cards | safe }}` for the cards and `g.count` for how many",
    ),
    ("meta.related", &[], "`{{ meta.related_cards | safe }}`"),
];

fn renamed(var: &str) -> Option<&'static str> {
    RENAMED
        .iter()
        .find(|(old, _, _)| *old == var)
        .map(|(_, _, now)| *now)
}

/// Each use of an older name in the theme's templates: a test such as
/// `{% if meta.related %}` would quietly drop the list, so each is an error.
pub(super) fn older_names(templates: &BTreeMap<String, (String, PathBuf)>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // The header moved out of base.html with its block, unless the theme's own
    // base.html still holds it.
    let base_has_tools = templates
        .get("base.html")
        .is_some_and(|(text, _)| text.contains("block header_tools"));
    for (name, (text, shown)) in templates {
        for (n, line) in text.lines().enumerate() {
            if !base_has_tools && name != "header.html" && line.contains("block header_tools") {
                problems.push(
                    Diagnostic::error(shown, "`header_tools` is a block of header.html now")
                        .at_line(n + 1)
                        .help("copy header.html from themes/default/templates/ into your theme and put the controls in its `header_tools` block"),
                );
            }
            for (old, only, now) in RENAMED {
                if (only.is_empty() || only.contains(&name.as_str())) && names(line, old) {
                    problems.push(
                        Diagnostic::error(shown, format!("`{old}` is no longer given to templates"))
                            .at_line(n + 1)
                            .help(format!("lists now get their cards already drawn: use {now} (see the README's theme section)")),
                    );
                }
            }
        }
    }
    problems
}

/// True when `line` names `variable` itself, not a longer name that starts with it.
fn names(line: &str, variable: &str) -> bool {
    line.match_indices(variable).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + variable.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

/// A template that failed while a page was being filled in. Tera names no line, so
/// the line is found by looking for what it names in the templates' text.
pub(super) fn render(
    name: &str,
    chain: &str,
    sources: &BTreeMap<String, PathBuf>,
    texts: &BTreeMap<String, String>,
) -> Diagnostic {
    let cause = chain
        .rsplit(&format!("Failed to render '{name}': "))
        .next()
        .unwrap_or(chain);
    let quoted = |start: &str, end: char| {
        cause
            .split_once(start)
            .and_then(|(_, rest)| rest.split_once(end))
            .map(|(inside, _)| inside.to_string())
    };
    let (needle, message, help) = if let (Some(var), true) = (
        quoted("Variable `", '`'),
        cause.contains("not found in context"),
    ) {
        let help = match renamed(&var) {
            Some(now) => format!("lists now get their cards already drawn: use {now} (see the README's theme section)"),
            None => format!("check the name against the README's theme section (templates get `chrome` and `page`); to show nothing when it is missing, write `{{{{ {var} | default(value=\"\") }}}}`"),
        };
        (
            var.clone(),
            format!("the template uses `{var}`, which this page's data does not have"),
            help,
        )
    } else if let (Some(var), true) = (quoted("Variable `", '`'), cause.contains("math operation"))
    {
        (
            var.clone(),
            format!("the template does arithmetic with `{var}`, which is not a number"),
            "use a number there, or turn the value into one (`| length`, `| int`)".to_string(),
        )
    } else if let Some(filter) = quoted("Filter '", '\'') {
        let help = match suggest(&filter, FILTERS.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "use one of Tera's built-in filters, such as `upper`, `truncate` or `default`"
                .to_string(),
        };
        (
            format!("| {filter}"),
            format!("the template uses the filter `{filter}`, which Tera does not have"),
            help,
        )
    } else if let Some(missing) = quoted("Template '", '\'') {
        let missing = missing.trim_matches(['[', ']']).to_string();
        let help = match suggest(&missing, sources.keys().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                "include one of the theme's templates, or add this one to its templates/ folder"
                    .to_string()
            }
        };
        (
            missing.clone(),
            format!("the template includes `{missing}`, which the theme does not have"),
            help,
        )
    } else if let Some(namespace) = quoted("Macro namespace `", '`') {
        (
            format!("{namespace}::"),
            format!("the template calls a macro from `{namespace}` without importing it"),
            format!("add `{{% import \"macros.html\" as {namespace} %}}` near the top of the template, after any `{{% extends %}}`"),
        )
    } else {
        (
            String::new(),
            format!("the template could not be filled in: {cause}"),
            "check the names the template uses against the README's theme section".to_string(),
        )
    };
    let found = (!needle.is_empty())
        .then(|| find(name, &needle, texts))
        .flatten();
    let file = found
        .as_ref()
        .and_then(|(template, _)| sources.get(template))
        .or_else(|| sources.get(name))
        .cloned()
        .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
    let d = Diagnostic::error(file, message).help(help);
    match found {
        Some((_, line)) => d.at_line(line),
        None => d,
    }
}

/// Two templates that do not fit together: most often an `{% extends %}` of a
/// template the theme does not have.
pub(super) fn inheritance(
    chain: &str,
    sources: &BTreeMap<String, PathBuf>,
    texts: &BTreeMap<String, String>,
) -> Diagnostic {
    let names: Vec<&str> = chain.split('\'').skip(1).step_by(2).collect();
    if let (true, [child, parent, ..]) = (chain.contains("is inheriting from"), names.as_slice()) {
        let help = match suggest(parent, sources.keys().map(String::as_str)) {
            Some(near) => format!("did you mean `{{% extends \"{near}\" %}}`?"),
            None => "extend one of the theme's templates, such as `base.html`".to_string(),
        };
        let line = find(child, "extends", texts).map_or(1, |(_, line)| line);
        let file = sources
            .get(*child)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(*child));
        return Diagnostic::error(
            file,
            format!("`{child}` extends `{parent}`, which the theme does not have"),
        )
        .at_line(line)
        .help(help);
    }
    Diagnostic::general(format!(
        "the theme's templates do not fit together: {chain}"
    ))
    .help("check `{% extends %}`, `{% import %}` and `{% include %}` names in the theme")
}

/// The template and 1-based line where `needle` is written: in `name` first, then in
/// the templates it builds on.
fn find(name: &str, needle: &str, texts: &BTreeMap<String, String>) -> Option<(String, usize)> {
    // `| upper` and `|upper` are the same filter.
    let needle = needle.replace("| ", "|");
    let line_in = |text: &str| {
        (text.lines())
            .position(|l| l.replace("| ", "|").contains(&needle))
            .map(|i| i + 1)
    };
    if let Some(line) = texts.get(name).and_then(|t| line_in(t)) {
        return Some((name.to_string(), line));
    }
    texts
        .iter()
        .find_map(|(other, text)| line_in(text).map(|line| (other.clone(), line)))
}
