use crate::Severity;
use crate::lint::Rule;

pub const RULE: Rule = Rule {
    name: "io-error",
    default_severity: Severity::Error,
    summary: "a term file that cannot be read as a text file",
    fixable: false,
    check: None,
    doc: r#"## What it flags
A file in the glossary that gloss cannot read as a UTF-8 text file:
- it cannot be opened or read (permissions, a broken symbolic link);
- it is not a regular file (a pipe, socket or device), which gloss never
  opens because reading it could block forever;
- it is a symbolic link that leads outside the glossary root, which gloss
  never follows;
- it is over `glossary.max-file-size`;
- its bytes are not UTF-8 text: invalid UTF-8, UTF-16, or a NUL byte.

The diagnostic sits on the file (at the offending byte where there is
one), in every output format, so CI annotations show it; the other files
are still linted and the run exits 1 (exit 2 is kept for problems of the
run itself: usage and configuration).

## Why it matters
The site generator cannot read such a file either: the term silently
disappears from the glossary, or the build fails.

## Example
`glossary/sprint.yaml` saved as UTF-16 by an editor, or
`glossary/shared.yaml` linking to `../../other-repo/shared.yaml`.

## Fix
Save the file as UTF-8; make it a regular, readable file under the glossary
root (copy the linked file in, or move the root so that it holds the
target).
"#,
};
