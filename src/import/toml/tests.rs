//! Tests of the TOML reader: values, tables and the lines of its errors.
use super::*;

fn get<'v>(v: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(v, |v, k| &v[k])
}

#[test]
fn reads_front_matter_values() {
    let v = parse("title = \"Saying \\\"goodbye\\\"\"\ndate = 2024-03-01T10:00:00+01:00\nweight = 2\ndraft = false\ntags = [\"a\", 'b',\n  \"c\", # comment\n]\n[params]\nauthor = { name = \"Sam\" }\n[[menu.main]]\nname = \"x\"\n").unwrap();
    assert_eq!(get(&v, "title").as_str(), Some("Saying \"goodbye\""));
    assert_eq!(get(&v, "date").as_str(), Some("2024-03-01T10:00:00+01:00"));
    assert_eq!(get(&v, "weight").as_i64(), Some(2));
    assert_eq!(get(&v, "draft").as_bool(), Some(false));
    assert_eq!(get(&v, "tags").as_sequence().unwrap().len(), 3);
    assert_eq!(get(&v, "params.author.name").as_str(), Some("Sam"));
    assert_eq!(get(&v, "menu.main")[0]["name"].as_str(), Some("x"));
}

#[test]
fn multi_line_strings_and_dates_with_spaces() {
    let v = parse(
        "summary = \"\"\"\nOne\ntwo\"\"\"\nlit = '''\nC:\\path'''\nday = 1979-05-27 07:32:00\n",
    )
    .unwrap();
    assert_eq!(v["summary"].as_str(), Some("One\ntwo"));
    assert_eq!(v["lit"].as_str(), Some("C:\\path"));
    assert_eq!(v["day"].as_str(), Some("1979-05-27 07:32:00"));
}

#[test]
fn errors_name_the_line() {
    let e = parse("title = \"ok\"\nsummary = unquoted words\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(
        e.message.contains("quotes") || e.message.contains("unexpected"),
        "{}",
        e.message
    );
    let e = parse("a = 1\na = 2\n").unwrap_err();
    assert_eq!(e.message, "the key `a` appears twice");
    assert_eq!(e.line, 2);
    assert_eq!(parse("title = \"open\n").unwrap_err().line, 1);
}
