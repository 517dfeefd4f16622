use crate::Severity;
use crate::diagnostic::Diagnostic;
use crate::index::name_key;
use crate::lint::{Context, Others, Rule};

pub const RULE: Rule = Rule {
    name: "duplicate-term",
    default_severity: Severity::Error,
    summary: "two files share a term or alias (case-insensitive)",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A term or alias that another term file also uses as its term or alias,
compared case-insensitively. Each file gets one diagnostic per shared name,
which says how many other files use it and names the first three (in path
order), also as related locations: output grows with the number of files,
never with the number of pairs.

## Why it matters
A reader who searches for the name, and every mention that hovers or links
to it, can only lead to one page. Two pages for one name split the content
and confuse readers.

## Example
`glossary/product-manager.yaml` has `aliases: [PM]` and
`glossary/project-manager.yaml` has `aliases: [pm]`.

## Fix
Keep the name on the term it belongs to and remove it (or make it more
specific) on the other.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<String> = Vec::new();
    for name in cx.term().names() {
        // A name repeated inside one file is reported once, at its first
        // place, as the index keeps one site per file and name.
        let key = name_key(&name.value);
        if seen.contains(&key) {
            continue;
        }
        let others = Others::of(cx.glossary.sites_by_name(&key), cx.file);
        seen.push(key);
        if others.count == 0 {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &RULE,
            name.range,
            format!(
                "`{}` is also a term or alias in {}",
                name.value.trim(),
                others.describe(cx.glossary, "files")
            ),
        );
        diagnostic.related = others.related(cx.glossary, "also defined here");
        out.push(diagnostic);
    }
}
