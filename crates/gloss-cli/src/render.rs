//! Output formats: human code frames, JSON, GitHub workflow commands, SARIF.

use crate::lint::{Checked, Counts, Report};
use crate::{EXIT_FAILURE, EXIT_OK};
use annotate_snippets::{Annotation, AnnotationKind, Level, Renderer, Snippet};
use clap::ValueEnum;
use gloss_core::index::GlossaryIndex;
use gloss_core::lint::{RULES, rule_by_name};
use gloss_core::{Applicability, Diagnostic, LineCol, Related, Severity, TermFile, TextRange};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// The report in `format`, as pieces to write one after the other (see
/// [`crate::out::print_pieces`]): the JSON of a large glossary is tens of
/// megabytes, rendered a batch of files at a time as it is written, never
/// held whole.
pub fn report<'a>(
    report: &'a Report,
    format: Format,
    elapsed: Duration,
    n_fixed: usize,
) -> Box<dyn Iterator<Item = Vec<u8>> + 'a> {
    let whole = |text: String| Box::new(std::iter::once(text.into_bytes()));
    match format {
        Format::Human => whole(human(report, elapsed, n_fixed, Style::detect())),
        Format::Json => Box::new(json_report(report, JSON_BATCH)),
        Format::Github => whole(github(report)),
        Format::Sarif => whole(sarif(report)),
    }
}

/// Terminal colours: only on a terminal, never with `NO_COLOR` set.
#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }
}

/// Text from a user's file, made safe for a terminal: control characters
/// (ANSI escapes among them) and the bidirectional controls that can make
/// a line read differently from what it holds are shown escaped, never
/// interpreted.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        push_safe(&mut out, ch);
    }
    out
}

fn push_safe(out: &mut String, ch: char) {
    if ch == '\t' {
        out.push_str("    ");
    } else if is_unsafe(ch) {
        let _ = write!(out, "\\u{{{:x}}}", ch as u32);
    } else {
        out.push(ch);
    }
}

/// Control characters, and the bidirectional embedding, override and
/// isolate controls (the "Trojan Source" characters).
fn is_unsafe(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn line_col(checked: &Checked, offset: usize) -> LineCol {
    checked.file.line_index.line_col(&checked.file.text, offset)
}

fn human(report: &Report, elapsed: Duration, n_fixed: usize, style: Style) -> String {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let files = Files::of(report);
    let mut out = String::new();
    for checked in &report.files {
        for d in &checked.diagnostics {
            out.push_str(&frame(&renderer, style.color, &files, &checked.file, d));
            out.push_str("\n\n");
        }
    }
    let counts = Counts::of(report);
    if n_fixed > 0 {
        let _ = writeln!(out, "Fixed {n_fixed} issue{}.", plural(n_fixed));
    }
    let _ = writeln!(
        out,
        "Checked {} file{} in {}: {} error{}, {} warning{}, {} info{}",
        counts.files,
        plural(counts.files),
        format_elapsed(elapsed),
        counts.errors,
        plural(counts.errors),
        counts.warnings,
        plural(counts.warnings),
        counts.infos,
        plural(counts.infos),
    );
    let fixable = |wanted: Applicability| {
        report
            .files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == wanted)
            })
            .count()
    };
    let (n_safe, n_unsafe) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    match (n_safe, n_unsafe) {
        (0, 0) => {}
        (0, n_unsafe) => {
            let _ = writeln!(out, "{n_unsafe} fixable with `--fix --unsafe-fixes`");
        }
        (n_safe, 0) => {
            let _ = writeln!(out, "{n_safe} fixable with `--fix`");
        }
        (n_safe, n_unsafe) => {
            let _ = writeln!(
                out,
                "{n_safe} fixable with `--fix` ({n_unsafe} more with `--fix --unsafe-fixes`)"
            );
        }
    }
    if let Some(first) = report.files.iter().flat_map(|f| &f.diagnostics).next() {
        let _ = writeln!(
            out,
            "run `gloss explain RULE` for details (e.g. `gloss explain {}`)",
            first.rule
        );
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn format_elapsed(elapsed: Duration) -> String {
    if elapsed.as_secs() >= 1 {
        format!("{:.2}s", elapsed.as_secs_f64())
    } else {
        format!("{}ms", elapsed.as_millis())
    }
}

/// Every file of the glossary by the path findings name it by, so that a
/// related location in another file can be quoted.
struct Files<'a> {
    by_path: HashMap<&'a str, &'a TermFile>,
    /// Related locations name files by their id in it.
    glossary: &'a GlossaryIndex,
}

impl<'a> Files<'a> {
    fn of(report: &'a Report) -> Self {
        let checked = report.files.iter().map(|c| &c.file);
        Self {
            by_path: checked
                .chain(&report.unchecked)
                .map(|f| (f.path.as_str(), f))
                .collect(),
            glossary: &report.glossary,
        }
    }

    /// The file a related location is in: the finding's own file, or the
    /// glossary file it names; `None` when that file is not at hand.
    fn of_related(&self, own: &'a TermFile, related: &Related) -> Option<&'a TermFile> {
        match self.related_path(related) {
            None => Some(own),
            Some(path) => self.by_path.get(path).copied(),
        }
    }

    /// The path of a related location's file; `None` for the finding's own.
    fn related_path(&self, related: &Related) -> Option<&'a str> {
        related
            .file
            .map(|id| self.glossary.path(id).unwrap_or("another file"))
    }
}

/// A rustc-style code frame: the header, the span with every line it
/// covers, the related locations (in this file or another, each with its
/// label) and the fix.
fn frame(
    renderer: &Renderer,
    color: bool,
    files: &Files<'_>,
    file: &TermFile,
    d: &Diagnostic,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Related locations in the same file share the finding's snippet; each
    // other file gets a snippet of its own, in the order they are listed.
    let mut own = vec![(d.range, AnnotationKind::Primary, None)];
    let mut others: Vec<(&TermFile, Vec<Span<'_>>)> = Vec::new();
    let mut notes = Vec::new();
    for related in &d.related {
        let span = (
            related.range,
            AnnotationKind::Context,
            Some(related.message.as_str()),
        );
        match files.of_related(file, related) {
            Some(other) if std::ptr::eq(other, file) => own.push(span),
            Some(other) => match others.iter_mut().find(|(f, _)| std::ptr::eq(*f, other)) {
                Some((_, spans)) => spans.push(span),
                None => others.push((other, vec![span])),
            },
            // Its path and message say where to look.
            None => notes.push(format!(
                "{}: {}",
                sanitize(files.related_path(related).unwrap_or_default()),
                sanitize(&related.message)
            )),
        }
    }
    let own_snippet = Window::new(file, &own, true);
    let other_snippets: Vec<Window> = others
        .iter()
        .map(|(other, spans)| Window::new(other, spans, false))
        .collect();
    let mut group = level
        .primary_title(sanitize(&d.message))
        .id(d.rule)
        // The location line is gloss's own (below): the snippet has no path.
        .element(own_snippet.snippet(file, &own).path(None::<&str>));
    for ((other, spans), window) in others.iter().zip(&other_snippets) {
        group = group.element(window.snippet(other, spans).path(sanitize(&other.path)));
    }
    for note in notes {
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(fix) = &d.fix {
        group = group.element(Level::HELP.with_name("fix").message(format!(
            "{} (run with {})",
            sanitize(&fix.description),
            match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--fix --unsafe-fixes",
            }
        )));
    }
    let rendered = renderer.render(&[group]);
    // annotate-snippets would count the columns of the window it was given
    // (cut, with control characters replaced); the location says what JSON
    // and SARIF say.
    let width = std::iter::once(&own_snippet)
        .chain(&other_snippets)
        .map(Window::last_line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let at = file.line_index.line_col(&file.text, d.range.start);
    let arrow = if color { "\x1b[1;94m-->\x1b[0m" } else { "-->" };
    let location = format!(
        "{:width$}{arrow} {}:{}:{}\n",
        "",
        sanitize(&file.path),
        at.line,
        at.column
    );
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{location}{rest}"),
        None => format!("{rendered}\n{location}"),
    }
}

/// A range to draw, how, and its label.
type Span<'a> = (TextRange, AnnotationKind, Option<&'a str>);

/// Where a span is drawn to: a span that ends with its line break is drawn
/// to the end of its last line, not onto the next line.
fn shown_end(file: &TermFile, range: TextRange) -> usize {
    let text = file.text.as_bytes();
    let mut end = range.end.min(text.len());
    if end > range.start && text.get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > range.start && text.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    } else if end > range.start && text.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

/// The whole lines of a file that some spans touch, made safe for a
/// terminal (each control character shown as one visible character, line
/// breaks normalised to `\n`, a BOM dropped), with the map from the file's
/// byte offsets into it.
struct Window {
    text: String,
    /// 1-based number of the window's first line.
    first_line: usize,
    /// Byte offset in the file where the window starts.
    origin: usize,
    /// Every replaced character, in order: its start and end in the file and
    /// the end of its replacement in `text`.
    replaced: Vec<(usize, usize, usize)>,
}

/// How much of a long line a window keeps either side of its spans, in
/// bytes: more than annotate-snippets shows, so that it trims the line (and
/// says so with `...`), while a finding deep in a 1 MB line costs no more
/// than one near its start.
const LONG_LINE_CONTEXT: usize = 1024;

impl Window {
    /// `cut_left`: whether a long line may be cut before the spans too;
    /// annotate-snippets would then count columns from the cut, so only a
    /// window whose location gloss prints itself is cut there.
    fn new(file: &TermFile, spans: &[Span<'_>], cut_left: bool) -> Self {
        let (text, index) = (&file.text, &file.line_index);
        let ranges = spans.iter().map(|(range, ..)| *range);
        let start = ranges.clone().map(|r| r.start).min().unwrap_or(0);
        let span_end = ranges
            .map(|r| shown_end(file, r))
            .max()
            .unwrap_or(0)
            .max(start);
        let first = index.line_range_at(text, start);
        let last = index.line_range_at(text, span_end);
        let mut origin = first.start;
        if cut_left && start.saturating_sub(origin) > LONG_LINE_CONTEXT {
            origin = floor_char_boundary(text, start - LONG_LINE_CONTEXT);
        }
        let mut end = last.end.max(origin);
        if end.saturating_sub(span_end) > LONG_LINE_CONTEXT {
            end = floor_char_boundary(text, span_end + LONG_LINE_CONTEXT).max(origin);
        }
        let first_line = index.line_col(text, origin).line;
        let source = text.get(origin..end).unwrap_or_default();
        let mut window = Self {
            text: String::with_capacity(source.len()),
            first_line,
            origin,
            replaced: Vec::new(),
        };
        let mut chars = source.char_indices().peekable();
        while let Some((i, ch)) = chars.next() {
            let at = origin + i;
            let replacement_start = window.text.len();
            match ch {
                '\n' => window.text.push('\n'),
                // The `\r` of a CRLF goes; a lone `\r` ends a line as `\n` does.
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
                '\r' => window.text.push('\n'),
                '\u{feff}' if at == 0 => {}
                // annotate-snippets shows a tab as four spaces.
                ch if is_unsafe(ch) && ch != '\t' => window.text.push(picture(ch)),
                ch => {
                    window.text.push(ch);
                    continue;
                }
            }
            if window.text.len() - replacement_start != ch.len_utf8() {
                window
                    .replaced
                    .push((at, at + ch.len_utf8(), window.text.len()));
            }
        }
        window
    }

    /// The spans drawn on the window; the first is the finding's own.
    fn snippet<'a>(&'a self, file: &TermFile, spans: &[Span<'_>]) -> Snippet<'a, Annotation<'a>> {
        let annotations: Vec<Annotation<'a>> = spans
            .iter()
            .map(|(range, kind, label)| {
                let start = self.map(range.start);
                let end = self.map(shown_end(file, *range)).max(start);
                kind.span(start..end).label(label.map(sanitize))
            })
            .collect();
        Snippet::source(self.text.as_str())
            .line_start(self.first_line)
            .annotations(annotations)
    }

    /// The number of the window's last line.
    fn last_line(&self) -> usize {
        self.first_line + self.text.matches('\n').count()
    }

    /// A byte offset of the file as an offset into the window, on a
    /// character boundary of both.
    fn map(&self, offset: usize) -> usize {
        let offset = offset.max(self.origin);
        let before = self
            .replaced
            .partition_point(|&(start, _, _)| start < offset);
        let mapped = match before.checked_sub(1).map(|i| self.replaced[i]) {
            None => offset - self.origin,
            Some((_, end, new_end)) => new_end + offset.saturating_sub(end),
        };
        let mut mapped = mapped.min(self.text.len());
        while !self.text.is_char_boundary(mapped) {
            mapped -= 1;
        }
        mapped
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One visible character for a control character of a source line, as
/// rustc shows them: one character for one, so that columns stay right.
fn picture(ch: char) -> char {
    match ch {
        // The Unicode control pictures, `␀` to `␟`.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + ch as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// The JSON shapes of `--format json`, serialized straight from the report:
/// a large report (tens of thousands of findings) is written without a
/// `serde_json::Value` tree of maps in between. Field order is the output's.
#[derive(serde::Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    range: JsonRange,
    fix: Option<JsonFix<'a>>,
}

#[derive(serde::Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(serde::Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

#[derive(serde::Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rename_to: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    new_text: &'a str,
}

fn range_json(position: &mut impl FnMut(usize) -> JsonPosition, range: TextRange) -> JsonRange {
    JsonRange {
        start: position(range.start),
        end: position(range.end),
    }
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(checked: &'a Checked, d: &'a Diagnostic) -> Self {
        // A fix's edits mostly sit at the finding's own ends (a link
        // wrapped around a mention): each offset's line and column, counted
        // in characters, is worked out once.
        let mut known: [Option<(usize, LineCol)>; 2] = [None, None];
        let mut position = |offset: usize| {
            let at = match known.iter().flatten().find(|(o, _)| *o == offset) {
                Some(&(_, at)) => at,
                None => {
                    let at = line_col(checked, offset);
                    known = [Some((offset, at)), known[0]];
                    at
                }
            };
            JsonPosition {
                line: at.line,
                column: at.column,
            }
        };
        Self {
            path: &checked.file.path,
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            range: range_json(&mut position, d.range),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                description: &fix.description,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        range: range_json(&mut position, e.range),
                        new_text: &e.new_text,
                    })
                    .collect(),
                rename_to: fix.rename_to.as_deref(),
            }),
        }
    }
}

/// The byte layout `serde_json`'s pretty formatter gives a
/// [`JsonDiagnostic`] two levels deep (an element of the report's
/// `diagnostics` array), written by hand: a report of tens of thousands of
/// findings spent most of its rendering in the formatter's indentation and
/// field calls. A test holds the two equal byte for byte.
impl JsonDiagnostic<'_> {
    fn write_pretty(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"    {\n      \"path\": ");
        json_str(out, self.path);
        out.extend_from_slice(b",\n      \"rule\": ");
        json_str(out, self.rule);
        out.extend_from_slice(b",\n      \"severity\": ");
        json_str(out, self.severity);
        out.extend_from_slice(b",\n      \"message\": ");
        json_str(out, self.message);
        out.extend_from_slice(b",\n      \"range\": ");
        self.range.write_pretty(out, b"      ");
        out.extend_from_slice(b",\n      \"fix\": ");
        match &self.fix {
            None => out.extend_from_slice(b"null"),
            Some(fix) => {
                out.extend_from_slice(b"{\n        \"description\": ");
                json_str(out, fix.description);
                out.extend_from_slice(b",\n        \"applicability\": ");
                json_str(out, fix.applicability);
                out.extend_from_slice(b",\n        \"edits\": [");
                for (k, edit) in fix.edits.iter().enumerate() {
                    out.extend_from_slice(if k == 0 { b"\n" } else { b",\n" });
                    out.extend_from_slice(b"          {\n            \"range\": ");
                    edit.range.write_pretty(out, b"            ");
                    out.extend_from_slice(b",\n            \"new_text\": ");
                    json_str(out, edit.new_text);
                    out.extend_from_slice(b"\n          }");
                }
                if !fix.edits.is_empty() {
                    out.extend_from_slice(b"\n        ");
                }
                out.push(b']');
                if let Some(rename_to) = fix.rename_to {
                    out.extend_from_slice(b",\n        \"rename_to\": ");
                    json_str(out, rename_to);
                }
                out.extend_from_slice(b"\n      }");
            }
        }
        out.extend_from_slice(b"\n    }");
    }
}

impl JsonRange {
    /// The range as an object whose closing brace is indented by `indent`.
    fn write_pretty(&self, out: &mut Vec<u8>, indent: &[u8]) {
        out.extend_from_slice(b"{\n");
        for (k, (name, at)) in [(&b"start"[..], &self.start), (b"end", &self.end)]
            .into_iter()
            .enumerate()
        {
            if k > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(indent);
            out.extend_from_slice(b"  \"");
            out.extend_from_slice(name);
            out.extend_from_slice(b"\": {\n");
            out.extend_from_slice(indent);
            out.extend_from_slice(b"    \"line\": ");
            json_number(out, at.line);
            out.extend_from_slice(b",\n");
            out.extend_from_slice(indent);
            out.extend_from_slice(b"    \"column\": ");
            json_number(out, at.column);
            out.push(b'\n');
            out.extend_from_slice(indent);
            out.extend_from_slice(b"  }");
        }
        out.push(b'\n');
        out.extend_from_slice(indent);
        out.push(b'}');
    }
}

/// A number as JSON writes it.
fn json_number(out: &mut Vec<u8>, n: usize) {
    // Writing into a `Vec` cannot fail.
    let _ = serde_json::to_writer(out, &n);
}

/// A string as JSON writes it: serde_json's own escaping.
fn json_str(out: &mut Vec<u8>, s: &str) {
    let _ = serde_json::to_writer(out, s);
}

pub fn diagnostic_json(checked: &Checked, d: &Diagnostic) -> Value {
    serde_json::to_value(JsonDiagnostic::new(checked, d)).unwrap_or(Value::Null)
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(serde::Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// How many files' findings [`json_report`] renders at once (on every
/// core) before they are written: enough to keep the cores busy, few
/// enough that the buffers are reused rather than the whole report held.
const JSON_BATCH: usize = 128;

/// The JSON report in pieces that, written one after the other, are what
/// `to_string_pretty` of the whole report writes (a test holds them
/// equal): the head, then each file's findings, then the closing brackets.
/// The files' findings are rendered `batch` files at a time, on every
/// core, each straight into its own buffer, as the pieces are taken:
/// nothing is copied into one string of tens of megabytes, and no more
/// than a batch is held.
fn json_report(report: &Report, batch: usize) -> impl Iterator<Item = Vec<u8>> + '_ {
    use rayon::prelude::*;
    let counts = Counts::of(report);
    let head = JsonReport {
        version: 1,
        summary: JsonSummary {
            files: counts.files,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
        diagnostics: Vec::new(),
    };
    let mut head = serde_json::to_vec_pretty(&head).unwrap_or_default();
    let with_findings: Vec<&Checked> = report
        .files
        .iter()
        .filter(|c| !c.diagnostics.is_empty())
        .collect();
    let open = !with_findings.is_empty() && head.ends_with(b"[]\n}");
    if open {
        head.truncate(head.len() - b"]\n}".len());
    }
    head.push(b'\n');
    let batch = batch.max(1);
    let n_batches = if open {
        with_findings.len().div_ceil(batch)
    } else {
        0
    };
    let files = (0..n_batches).flat_map(move |b| {
        let first = b * batch;
        let end = (first + batch).min(with_findings.len());
        with_findings[first..end]
            .par_iter()
            .enumerate()
            .map(|(k, c)| {
                let mut out = Vec::with_capacity(1024 * c.diagnostics.len());
                // Files after the first are elements after a comma.
                if first + k > 0 {
                    out.extend_from_slice(b",\n");
                }
                for (k, d) in c.diagnostics.iter().enumerate() {
                    if k > 0 {
                        out.extend_from_slice(b",\n");
                    }
                    // Each element sits two levels deep: in the report's
                    // object, in its `diagnostics` array.
                    JsonDiagnostic::new(c, d).write_pretty(&mut out);
                }
                out
            })
            .collect::<Vec<Vec<u8>>>()
    });
    let tail = open.then(|| b"\n  ]\n}\n".to_vec());
    std::iter::once(head).chain(files).chain(tail)
}

/// The report as one `to_string_pretty` of the whole value writes it: what
/// [`json_report`] must equal.
#[cfg(test)]
fn json_report_serial(report: &Report) -> String {
    let counts = Counts::of(report);
    let value = JsonReport {
        version: 1,
        summary: JsonSummary {
            files: counts.files,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
        diagnostics: report
            .files
            .iter()
            .flat_map(|c| c.diagnostics.iter().map(move |d| JsonDiagnostic::new(c, d)))
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// Escape a workflow command's message. Other control characters (ANSI
/// escapes among them) are shown escaped, as in human output: the Actions
/// log would interpret them.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ch if ch.is_control() => out.push_str(&sanitize(ch.encode_utf8(&mut [0; 4]))),
            ch => out.push(ch),
        }
    }
    out
}

/// Escape a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(report: &Report) -> String {
    let mut out = String::new();
    for checked in &report.files {
        for d in &checked.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = line_col(checked, d.range.start);
            let end = line_col(checked, d.range.end);
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&checked.file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(d.rule),
                escape_data(&d.message),
            );
        }
    }
    out
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn sarif_region(checked: &Checked, range: TextRange) -> Value {
    let start = line_col(checked, range.start);
    let end = line_col(checked, range.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn sarif(report: &Report) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.name,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.summary},
                "help": {"text": rule.doc, "markdown": rule.doc},
                "defaultConfiguration": {"level": sarif_level(rule.default_severity), "enabled": rule.on_by_default()},
                "properties": {"fixable": rule.fixable()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for checked in &report.files {
        let artifact = json!({"uri": uri(&checked.file.path)});
        for d in &checked.diagnostics {
            let rule_index = RULES.iter().position(|r| r.name == d.rule);
            let mut result = json!({
                "ruleId": d.rule,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": sarif_region(checked, d.range),
                    }
                }],
            });
            if let Some(index) = rule_index {
                result["ruleIndex"] = json!(index);
            }
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut location = json!({"id": i, "message": {"text": r.message}});
                    match report.related_path(r) {
                        None => {
                            location["physicalLocation"] = json!({
                                "artifactLocation": artifact,
                                "region": sarif_region(checked, r.range),
                            });
                        }
                        Some(path) => {
                            location["physicalLocation"] =
                                json!({"artifactLocation": {"uri": uri(path)}});
                        }
                    }
                    location
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = d.fix.as_ref().filter(|f| !f.edits.is_empty()) {
                result["fixes"] = json!([{
                    "description": {"text": fix.description},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": sarif_region(checked, e.range),
                            "insertedContent": {"text": e.new_text},
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gloss",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    )
}

pub fn print_rules(as_json: bool) -> anyhow::Result<u8> {
    if as_json {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "name": r.name,
                    "severity": r.default_severity.as_str(),
                    "enabled": r.on_by_default(),
                    "fixable": r.fixable(),
                    "fix": r.fix.map(Applicability::as_str),
                    "summary": r.summary,
                })
            })
            .collect();
        crate::out::print(&format!("{}\n", serde_json::to_string_pretty(&rules)?))?;
    } else {
        let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for r in RULES {
            let fix = match r.fix {
                None => "",
                Some(Applicability::Safe) => " (fix)",
                Some(Applicability::Unsafe) => " (unsafe fix)",
            };
            let _ = writeln!(
                out,
                "{:width$}  {:7}  {}{fix}",
                r.name,
                if r.on_by_default() {
                    r.default_severity.as_str()
                } else {
                    "off"
                },
                r.summary
            );
        }
        crate::out::print(&out)?;
    }
    Ok(EXIT_OK)
}

pub fn explain(name: &str) -> anyhow::Result<u8> {
    let Some(rule) = rule_by_name(name) else {
        let mut message = format!("unknown rule `{name}`");
        if let Some(s) = gloss_core::diagnostic::did_you_mean(name, RULES.iter().map(|r| r.name)) {
            let _ = write!(message, ": did you mean `{s}`?");
        } else {
            message.push_str(" (`gloss rules` lists them)");
        }
        crate::out::note!("error: {message}");
        return Ok(EXIT_FAILURE);
    };
    crate::out::print(&format!(
        "# {}\n\nDefault severity: {}. Automatic fix: {}.\n\n{}\n",
        rule.name,
        rule.default_text(),
        rule.fix_text(),
        rule.doc.trim_end()
    ))?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_written_per_file_equals_the_whole_value_pretty() {
        use gloss_core::diagnostic::Fix;
        use gloss_core::rule::{FAQ_NOT_A_QUESTION, UNKNOWN_FIELD};
        use std::path::PathBuf;
        let checked = |path: &str, text: &str, diagnostics: Vec<Diagnostic>| Checked {
            file: TermFile::from_text(path, text.to_owned()),
            path: PathBuf::from(path),
            diagnostics,
        };
        let report = |files: Vec<Checked>| Report {
            files,
            glossary: GlossaryIndex::default(),
            unchecked: Vec::new(),
            failures: Vec::new(),
        };
        let text = "term: \"Q\\\"uote\"\nfaqs:\n  - question: Why.\n";
        let one = Diagnostic::new(
            &UNKNOWN_FIELD,
            TextRange::new(0, 4),
            "a \"quoted\"\nmessage é",
        );
        let two =
            Diagnostic::new(&FAQ_NOT_A_QUESTION, TextRange::new(30, 34), "ends in `.`").with_fix(
                Fix::edit("end it with `?`", TextRange::new(33, 34), "?\n\t"),
            );
        // Every escape JSON has, a control character without a short one,
        // DEL and text beyond ASCII (written as they are), no edits and a
        // rename.
        let three = Diagnostic::new(
            &UNKNOWN_FIELD,
            TextRange::new(5, 9),
            "\\ \u{8}\u{c}\r\t\u{1}\u{1f}\u{7f} \u{202e}\u{1f600}",
        )
        .with_fix(Fix {
            description: "rename \"x\"".to_owned(),
            edits: Vec::new(),
            rename_to: Some("new\\name\u{0}".to_owned()),
            applicability: gloss_core::Applicability::Unsafe,
        });
        let cases = [
            report(Vec::new()),
            report(vec![checked("glossary/e.yaml", text, vec![three.clone()])]),
            report(vec![checked(
                "glossary/\u{7}f.yaml",
                "a\r\nb\u{feff}\n",
                vec![two.clone(), three, one.clone()],
            )]),
            report(vec![checked("glossary/a.yaml", text, Vec::new())]),
            report(vec![checked("glossary/a.yaml", text, vec![one.clone()])]),
            report(vec![
                checked("glossary/a.yaml", text, vec![one.clone(), two.clone()]),
                checked("glossary/b.yaml", text, Vec::new()),
                checked("glossary/c \"d\".yaml", text, vec![two, one]),
            ]),
        ];
        for (k, report) in cases.iter().enumerate() {
            // Batches of one file, of two (the last one short) and of all.
            for batch in [1, 2, JSON_BATCH] {
                let pieces: Vec<Vec<u8>> = json_report(report, batch).collect();
                assert_eq!(
                    String::from_utf8(pieces.concat()).expect("the JSON is UTF-8"),
                    json_report_serial(report),
                    "case {k}, batches of {batch}"
                );
            }
        }
    }

    fn file(text: &str) -> TermFile {
        TermFile::from_text("glossary/t.yaml", text.to_owned())
    }

    fn primary(range: std::ops::Range<usize>) -> Span<'static> {
        (
            TextRange::new(range.start, range.end),
            AnnotationKind::Primary,
            None,
        )
    }

    /// The window's text where the file's `range` lands.
    fn shown(window: &Window, range: std::ops::Range<usize>) -> &str {
        &window.text[window.map(range.start)..window.map(range.end)]
    }

    #[test]
    fn sanitize_escapes_controls_and_bidi_overrides() {
        assert_eq!(
            sanitize("a\tb\u{1b}[31mc\u{202e}d\u{9b}e\u{2066}"),
            "a    b\\u{1b}[31mc\\u{202e}d\\u{9b}e\\u{2066}"
        );
        assert_eq!(sanitize("café – ok"), "café – ok");
    }

    #[test]
    fn a_window_shows_control_characters_one_for_one() {
        let text = "term: X\ndefinition: \"a\u{1b}[2Jb\tc\u{202e}d\u{9b}\u{7f} TODO\"\nfaqs: []\n";
        let f = file(text);
        let todo = text.find("TODO").unwrap_or_default();
        let window = Window::new(&f, &[primary(todo..todo + 4)], true);
        assert_eq!(window.first_line, 2);
        assert_eq!(
            window.text,
            "definition: \"a\u{241b}[2Jb\tc\u{fffd}d\u{fffd}\u{2421} TODO\""
        );
        assert_eq!(shown(&window, todo..todo + 4), "TODO");
        let esc = text.find('\u{1b}').unwrap_or_default();
        assert_eq!(shown(&window, esc..esc + 1), "\u{241b}");
    }

    /// The frame of one finding on `text`, without colours.
    fn frame_of(text: &str, rule: &str, range: std::ops::Range<usize>, message: &str) -> String {
        let f = file(text);
        let rule = rule_by_name(rule).unwrap_or_else(|| panic!("no rule {rule}"));
        let d = Diagnostic::new(rule, TextRange::new(range.start, range.end), message);
        let glossary = GlossaryIndex::default();
        let files = Files {
            by_path: HashMap::new(),
            glossary: &glossary,
        };
        frame(&Renderer::plain(), false, &files, &f, &d)
    }

    #[test]
    fn a_frame_names_the_column_json_names_whatever_the_line_holds() {
        // The tab is 4 columns wide on screen, the override 1, but each is
        // one column in `path:line:col`, as in JSON and SARIF.
        let text = "term: X\ndefinition: \"a\tb\u{202e} TODO\"\n";
        let f = file(text);
        let todo = text.find("TODO").unwrap_or_default();
        assert_eq!(f.line_index.line_col(text, todo).column, 19);
        let out = frame_of(
            text,
            "placeholder-text",
            todo..todo + 4,
            "`TODO` placeholder",
        );
        assert_eq!(
            out,
            "error[placeholder-text]: `TODO` placeholder\n \
             --> glossary/t.yaml:2:19\n  \
             |\n\
             2 | definition: \"a    b\u{fffd} TODO\"\n  \
             |                      ^^^^"
        );
    }

    #[test]
    fn a_window_normalises_line_breaks_and_drops_the_bom() {
        let text = "\u{feff}term: X\r\nold: mac\rdefinition: TODO\r\n";
        let f = file(text);
        let todo = text.find("TODO").unwrap_or_default();
        let window = Window::new(&f, &[primary(0..todo + 4)], true);
        assert_eq!(window.first_line, 1);
        assert_eq!(window.text, "term: X\nold: mac\ndefinition: TODO");
        assert_eq!(shown(&window, todo..todo + 4), "TODO");
        assert_eq!(shown(&window, 3..7), "term");
    }

    #[test]
    fn a_span_ending_with_its_line_break_is_drawn_on_its_own_lines() {
        let text = "term: X\ndefinition: >-\n  one\n  two\nfaqs: []\n";
        let f = file(text);
        let start = text.find("  one").unwrap_or_default();
        let end = text.find("faqs").unwrap_or_default();
        let window = Window::new(&f, &[primary(start..end)], true);
        assert_eq!(window.first_line, 3);
        assert_eq!(window.text, "  one\n  two");
    }
}
