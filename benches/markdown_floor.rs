//! The floor for any generator: read every Markdown file of a hub and turn it into
//! HTML with pulldown-cmark (the same extensions Guidepost enables), on every core,
//! and nothing else. `benches/scale.py` times it beside `guidepost build`.
//!
//!     cargo run --release --example markdown_floor -- HUB

use rayon::prelude::*;

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: markdown_floor HUB");
        std::process::exit(2);
    };
    let files: Vec<_> = walkdir::WalkDir::new(std::path::Path::new(&root).join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let bytes: usize = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("readable Markdown");
            let parser =
                pulldown_cmark::Parser::new_ext(&text, guidepost::markdown::parser_options());
            let mut html = String::with_capacity(text.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, parser);
            html.len()
        })
        .sum();
    println!("{} files, {bytes} bytes of HTML", files.len());
}
