use crate::Severity;
use crate::diagnostic::{Diagnostic, Related};
use crate::lint::{Context, Rule};

pub const RULE: Rule = Rule {
    name: "duplicate-term",
    default_severity: Severity::Error,
    summary: "two files share a term or alias (case-insensitive)",
    fixable: false,
    check: Some(check),
    doc: r#"## What it flags
A term or alias that another term file also uses as its term or alias,
compared case-insensitively. Each file gets the diagnostic, pointing at the
other.

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
    for name in cx.term().names() {
        let others = cx.glossary.sites_by_name(&name.value);
        for site in others.iter().filter(|s| s.file != cx.file) {
            let other_path = cx.glossary.path(site.file).unwrap_or("another file");
            out.push(
                Diagnostic::new(
                    &RULE,
                    name.range,
                    format!(
                        "`{}` is also a term or alias in `{other_path}`",
                        name.value.trim()
                    ),
                )
                .with_related(Related {
                    path: Some(other_path.to_owned()),
                    range: site.range,
                    message: "also defined here".to_owned(),
                }),
            );
        }
    }
}
