//! `--fix` and `--diff`: safe fixes (and unsafe ones with `--unsafe-fixes`)
//! applied to the original text, written atomically; files whose YAML
//! failed to parse are never touched.

use crate::lint::Report;
use crate::workspace::display;
use anyhow::Context as _;
use gloss_core::Applicability;
use gloss_core::fix::apply_fixes;
use std::fmt::Write as _;
use std::path::Path;

pub struct Outcome {
    pub n_fixed: usize,
    pub diff: String,
    pub failures: Vec<String>,
}

/// Apply (or, with `diff_only`, print) the fixes up to `allowed`: safe ones
/// only unless `--unsafe-fixes` asked for all.
pub fn apply(
    report: &Report,
    diff_only: bool,
    allowed: Applicability,
    cwd: &Path,
) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome {
        n_fixed: 0,
        diff: String::new(),
        failures: Vec::new(),
    };
    for checked in &report.files {
        let any_fix = checked
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applies_at(allowed)));
        if !checked.file.fixable() || !any_fix {
            continue;
        }
        let path = &checked.path;
        // Never write through a link: the target may lie outside the glossary.
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        let applied = apply_fixes(&checked.file.text, &checked.diagnostics, allowed);
        let target = applied
            .rename_to
            .as_ref()
            .and_then(|name| path.parent().map(|dir| dir.join(name)))
            .filter(|target| target != path && !target.exists());
        if applied.text == checked.file.text && target.is_none() {
            continue;
        }
        let old_name = display(path, cwd);
        if diff_only {
            let new_name = target
                .as_ref()
                .map_or_else(|| old_name.clone(), |t| display(t, cwd));
            if target.is_some() {
                let _ = writeln!(outcome.diff, "rename from {old_name}\nrename to {new_name}");
            }
            if applied.text != checked.file.text {
                let diff = similar::TextDiff::from_lines(&checked.file.text, &applied.text);
                let _ = write!(
                    outcome.diff,
                    "{}",
                    diff.unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{old_name}"), &format!("b/{new_name}"))
                );
            }
            outcome.n_fixed += applied.n_fixed;
            continue;
        }
        if applied.text != checked.file.text
            && let Err(err) = write_atomically(path, &applied.text)
        {
            outcome
                .failures
                .push(format!("cannot write fixes to `{old_name}`: {err:#}"));
            continue;
        }
        if let Some(target) = &target
            && let Err(err) = std::fs::rename(path, target)
        {
            outcome.failures.push(format!(
                "cannot rename `{old_name}` to `{}`: {err}",
                display(target, cwd)
            ));
            continue;
        }
        outcome.n_fixed += applied.n_fixed;
    }
    Ok(outcome)
}

/// Write to a temporary file beside `path`, then rename it over `path`: a
/// crash leaves the old file or the new one, never half of each.
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.gloss-{}.tmp", std::process::id()));
    let result = (|| {
        std::fs::write(&temp, text)
            .with_context(|| format!("cannot write `{}`", temp.display()))?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&temp, meta.permissions());
        }
        std::fs::rename(&temp, path).with_context(|| format!("cannot replace `{}`", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
