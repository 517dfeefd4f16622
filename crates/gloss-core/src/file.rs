//! One term file, from bytes to diagnostics. The caller reads the bytes;
//! this module decodes, parses and checks them.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::{FileId, GlossaryIndex};
use crate::line_index::{LineIndex, TextRange};
use crate::lint::{self, Context, Env};
use crate::rule::{IO_ERROR, YAML_SYNTAX};
use crate::suggest;
use crate::term::{ParsedTerm, Term, parse_term};
use crate::yaml::Limits;

/// A parsed term file.
#[derive(Debug, Clone)]
pub struct TermFile {
    /// As the caller names it in output.
    pub path: String,
    pub file_name: String,
    /// The file name without extension: the term's slug.
    pub stem: String,
    pub text: String,
    pub line_index: LineIndex,
    pub parsed: ParsedTerm,
}

impl TermFile {
    /// Decode and parse. `path` is used for messages; its last component
    /// gives the file name and stem. Never fails: undecodable or oversized
    /// input becomes an `io-error` diagnostic on an empty term.
    pub fn from_bytes(path: &str, bytes: &[u8], config: &Config) -> Self {
        match decode(bytes, config.max_file_size) {
            Ok(text) => Self::from_text(path, text.into_owned()),
            Err((text, range, message)) => Self::failed(path, text, range, message),
        }
    }

    /// As [`Self::from_bytes`], keeping the buffer as the text when it is
    /// valid instead of copying it.
    pub fn from_vec(path: &str, bytes: Vec<u8>, config: &Config) -> Self {
        if bytes.len() > config.max_file_size {
            return Self::too_large(path, bytes.len() as u64, config.max_file_size);
        }
        // Valid UTF-8 is checked once; anything else (UTF-16 included) is
        // reported by `decode`.
        match String::from_utf8(bytes) {
            Ok(text) => match nul_error(&text) {
                Some((range, message)) => Self::failed(path, text, range, message),
                None => Self::from_text(path, text),
            },
            Err(err) => Self::from_bytes(path, err.as_bytes(), config),
        }
    }

    /// A file over the size limit, reported without reading it.
    pub fn too_large(path: &str, size: u64, limit: usize) -> Self {
        let message = too_large_message(size, limit);
        Self::failed(path, String::new(), TextRange::empty(0), message)
    }

    /// A file that could not be read at all (unreadable, not a regular
    /// file, a link out of the glossary root): an `io-error` on an empty
    /// term, so that it is reported like any finding, in every format.
    pub fn unreadable(path: &str, message: impl Into<String>) -> Self {
        Self::failed(path, String::new(), TextRange::empty(0), message.into())
    }

    fn failed(path: &str, text: String, range: TextRange, message: String) -> Self {
        let line_index = LineIndex::new(&text);
        let parsed = ParsedTerm {
            term: Term::default(),
            diagnostics: vec![Diagnostic::new(&IO_ERROR, range, message)],
            syntax_failed: true,
        };
        Self::assemble(path, text, line_index, parsed)
    }

    /// A Markdown doc's text, held like a term file so that front ends
    /// render and fix its findings the same way; its term is empty and it
    /// is never indexed.
    pub fn document(path: &str, text: String) -> Self {
        let line_index = LineIndex::new(&text);
        let parsed = ParsedTerm {
            term: Term::default(),
            diagnostics: Vec::new(),
            syntax_failed: false,
        };
        Self::assemble(path, text, line_index, parsed)
    }

    pub fn from_text(path: &str, text: String) -> Self {
        let line_index = LineIndex::new(&text);
        let parsed = parse_term(&text, &line_index, Limits::default());
        Self::assemble(path, text, line_index, parsed)
    }

    fn assemble(path: &str, text: String, line_index: LineIndex, parsed: ParsedTerm) -> Self {
        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned();
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name.as_str(), |(stem, _)| stem)
            .to_owned();
        Self {
            path: path.to_owned(),
            file_name,
            stem,
            text,
            line_index,
            parsed,
        }
    }

    pub fn term(&self) -> &Term {
        &self.parsed.term
    }

    /// Whether fixes may touch this file: its YAML was read without error.
    pub fn fixable(&self) -> bool {
        !self.parsed.syntax_failed
            && !self
                .parsed
                .diagnostics
                .iter()
                .any(|d| d.rule == YAML_SYNTAX.name)
    }

    /// Every diagnostic for this file against the glossary.
    pub fn check(&self, file: FileId, glossary: &GlossaryIndex, env: &Env) -> Vec<Diagnostic> {
        lint::check_file(&self.context(file, glossary, env))
    }

    /// Every diagnostic this file would have if its challenge word were
    /// `word`; the file is not changed (see [`suggest::check_with_word`]).
    pub fn check_with_word(
        &self,
        file: FileId,
        glossary: &GlossaryIndex,
        env: &Env,
        word: &str,
    ) -> Vec<Diagnostic> {
        suggest::check_with_word(&self.context(file, glossary, env), word)
    }

    /// Up to `limit` challenge words for this term that pass every challenge
    /// rule, best first (see [`suggest::suggest`]). `related` are the related
    /// terms' slugs and terms.
    pub fn suggest(
        &self,
        file: FileId,
        glossary: &GlossaryIndex,
        env: &Env,
        related: &[suggest::RelatedTerm<'_>],
        limit: usize,
    ) -> Vec<suggest::Suggestion> {
        suggest::suggest(&self.context(file, glossary, env), related, limit)
    }

    fn context<'a>(
        &'a self,
        file: FileId,
        glossary: &'a GlossaryIndex,
        env: &'a Env,
    ) -> Context<'a> {
        Context {
            file,
            path: &self.path,
            stem: &self.stem,
            file_name: &self.file_name,
            text: &self.text,
            line_index: &self.line_index,
            parsed: &self.parsed,
            config: &env.config,
            env,
            glossary,
        }
    }
}

/// An index of parsed files, ids in slice order.
pub fn index_files(files: &[TermFile]) -> GlossaryIndex {
    GlossaryIndex::build(
        files
            .iter()
            .map(|f| (f.path.as_str(), f.stem.as_str(), f.term())),
    )
}

fn too_large_message(size: u64, limit: usize) -> String {
    format!(
        "the file is {size} bytes, over the {limit}-byte limit (`glossary.max-file-size`); it was not parsed"
    )
}

type DecodeError<'a> = (String, TextRange, String);

/// Text with a NUL byte is a binary file: where, and the message.
fn nul_error(text: &str) -> Option<(TextRange, String)> {
    let at = text.find('\0')?;
    Some((
        TextRange::new(at, at + 1),
        "the file contains a NUL byte: it is binary, not a YAML text file".to_owned(),
    ))
}

/// UTF-8 text (a BOM is kept; the parser and line index skip it), or the
/// lossy text with the range and message of the problem.
fn decode(bytes: &[u8], max_size: usize) -> Result<std::borrow::Cow<'_, str>, DecodeError<'_>> {
    if bytes.len() > max_size {
        return Err((
            String::new(),
            TextRange::empty(0),
            too_large_message(bytes.len() as u64, max_size),
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            String::new(),
            TextRange::empty(0),
            "the file is UTF-16 encoded: save it as UTF-8".to_owned(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => match nul_error(text) {
            Some((range, message)) => Err((text.to_owned(), range, message)),
            None => Ok(std::borrow::Cow::Borrowed(text)),
        },
        Err(err) => {
            let at = err.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let byte = bytes.get(at).copied().unwrap_or_default();
            Err((
                text,
                // The lossy text keeps the valid prefix byte for byte, so the
                // first replacement character sits at the same offset.
                TextRange::new(at, at + '\u{FFFD}'.len_utf8()),
                format!(
                    "the file is not valid UTF-8 (byte 0x{byte:02X} at offset {at}): save it as UTF-8"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_cannot_be_read_are_io_errors_and_never_fixed() {
        let config = Config::default();
        let valid = TermFile::from_bytes("glossary/a.yaml", b"term: A\n", &config);
        assert!(valid.fixable());
        for file in [
            TermFile::unreadable("glossary/a.yaml", "cannot read the file: Permission denied"),
            TermFile::from_bytes("glossary/a.yaml", b"term: Caf\xe9\n", &config),
            TermFile::from_bytes("glossary/a.yaml", b"\xff\xfet\0", &config),
            TermFile::from_vec("glossary/a.yaml", b"term: A\0\n".to_vec(), &config),
            TermFile::too_large("glossary/a.yaml", 2_000_000, 1_000_000),
        ] {
            let rules: Vec<&str> = file.parsed.diagnostics.iter().map(|d| d.rule).collect();
            assert_eq!(rules, ["io-error"], "{:?}", file.parsed.diagnostics);
            assert!(!file.fixable());
        }
        // A duplicated key is a YAML error the parser reads past: the term
        // is there, but the file is still not touched by fixes.
        let duplicated = TermFile::from_bytes("glossary/a.yaml", b"term: A\nterm: B\n", &config);
        assert!(!duplicated.parsed.syntax_failed);
        assert_eq!(duplicated.parsed.diagnostics[0].rule, "yaml-syntax");
        assert!(!duplicated.fixable());
        // A YAML error is not an io-error, and is not fixed either.
        let broken = TermFile::from_bytes("glossary/a.yaml", b"term: [A\n", &config);
        assert_eq!(broken.parsed.diagnostics[0].rule, "yaml-syntax");
        assert!(!broken.fixable());
    }

    fn findings(diagnostics: &[Diagnostic]) -> Vec<(&str, TextRange, &str)> {
        diagnostics
            .iter()
            .map(|d| (d.rule, d.range, d.message.as_str()))
            .collect()
    }

    #[test]
    fn a_file_of_exactly_the_size_limit_is_parsed_and_one_byte_more_is_not() {
        let bytes = b"term: Sprint\n";
        let mut config = Config {
            max_file_size: bytes.len(),
            ..Config::default()
        };
        for file in [
            TermFile::from_vec("glossary/sprint.yaml", bytes.to_vec(), &config),
            TermFile::from_bytes("glossary/sprint.yaml", bytes, &config),
        ] {
            let io_errors = file
                .parsed
                .diagnostics
                .iter()
                .filter(|d| d.rule == "io-error");
            assert_eq!(io_errors.count(), 0, "{:?}", file.parsed.diagnostics);
            assert_eq!(file.text, "term: Sprint\n");
            let term = file.term().term.as_ref().map(|t| t.value.as_str());
            assert_eq!(term, Some("Sprint"));
        }
        config.max_file_size = bytes.len() - 1;
        for file in [
            TermFile::from_vec("glossary/sprint.yaml", bytes.to_vec(), &config),
            TermFile::from_bytes("glossary/sprint.yaml", bytes, &config),
        ] {
            assert_eq!(
                findings(&file.parsed.diagnostics),
                [(
                    "io-error",
                    TextRange::empty(0),
                    "the file is 13 bytes, over the 12-byte limit (`glossary.max-file-size`); it was not parsed"
                )]
            );
            assert_eq!(file.text, "");
            assert!(file.term().term.is_none());
        }
    }

    #[test]
    fn check_with_word_finds_what_that_word_would_and_leaves_the_file_alone() {
        let env = Env::new(Config::default(), &[]);
        let text = "term: Sprint\ndefinition: A fixed period in which a team ships planned work.\nchallenge:\n  word: SHIPS\n";
        let file = TermFile::from_text("glossary/sprint.yaml", text.to_owned());
        let index = index_files(std::slice::from_ref(&file));
        let lengths = |diagnostics: Vec<Diagnostic>| -> Vec<(TextRange, String)> {
            diagnostics
                .into_iter()
                .filter(|d| d.rule == "challenge-word-length")
                .map(|d| (d.range, d.message))
                .collect()
        };
        assert_eq!(lengths(file.check(0, &index, &env)), []);
        let at = text.find("SHIPS").unwrap_or_default();
        assert_eq!(
            lengths(file.check_with_word(0, &index, &env, "TEAM")),
            [(
                TextRange::new(at, at + 5),
                "the challenge word has 4 letters; allowed lengths are 5, 6, 7 (`challenge.lengths`)"
                    .to_owned()
            )]
        );
        let word = file.term().challenge.as_ref().and_then(|c| c.word.as_ref());
        assert_eq!(word.map(|w| w.value.as_str()), Some("SHIPS"));
    }
}
