use crate::diagnostic::{Diagnostic, Fix};
use crate::lint::{Context, Rule};
use crate::{Severity, slug};

pub const RULE: Rule = Rule {
    name: "file-name-mismatch",
    default_severity: Severity::Error,
    summary: "the file name is not the slug of `term`",
    fixable: true,
    check: Some(check),
    doc: r#"## What it flags
A term file whose name (without `.yaml`) is not the slug of its `term`. The
slug is the term in lowercase ASCII with every run of other characters
turned into `-`: `Product Operations Manager` → `product-operations-manager`.

## Why it matters
The slug is the term's id: the page's URL and what `related` lists refer
to. A file named otherwise breaks links and makes the term hard to find.

## Example
`glossary/product-ops.yaml`:
```yaml
term: Product Operations Manager
```

## Fix
Rename the file to `product-operations-manager.yaml` (`gloss lint --fix`
does it when no file of that name exists), or correct the term.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(term) = &cx.term().term else {
        return;
    };
    let expected = slug(&term.value);
    if expected.is_empty() {
        out.push(Diagnostic::new(
            &RULE,
            term.range,
            format!(
                "the term `{}` has no letters or digits to make a slug from: add an ASCII spelling",
                term.value
            ),
        ));
        return;
    }
    if expected == cx.stem {
        return;
    }
    let extension = cx.file_name.rsplit_once('.').map_or("yaml", |(_, ext)| ext);
    let new_name = format!("{expected}.{extension}");
    out.push(
        Diagnostic::new(
            &RULE,
            term.range,
            format!(
                "file name `{}` does not match the term's slug: expected `{new_name}`",
                cx.file_name
            ),
        )
        .with_fix(Fix {
            description: format!("rename the file to `{new_name}`"),
            edits: Vec::new(),
            rename_to: Some(new_name),
        }),
    );
}
