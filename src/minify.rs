//! Conservative size savings for the theme's stylesheets: comments and layout
//! whitespace go, strings stay as written. Scripts are not minified: a JavaScript
//! minifier that is not a full parser changes meaning (template literals, regular
//! expressions, `//` inside strings), and a hub theme's scripts must run as written.

/// CSS without comments, with whitespace collapsed (also before `!important` and
/// after `@media`) and the leading zero of a number below one dropped (`0.5rem` →
/// `.5rem`); strings and `url(…)` are kept as written.
pub fn css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    let mut in_url = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for d in chars.by_ref() {
                    if previous == '*' && d == '/' {
                        break;
                    }
                    previous = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(escaped) = chars.next() {
                            out.push(escaped);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' | '>' => {
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                skip_whitespace(&mut chars);
            }
            ':' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                // `a :hover` differs from `a:hover`, so only the space after goes
                // (valid CSS never needs one there).
                skip_whitespace(&mut chars);
            }
            c => {
                flush_space(&mut out, &mut pending_space, c);
                if c == '0' && !in_url && starts_fraction(&out, &chars) {
                    continue;
                }
                if c == ')' {
                    in_url = false;
                } else if c == '(' && out.to_ascii_lowercase().ends_with("url") {
                    in_url = true;
                }
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

/// Whether a `0` about to be written is the whole part of a number below one
/// (`:0.5`, ` 0.25rem`, `(0.4`, `-0.5`): what comes before it cannot continue a number
/// or a name, and a `.` and a digit follow.
fn starts_fraction(out: &str, chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut ahead = chars.clone();
    matches!(
        out.chars().last(),
        Some(':' | ' ' | ',' | '(' | '-' | '+' | '*')
    ) && ahead.next() == Some('.')
        && ahead.next().is_some_and(|d| d.is_ascii_digit())
}

fn skip_whitespace(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    if *pending
        && !out.is_empty()
        && !matches!(out.chars().last(), Some('{' | '}' | ';' | ',' | '>' | '('))
        && next != ')'
        && next != '!'
        && !(next == '(' && out.ends_with("@media"))
    {
        out.push(' ');
    }
    *pending = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_layout_whitespace_only() {
        let text = "/* theme */\n:root {\n  --a: #fff;\n}\n\na:hover, .b > .c {\n  content: \"  two  spaces \";\n  margin: 0 auto;\n}\n@media (max-width: 30rem) {\n  .x .y { color: red; }\n}\n";
        assert_eq!(
            css(text),
            ":root{--a:#fff}a:hover,.b>.c{content:\"  two  spaces \";margin:0 auto}@media(max-width:30rem){.x .y{color:red}}"
        );
    }

    #[test]
    fn numbers_below_one_lose_their_leading_zero_elsewhere_nothing_does() {
        assert_eq!(
            css("a { margin: 0.5rem -0.25em 0 0.75rem; line-height: 1.05; opacity: 10.5; transform: scale(0.9) }"),
            "a{margin:.5rem -.25em 0 .75rem;line-height:1.05;opacity:10.5;transform:scale(.9)}"
        );
        assert_eq!(
            css("a { content: \"0.5\"; background: url(img/0.5.png) } [data-v=0.5] { color: red }"),
            "a{content:\"0.5\";background:url(img/0.5.png)}[data-v=0.5]{color:red}"
        );
        assert_eq!(css("a { margin: 0 0.5rem }"), "a{margin:0 .5rem}");
    }

    #[test]
    fn no_space_before_important_nor_after_media() {
        assert_eq!(
            css("@media (max-width: 9rem) and (hover: none) { a { color: red !important } }"),
            "@media(max-width:9rem) and (hover:none){a{color:red!important}}"
        );
    }

    #[test]
    fn numbers_lose_their_leading_zero_only() {
        assert_eq!(
            css("a { margin: 0.5rem -0.25em 10.5px 0; opacity: 0.9; width: calc(100% - 0.5em); color: rgb(0 0 0 / 0.5); }"),
            "a{margin:.5rem -.25em 10.5px 0;opacity:.9;width:calc(100% - .5em);color:rgb(0 0 0 / .5)}"
        );
        assert_eq!(css(".x0.y { content: \"0.5\" }"), ".x0.y{content:\"0.5\"}");
    }

    #[test]
    fn css_keeps_descendant_pseudo_classes_apart() {
        assert_eq!(css(".a :focus { outline: 0 }"), ".a :focus{outline:0}");
        assert_eq!(css("a::before { content: 'x' }"), "a::before{content:'x'}");
    }
}
