//! Output formats: human code frames, JSON, GitHub workflow commands, SARIF.

use crate::lint::{Checked, Counts, Report};
use crate::{EXIT_FAILURE, EXIT_OK};
use clap::ValueEnum;
use gloss_core::lint::{RULES, rule_by_name};
use gloss_core::{Applicability, Diagnostic, LineCol, Severity, TextRange};
use serde_json::{Value, json};
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

pub fn report(report: &Report, format: Format, elapsed: Duration, n_fixed: usize) -> String {
    match format {
        Format::Human => human(report, elapsed, n_fixed, Style::detect()),
        Format::Json => json_report(report),
        Format::Github => github(report),
        Format::Sarif => sarif(report),
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

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, severity.as_str())
    }

    fn gutter(self, text: &str) -> String {
        self.paint("1;34", text)
    }
}

/// Text from a user's file, made safe for a terminal: control characters
/// (ANSI escapes among them) are shown escaped, never interpreted.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '\t' {
            out.push_str("    ");
        } else if ch.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", ch as u32);
        } else {
            out.push(ch);
        }
    }
    out
}

fn line_col(checked: &Checked, offset: usize) -> LineCol {
    checked.file.line_index.line_col(&checked.file.text, offset)
}

fn human(report: &Report, elapsed: Duration, n_fixed: usize, style: Style) -> String {
    let mut out = String::new();
    for checked in &report.files {
        for d in &checked.diagnostics {
            frame(&mut out, report, checked, d, style);
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

/// A rustc-style code frame: header, location, the source line and a caret
/// line under the span (the first line of a multi-line span).
fn frame(out: &mut String, report: &Report, checked: &Checked, d: &Diagnostic, style: Style) {
    let file = &checked.file;
    let start = line_col(checked, d.range.start);
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        style.severity(d.severity),
        d.rule,
        sanitize(&d.message)
    );
    let width = start.line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.gutter("-->"),
        file.path,
        start.line,
        start.column
    );
    if let Some(line_range) = file.line_index.line_range(&file.text, start.line - 1) {
        let line_text = &file.text[line_range.start..line_range.end];
        let line_text = line_text.strip_prefix('\u{feff}').unwrap_or(line_text);
        let shown = sanitize(line_text);
        let _ = writeln!(out, "{pad} {}", style.gutter("|"));
        let _ = writeln!(
            out,
            "{} {} {shown}",
            style.gutter(&start.line.to_string()),
            style.gutter("|")
        );
        // Caret from the start column to the span's end on this line.
        let col0 = start.column - 1;
        let before: String = line_text.chars().take(col0).collect();
        let span_end = d.range.end.min(line_range.end).max(d.range.start);
        let span_text = file
            .text
            .get(d.range.start.max(line_range.start)..span_end)
            .unwrap_or("");
        let n_carets = sanitize(span_text).chars().count().max(1);
        let indent = sanitize(&before).chars().count();
        let carets = "^".repeat(n_carets);
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            style.gutter("|"),
            " ".repeat(indent),
            style.paint(severity_code(d.severity), &carets)
        );
    }
    for related in &d.related {
        let _ = writeln!(
            out,
            "{pad} {} note: {}",
            style.gutter("="),
            related_text(report, checked, related)
        );
    }
    if let Some(fix) = &d.fix {
        let flags = match fix.applicability {
            Applicability::Safe => "--fix",
            Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        let _ = writeln!(
            out,
            "{pad} {} fix: {} (run with {flags})",
            style.gutter("="),
            sanitize(&fix.description)
        );
    }
    out.push('\n');
}

fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn related_text(report: &Report, checked: &Checked, related: &gloss_core::Related) -> String {
    match report.related_path(related) {
        None => {
            let at = line_col(checked, related.range.start);
            format!(
                "{}:{}:{}: {}",
                checked.file.path, at.line, at.column, related.message
            )
        }
        // The other file's text is not at hand here; its path and message
        // say where to look, and its own diagnostic carries the position.
        Some(path) => format!("{path}: {}", related.message),
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

fn range_json(checked: &Checked, range: TextRange) -> JsonRange {
    let position = |at: LineCol| JsonPosition {
        line: at.line,
        column: at.column,
    };
    JsonRange {
        start: position(line_col(checked, range.start)),
        end: position(line_col(checked, range.end)),
    }
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(checked: &'a Checked, d: &'a Diagnostic) -> Self {
        Self {
            path: &checked.file.path,
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            range: range_json(checked, d.range),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                description: &fix.description,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        range: range_json(checked, e.range),
                        new_text: &e.new_text,
                    })
                    .collect(),
                rename_to: fix.rename_to.as_deref(),
            }),
        }
    }
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

fn json_report(report: &Report) -> String {
    use rayon::prelude::*;
    let counts = Counts::of(report);
    // Positions are computed on both cores; only the writing is serial.
    let per_file: Vec<Vec<JsonDiagnostic<'_>>> = report
        .files
        .par_iter()
        .map(|c| {
            c.diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(c, d))
                .collect()
        })
        .collect();
    let value = JsonReport {
        version: 1,
        summary: JsonSummary {
            files: counts.files,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
        diagnostics: per_file.into_iter().flatten().collect(),
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
                "defaultConfiguration": {"level": sarif_level(rule.default_severity)},
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
                "informationUri": "https://example.invalid/gloss",
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
                r.default_severity.as_str(),
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
        rule.default_severity.as_str(),
        rule.fix_text(),
        rule.doc.trim_end()
    ))?;
    Ok(EXIT_OK)
}
