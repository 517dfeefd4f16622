//! Every `gloss.toml` key as data: its table, type, default, an example and
//! what it does. `docs/config.md` and the `gloss.toml` that `gloss init`
//! writes are generated from this table, and the tests below fail when a key
//! the parser accepts ([`crate::config`]) is missing here, when a documented
//! default is not the parser's default, or when an example does not parse.
//! A new key: a field in `config.rs`, an entry here, then
//! `GLOSS_UPDATE_DOCS=1 cargo test -p gloss-core --test docs`.

/// One key of `gloss.toml`.
#[derive(Debug, Clone, Copy)]
pub struct ConfigKey {
    /// The table it lives in: `glossary`, `faqs`, `faqs.topics` (an array of
    /// tables), `challenge`, `rules`.
    pub table: &'static str,
    /// The key; `*` for a table whose keys are names (`[rules]`).
    pub key: &'static str,
    /// The TOML type, as the docs name it.
    pub ty: &'static str,
    /// The default as a TOML value; `None` when the key has none (unset,
    /// or required within its table).
    pub default: Option<&'static str>,
    /// A value to show, as TOML.
    pub example: &'static str,
    /// One line: what the key does (the comment `gloss init` writes).
    pub summary: &'static str,
    /// The reference text of docs/config.md.
    pub doc: &'static str,
}

/// A table of `gloss.toml`, in the order of the docs.
#[derive(Debug, Clone, Copy)]
pub struct ConfigTable {
    pub name: &'static str,
    /// Whether it is an array of tables (`[[faqs.topics]]`).
    pub array: bool,
    pub summary: &'static str,
}

pub const TABLES: &[ConfigTable] = &[
    ConfigTable {
        name: "glossary",
        array: false,
        summary: "where the term files and the prose that mentions them are",
    },
    ConfigTable {
        name: "docs",
        array: false,
        summary: "how the Markdown docs are read",
    },
    ConfigTable {
        name: "faqs",
        array: false,
        summary: "how many FAQs a term needs",
    },
    ConfigTable {
        name: "faqs.topics",
        array: true,
        summary: "FAQ topics a category of terms must cover (one table per topic; none by default)",
    },
    ConfigTable {
        name: "challenge",
        array: false,
        summary: "the Knowledge Challenge game",
    },
    ConfigTable {
        name: "rules",
        array: false,
        summary: "rule severities: \"error\", \"warning\", \"info\" or \"off\" (`gloss rules` lists the names)",
    },
];

pub const KEYS: &[ConfigKey] = &[
    ConfigKey {
        table: "glossary",
        key: "root",
        ty: "string (a path)",
        default: Some(r#""glossary""#),
        example: r#""content/glossary""#,
        summary: "the directory of term files, relative to this file",
        doc: "The directory of term files. Only files under it are term files: `gloss lint` \
with no path lints all of them; `gloss lint PATH…` takes files or directories under the root (a \
directory that holds the root, such as `.`, selects all of it) and a path outside the root is an \
error (exit 2). Whatever the paths, every term file of the glossary is read and indexed, so a file \
linted alone gets exactly the findings a full run gives it (an unknown `related` slug, a duplicate \
term, a shared challenge word).",
    },
    ConfigKey {
        table: "glossary",
        key: "docs",
        ty: "array of strings (globs)",
        default: Some(r#"["docs/**/*.md", "*.md"]"#),
        example: r#"["content/**/*.{md,mdx}"]"#,
        summary: "Markdown files scanned for term mentions (hover, references)",
        doc: "Glob patterns of Markdown files, relative to the config's directory, that the \
language server scans for mentions of terms. A file these patterns select is a doc whatever its \
extension. The same glob syntax as `exclude`: `*` and `?` stay inside one component, `**` crosses \
them, `{md,mdx}` is either (`docs/**/*.{md,mdx}`). A pattern that leads out of the config's \
directory (`../x/*.md`) is a config error.",
    },
    ConfigKey {
        table: "glossary",
        key: "exclude",
        ty: "array of strings (globs)",
        default: Some("[]"),
        example: r#"["drafts/**", "_*.yaml"]"#,
        summary: "files under the root that are not term files (drafts, templates)",
        doc: "Glob patterns of files under the root that are not term files (drafts, templates, \
data files): they are neither linted nor indexed, also when named on the command line (gloss says \
so on stderr, as for any named file that is not a term file: a word list, a README, a hidden file). \
A pattern matches the path relative to the root, with `/` between components: `*` and `?` stay \
inside one component, `**` crosses them, `{a,b}` is either: `drafts/**`, \
`{templates,examples}/*.yaml`. A pattern without `/` also matches the file name at any depth: \
`_*.yaml`.",
    },
    ConfigKey {
        table: "glossary",
        key: "max-file-size",
        ty: "integer (bytes)",
        default: Some("1048576"),
        example: "262144",
        summary: "term files larger than this many bytes are an `io-error`, not parsed",
        doc: "Term files and docs larger than this many bytes are reported as `io-error` \
without being read.",
    },
    ConfigKey {
        table: "docs",
        key: "match-in-code",
        ty: "boolean",
        default: Some("false"),
        example: "true",
        summary: "also find term mentions in inline code and code blocks",
        doc: "Whether hover, references and the other mention queries read the inline code and \
code blocks of Markdown docs. Off by default: `--kubelet-certificate-authority` or a YAML example \
is not a mention of *Kubelet*. Link destinations, autolinks, bare URLs and email addresses, raw \
HTML (and the text of inline `<a>` and code elements), front matter and heading ids (`{#id}`) are \
never read. How mentions are matched: [`matching.md`](matching.md).",
    },
    ConfigKey {
        table: "docs",
        key: "link",
        ty: "string",
        default: None,
        example: "\"/glossary/{slug}/\"",
        summary: "the URL of a term's page, with `{slug}` for its slug",
        doc: "How docs link to a term's page on the site: a site path with one `{slug}`, the term \
file's name without `.yaml`. With it, the docs rules recognise links to terms \
(`broken-term-link`, `unlinked-mention`, `unused-term`) and the fixes write them. A link counts \
when its destination is the pattern (`/glossary/pod/`), the same without the trailing slash or \
with `.html`, `.md` or `index.html`, or a relative link that climbs to it (`../glossary/pod/`); \
a `#fragment` or `?query` is ignored. Without `link`, `unlinked-mention` and \
`broken-term-link` find nothing.",
    },
    ConfigKey {
        table: "docs",
        key: "first-mention",
        ty: "string",
        default: Some("\"doc\""),
        example: "\"section\"",
        summary: "where `unlinked-mention` wants a term linked: `doc` or `section`",
        doc: "`\"doc\"`: a term's first mention in each doc is linked to its page. `\"section\"`: \
its first mention under each heading, for long pages that readers enter from a table of contents.",
    },
    ConfigKey {
        table: "faqs",
        key: "min",
        ty: "integer",
        default: Some("3"),
        example: "2",
        summary: "the least number of FAQs a term needs (`missing-faqs`)",
        doc: "The least number of FAQs a term needs; fewer is a `missing-faqs` error.",
    },
    ConfigKey {
        table: "faqs.topics",
        key: "category",
        ty: "string",
        default: None,
        example: r#""role""#,
        summary: "the `category` of the terms this topic applies to",
        doc: "Required in each topic: the `category` value of the term files the topic applies \
to.",
    },
    ConfigKey {
        table: "faqs.topics",
        key: "name",
        ty: "string",
        default: None,
        example: r#""responsibilities""#,
        summary: "what findings and the \"add FAQ\" quick fix call the topic",
        doc: "Required in each topic: how `missing-faq-topic` findings and the language server's \
\"add FAQ\" action name it.",
    },
    ConfigKey {
        table: "faqs.topics",
        key: "pattern",
        ty: "string (a regex)",
        default: None,
        example: r#""(?i)responsibilit""#,
        summary: "a regex one of the term's questions must match (`missing-faq-topic`)",
        doc: "Required in each topic: a regular expression (Rust `regex` syntax; `(?i)` makes it \
case-insensitive) matched against each question of a term of the category. When none matches, \
the term gets a `missing-faq-topic` warning. A pattern that is not a valid regex is a config \
error at its position.",
    },
    ConfigKey {
        table: "challenge",
        key: "lengths",
        ty: "array of integers (4 to 10)",
        default: Some("[5, 6, 7]"),
        example: "[5, 6]",
        summary: "the answer lengths the site's game supports",
        doc: "The answer lengths the site's game supports (`challenge-word-length`); each from 4 \
to 10.",
    },
    ConfigKey {
        table: "challenge",
        key: "max-guesses",
        ty: "integer (1 to 20)",
        default: Some("6"),
        example: "5",
        summary: "rows in the game; the solver needing more is `challenge-too-hard`",
        doc: "The rows of the game; the reference solver needing more is `challenge-too-hard`.",
    },
    ConfigKey {
        table: "challenge",
        key: "extra-words",
        ty: "string (a path)",
        default: None,
        example: r#""glossary/words.txt""#,
        summary: "a word list (one a line) of domain words accepted as answers and guesses",
        doc: "A word list file, relative to the config's directory (one word a line, `#` starts \
a comment) of domain words the game accepts as answers and guesses, on top of the built-in \
dictionary. Unset by default. A file that cannot be read is a config error.",
    },
    ConfigKey {
        table: "challenge",
        key: "blocked-words",
        ty: "array of strings",
        default: Some("[]"),
        example: r#"["DUMMY"]"#,
        summary: "words never allowed as answers, on top of a built-in list",
        doc: "Words never allowed as answers, on top of the built-in list \
(`challenge-word-blocked`).",
    },
    ConfigKey {
        table: "challenge",
        key: "difficulty",
        ty: "string: \"easy\", \"medium\" or \"hard\"",
        default: Some(r#""medium""#),
        example: r#""hard""#,
        summary: "the target grade of challenge words",
        doc: "The difficulty grade challenge words aim at: `\"easy\"`, `\"medium\"` (the default) \
or `\"hard\"`. `challenge-too-hard` flags a word graded above it, `challenge-too-easy` (off by \
default) one graded below it, and `gloss challenge TERM --suggest` ranks its suggestions by their \
distance from it. Any other value is a config error. How the grade is measured: \
[`challenge.md`](challenge.md).",
    },
    ConfigKey {
        table: "rules",
        key: "*",
        ty: "string: \"error\", \"warning\", \"info\" or \"off\"",
        default: None,
        example: r#"challenge-too-hard = "off""#,
        summary: "a rule's severity; each rule otherwise runs at its default",
        doc: "Each key is a rule's name and its value a severity: `\"error\"`, `\"warning\"`, \
`\"info\"` or `\"off\"`. A rule not listed runs at its default severity. `gloss rules` lists the \
names; [`rules.md`](rules.md) documents each one. An unknown name is a config error with a \
did-you-mean.",
    },
];

/// The keys of one table, in order.
pub fn keys_of(table: &str) -> impl Iterator<Item = &'static ConfigKey> {
    KEYS.iter().filter(move |key| key.table == table)
}

/// The `gloss.toml` that `gloss init` writes: every key at its default with
/// a line on what it does; keys without a default, the topics and the rule
/// severities as commented examples. It parses to every default.
pub fn init_toml() -> String {
    let mut out = String::from(
        "# gloss configuration, written by `gloss init`: every key at its default.\n\
         # Paths are relative to this file. Reference: docs/config.md in gloss's repository.\n",
    );
    for table in TABLES {
        out.push('\n');
        let header = if table.array {
            format!("[[{}]]", table.name)
        } else {
            format!("[{}]", table.name)
        };
        out.push_str(&format!("# {}\n", table.summary));
        // A table whose keys have no default is shown whole as a comment.
        let commented = keys_of(table.name).all(|key| key.default.is_none());
        out.push_str(&format!("{}{header}\n", if commented { "# " } else { "" }));
        for key in keys_of(table.name) {
            let line = if key.key == "*" {
                key.example.to_owned()
            } else {
                format!("{} = {}", key.key, key.default.unwrap_or(key.example))
            };
            let hash = if key.default.is_none() { "# " } else { "" };
            out.push_str(&format!("# {}\n{hash}{line}\n", key.summary));
        }
    }
    out
}

/// `docs/config.md`, generated from [`TABLES`] and [`KEYS`].
pub fn config_markdown() -> String {
    let mut out = String::from(CONFIG_INTRO);
    out.push_str(&init_toml());
    out.push_str("```\n");
    out.push_str(&reference_markdown());
    out.push_str(CONFIG_OUTRO);
    out
}

const CONFIG_INTRO: &str = "# Configuration: `gloss.toml`

<!-- Generated from crates/gloss-core/src/config_keys.rs by `GLOSS_UPDATE_DOCS=1 cargo test -p gloss-core --test docs`; do not edit by hand. -->

gloss looks for `gloss.toml` in the working directory and then in each parent
directory; `--config PATH` names one instead. The language server uses the same
rule from the editor's folder, so a folder below the config (the glossary root
itself, a docs folder) finds it too. Every key has a default, so a
glossary needs no config file at all; `gloss init` writes one with every key at
its default and a line on what it does. Paths in the file are relative to the
directory that holds it.

A mistake in the file (an unknown key, a value of the wrong type, a bad regex
or glob, an unknown rule or severity) is an error that names the file, the
line and column, and the key; `gloss lint` then exits 2 without linting. So
does a `challenge.extra-words` file that cannot be read. The language server
shows the same problem as a diagnostic (`invalid-config`) on `gloss.toml` and
goes on: with every default for a config it cannot use, without the extra words
when only they are missing.

The file `gloss init` writes:

```toml
";

const CONFIG_OUTRO: &str = "
## Which files are term files

Term files are `*.yaml` and `*.yml` files under `glossary.root`; hidden files
and directories (`.git`) are skipped, symbolic links to directories are not
followed, and a linked term file is read only when its target is under the
root. Anything under the root that cannot be read as UTF-8 text (an unreadable
file, a pipe, a link out of the root, UTF-16 or binary content) is an
`io-error` diagnostic on its path, in every output format, and the other files
are still linted.
";

/// `docs/config.md`'s reference part: every table and key with its type,
/// default and an example.
pub fn reference_markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let header = if table.array {
            format!("[[{}]]", table.name)
        } else {
            format!("[{}]", table.name)
        };
        out.push_str(&format!(
            "\n## `{header}`\n\n{}.\n",
            capitalise(table.summary)
        ));
        for key in keys_of(table.name) {
            let example = if key.key == "*" {
                format!("{header}\n{}", key.example)
            } else {
                format!("{header}\n{} = {}", key.key, key.example)
            };
            let name = if key.key == "*" {
                "rule names".to_owned()
            } else {
                format!("`{}`", key.key)
            };
            out.push_str(&format!(
                "\n### {name}\n\n- type: {}\n- default: {}\n- example:\n\n  ```toml\n{}\n  ```\n\n{}\n",
                key.ty,
                key.default
                    .map_or_else(|| "none".to_owned(), |d| format!("`{d}`")),
                example
                    .lines()
                    .map(|line| format!("  {line}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                key.doc,
            ));
        }
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The keys toml says a table accepts, from the error on an unknown one
    /// ("unknown field `zzz`, expected one of `a`, `b`").
    fn accepted_keys(header: &str) -> Vec<String> {
        let text = format!("{header}\nzzz-not-a-key = 1\n");
        let message = match Config::parse(&text) {
            Ok(_) => panic!("`zzz-not-a-key` was accepted in {header}"),
            Err(err) => err.message,
        };
        let (_, expected) = message
            .split_once("expected")
            .unwrap_or_else(|| panic!("no key list in {message:?}"));
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_key_the_parser_accepts_is_described() {
        for table in TABLES.iter().filter(|t| t.name != "rules") {
            let header = if table.array {
                format!("[[{}]]", table.name)
            } else {
                format!("[{}]", table.name)
            };
            let mut accepted = accepted_keys(&header);
            let mut described: Vec<String> =
                keys_of(table.name).map(|k| k.key.to_owned()).collect();
            accepted.retain(|key| {
                !TABLES
                    .iter()
                    .any(|t| t.name == format!("{}.{key}", table.name))
            });
            accepted.sort();
            described.sort();
            assert_eq!(accepted, described, "keys of {header}");
        }
        let mut tables = accepted_keys("");
        tables.sort();
        let mut described: Vec<&str> = TABLES
            .iter()
            .map(|t| t.name)
            .filter(|n| !n.contains('.'))
            .collect();
        described.sort_unstable();
        assert_eq!(tables, described);
    }

    #[test]
    fn every_example_parses_and_every_default_is_the_default() {
        let defaults = format!("{:?}", Config::default());
        for key in KEYS {
            let header = format!("[{}]", key.table);
            if key.table == "faqs.topics" {
                continue;
            }
            let example = if key.key == "*" {
                format!("{header}\n{}\n", key.example)
            } else {
                format!("{header}\n{} = {}\n", key.key, key.example)
            };
            let parsed = Config::parse(&example).unwrap_or_else(|e| panic!("{example}: {e}"));
            assert_ne!(
                format!("{parsed:?}"),
                defaults,
                "the example of {}.{} is its default: it shows nothing",
                key.table,
                key.key
            );
            if let Some(default) = key.default {
                let text = format!("{header}\n{} = {default}\n", key.key);
                let parsed = Config::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(
                    format!("{parsed:?}"),
                    defaults,
                    "the documented default of {}.{} is not the parser's",
                    key.table,
                    key.key
                );
            }
        }
        let topic: String = keys_of("faqs.topics")
            .map(|k| format!("{} = {}\n", k.key, k.example))
            .collect();
        let parsed =
            Config::parse(&format!("[[faqs.topics]]\n{topic}")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.faq_topics.len(), 1);
    }

    #[test]
    fn the_init_file_parses_to_every_default_and_names_every_key() {
        let text = init_toml();
        let parsed = Config::parse(&text).unwrap_or_else(|e| panic!("{text}\n{e}"));
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Config::default()));
        for key in KEYS.iter().filter(|k| k.key != "*") {
            let lines: Vec<&str> = text.lines().collect();
            assert!(
                lines
                    .windows(2)
                    .any(|pair| pair[0] == format!("# {}", key.summary)
                        && pair[1]
                            .trim_start_matches("# ")
                            .starts_with(&format!("{} = ", key.key))),
                "{}.{} is not in the init file:\n{text}",
                key.table,
                key.key
            );
        }
        // Uncommenting the examples gives a valid file too.
        let uncommented: String = text
            .lines()
            .map(|line| {
                let bare = line.strip_prefix("# ").unwrap_or(line);
                if bare.starts_with('[') || bare.contains(" = ") {
                    format!("{bare}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        let parsed = Config::parse(&uncommented).unwrap_or_else(|e| panic!("{uncommented}\n{e}"));
        assert_eq!(parsed.faq_topics.len(), 1);
        assert!(parsed.challenge.extra_words.is_some());
    }
}
