use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "yaml-syntax",
    default_severity: Severity::Error,
    summary: "the file is not valid YAML",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A term file that is not valid YAML: an unclosed bracket or quote, a tab in
indentation, a duplicated key, several documents in one file. The
diagnostic sits at the exact position the YAML parser stopped. (A file that
is not UTF-8 text at all is an `io-error`.)

## Why it matters
The site generator cannot read the file at all, so the term silently
disappears from the glossary, or the build fails.

## Example
```yaml
term: Product Roadmap
aliases: [Roadmap
definition: A Product Roadmap is ...
```

## Fix
Close the bracket: `aliases: [Roadmap]`. Indent with spaces, never tabs;
keep one document per file.
"#,
};
