//! Tests of the markup pass: shortcodes, Liquid and admonitions.
use super::*;

fn run(body: &str, generator: Generator) -> (String, Vec<Entry>) {
    let mut entries = Vec::new();
    (prepare(body, 1, generator, &mut entries), entries)
}

#[test]
fn hugo_refs_figures_and_callouts() {
    let (out, entries) = run("See [x]({{< ref \"closing.md#end\" >}}).\n{{< figure src=\"/img/a.png\" alt=\"A map\" >}}\n{{% notice tip %}}\nBring **snacks**.\n{{% /notice %}}\n{{< youtube abc >}}\n```\n{{</* ref \"x\" */>}}\n```\n", Generator::Hugo);
    assert_eq!(out, "See [x](import-ref:closing.md#end).\n![A map](/img/a.png)\n\n> [!TIP]\n> Bring **snacks**.\n\n\n```\n{{< ref \"x\" >}}\n```\n");
    assert!(entries.contains(&Entry::person(6, "the shortcode `{{< youtube abc >}}` was removed (a hub has no shortcodes); add what it showed by hand")));
}

#[test]
fn jekyll_liquid_and_kramdown() {
    let (out, entries) = run("[a]({% link _posts/2024-01-02-hi.md %}) [b]({{ site.baseurl }}{% post_url 2024-01-02-hi %})\n![m]({{ \"/assets/m.png\" | relative_url }})\n{: .note }\n{% include cta.html %}\n", Generator::Jekyll);
    assert_eq!(out, "[a](import-file:_posts/2024-01-02-hi.md) [b](import-post:2024-01-02-hi)\n![m](/assets/m.png)\n\n");
    assert!(entries
        .iter()
        .any(|e| matches!(e, Entry::Person { line: Some(4), .. })));
}

#[test]
fn mkdocs_and_docusaurus_admonitions() {
    let (out, _) = run(
        "!!! warning \"Mind the time\"\n    Keep it short.\n\n    Really.\nAfter\n",
        Generator::MkDocs,
    );
    assert_eq!(
        out,
        "> [!WARNING]\n> **Mind the time**\n>\n> Keep it short.\n>\n> Really.\n\nAfter\n"
    );
    let (out, _) = run(
        "import Tabs from '@theme/Tabs';\n\n:::tip[Before you start]\nRead this.\n:::\n",
        Generator::Docusaurus,
    );
    assert_eq!(
        out,
        "\n> [!TIP]\n> **Before you start**\n>\n> Read this.\n\n"
    );
}
