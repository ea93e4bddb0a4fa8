//! The interface strings, one key each: the [`Strings`] of a language (every key) and
//! a [`Table`] read from one YAML file (the keys it gives).
//!
//! The list below declares every key (the built-in tables give each one a text); the
//! macro makes both types, the list of keys with what each may hold, and the lookups
//! by name that reading a table's file needs.

use serde::Serialize;

use super::entry::Entry;
pub use super::entry::Months;
use super::plural::Plural;

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One text.
    Text,
    /// A text with forms by count (`{n}`), or one text for every count.
    Counted,
    /// The twelve month names.
    Months,
}

/// A key, what it holds and the placeholders its text may use.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub placeholders: &'static [&'static str],
}

macro_rules! keys {
    ($($name:ident: $kind:ident $ty:ty $([$($placeholder:literal),*])?;)*) => {
        /// Every interface string of one language, each key filled.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct Strings {
            /// The language these strings are for (`es`), which picks plural forms.
            #[serde(skip)]
            pub language: String,
            $(pub $name: $ty,)*
        }

        /// The strings one file gives: any of the keys.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Table {
            $(pub $name: Option<$ty>,)*
        }

        /// Every key, in the order of the list.
        pub const KEYS: &[Key] = &[$(Key {
            name: stringify!($name),
            kind: Kind::$kind,
            placeholders: &[$($($placeholder),*)?],
        }),*];

        impl Table {
            /// Sets `key` from a value already checked against its kind; false for a
            /// key that does not exist.
            pub(super) fn set(&mut self, key: &str, value: super::entry::Value) -> bool {
                match key {
                    $(stringify!($name) => self.$name = Entry::from_value(value),)*
                    _ => return false,
                }
                true
            }

            /// The keys this table gives.
            pub fn given(&self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(if self.$name.is_some() { out.push(stringify!($name)); })*
                out
            }

            /// The strings of `language`: each key from the last of `tables` that gives
            /// it. None when no table gives some key.
            pub fn merge(language: &str, tables: &[&Table]) -> Option<Strings> {
                let mut strings = Strings {
                    language: language.to_string(),
                    $($name: tables.iter().rev().find_map(|t| t.$name.clone())?,)*
                };
                $(Entry::for_language(&mut strings.$name, language);)*
                Some(strings)
            }
        }
    };
}

keys! {
    skip_to_content: Text String;
    menu: Text String;
    audiences_nav: Text String;
    for_audience: Text String ["audience", "Audience"];
    search_the_hub: Text String;
    search: Text String;
    topics: Text String;
    footer_nav: Text String;
    template_library: Text String;
    all_tags: Text String;
    feed_link: Text String;
    feed_title: Text String ["site"];
    print_source: Text String ["site", "url"];
    home: Text String;
    breadcrumb: Text String;
    for_label: Text String;
    for_audiences: Text String ["audiences"];
    list_separator: Text String;
    kind_article: Text String;
    kind_faq: Text String;
    kind_template: Text String;
    min_read: Counted Plural ["n"];
    phase: Text String ["phase"];
    updated: Text String ["date"];
    print: Text String;
    in_this_article: Text String;
    tags: Text String;
    related: Text String;
    previous_and_next: Text String;
    previous: Text String;
    next: Text String;
    pages_count: Counted Plural ["n"];
    start_here: Text String;
    start_here_lede: Text String;
    everything_for: Text String ["audience", "Audience"];
    browse_by_topic: Text String;
    library_home_lede: Text String;
    more: Text String;
    most_helpful: Text String;
    recently_updated: Text String;
    library_section_lede: Text String;
    sections: Text String;
    pages: Text String;
    nothing_here: Text String;
    by_phase: Text String;
    any_time: Text String;
    handbook_title: Text String ["audience", "Audience"];
    handbook_link: Text String ["audience", "Audience"];
    print_handbook: Text String;
    contents: Text String;
    languages_nav: Text String;
    tag: Text String;
    tag_title: Text String ["tag"];
    tagged: Counted Plural ["n", "tag"];
    tags_lede: Text String;
    library_lede: Text String;
    library_description: Text String;
    you_fill_in: Text String;
    download: Text String;
    used_in: Text String;
    no_templates: Text String;
    what_to_fill_in: Text String;
    for_example: Text String ["example"];
    no_example: Text String;
    the_template: Text String;
    where_template_helps: Text String;
    template_named: Text String ["title"];
    show_whole_template: Text String;
    open_template: Text String ["title"];
    fill_in_details: Text String;
    details_hint: Text String;
    forget_details: Text String;
    copy_text: Text String;
    print_template: Text String;
    format_docx: Text String;
    format_md: Text String;
    format_txt: Text String;
    size_bytes: Counted Plural ["n"];
    size_kb: Text String ["n"];
    size_mb: Text String ["n"];
    decimal_point: Text String;
    details_forgotten: Text String;
    downloaded_filled: Text String ["file"];
    download_unfilled: Text String;
    copied: Text String;
    copy_failed: Text String;
    link_to_question: Text String;
    link_to_section: Text String;
    link_copied: Text String;
    section_menu_all: Counted Plural ["n", "section"];
    dark_mode: Text String;
    edit_page: Text String;
    home_search_title: Text String;
    open_all_answers: Text String;
    close_all_answers: Text String;
    table_scrolls: Text String;
    callout_note: Text String;
    callout_tip: Text String;
    callout_important: Text String;
    callout_warning: Text String;
    callout_caution: Text String;
    task_done: Text String;
    task_not_done: Text String;
    not_found_title: Text String;
    not_found_text: Text String;
    not_found_try: Text String;
    go_home: Text String;
    browse_library: Text String;
    search_description: Text String;
    search_label: Text String;
    search_nojs: Text String ["home", "topics", "library"];
    search_nojs_home: Text String;
    search_nojs_topics: Text String;
    search_nojs_library: Text String;
    filter_results: Text String;
    show_more_results: Text String;
    search_results: Text String;
    no_results: Text String ["query"];
    results: Counted Plural ["n"];
    more_than_results: Counted Plural ["n"];
    results_for: Text String ["count", "query"];
    results_partial: Text String ["count", "query"];
    see_all_results: Text String ["query"];
    open_search_page: Text String;
    arrow_keys_hint: Text String;
    search_unavailable: Text String;
    filter_kind: Text String;
    filter_topic: Text String;
    kinds_article: Text String;
    kinds_faq: Text String;
    kinds_template: Text String;
    moved: Text String;
    moved_to: Text String ["link"];
    months: Months Months;
    date: Text String ["day", "month", "year"];
    date_first_day: Text String ["day", "month", "year"];
}

/// The keys of the words search and template cards show after a reader acts, which the
/// build writes into the language's script of strings (the page carries the words the
/// scripts show as it loads).
pub const SCRIPT_KEYS: &[&str] = &[
    "kind_article",
    "kind_faq",
    "kind_template",
    "kinds_article",
    "kinds_faq",
    "kinds_template",
    "for_label",
    "filter_kind",
    "filter_topic",
    "search_results",
    "no_results",
    "results",
    "more_than_results",
    "results_for",
    "results_partial",
    "see_all_results",
    "open_search_page",
    "arrow_keys_hint",
    "search_unavailable",
    "details_forgotten",
    "downloaded_filled",
    "download_unfilled",
    "copied",
    "copy_failed",
];

/// The key of this name.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}
