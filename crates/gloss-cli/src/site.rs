//! `gloss build OUT` (the static site) and `gloss preview` (the same pages,
//! served live). The pages come from `gloss-site`, the glossary from the
//! workspace layer (`gloss_workspace::Glossary`), as the language server
//! reads it.

use crate::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use clap::Args;
use gloss_core::Severity;
use gloss_site::{Options, Site};
use gloss_workspace::Glossary;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Args)]
pub struct BuildArgs {
    /// The output directory (created if missing; earlier output is replaced)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Build even when term files have lint errors: their pages carry a
    /// banner listing them (exit 0)
    #[arg(long)]
    pub allow_errors: bool,
    /// The URL the site is published at, for absolute URLs in JSON-LD and
    /// glossary.json (e.g. https://example.com/glossary/)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Every error of the site, one `path:line:col: error[rule]: message` line each.
fn error_lines(site: &Site) -> String {
    let mut out = String::new();
    for entry in site.entries.values() {
        for f in entry
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            let _ = writeln!(
                out,
                "{}:{}:{}: error[{}]: {}",
                entry.path,
                f.line,
                f.column,
                f.rule,
                crate::render::sanitize(&f.message)
            );
        }
    }
    out
}

pub fn run_build(args: &BuildArgs) -> anyhow::Result<u8> {
    let cwd = crate::current_dir()?;
    let glossary = Glossary::load(&cwd, None);
    if let Some(problem) = &glossary.config_problem {
        let shown = crate::workspace::display(&problem.path, &cwd);
        anyhow::bail!("{}", problem.message(&shown));
    }
    if let Some(base) = &args.base_url
        && !(base.starts_with("https://") || base.starts_with("http://"))
    {
        crate::out::note!("error: --base-url must be an http:// or https:// URL, not `{base}`");
        return Ok(EXIT_FAILURE);
    }
    let site = Site::from_glossary(&glossary);
    for (path, why) in &site.skipped {
        crate::out::note!("warning: no page for `{path}`: {why}");
    }
    let n_errors = site.n_errors();
    if n_errors > 0 && !args.allow_errors {
        let n_files = site.entries.values().filter(|e| e.n_errors() > 0).count();
        let lines = error_lines(&site);
        crate::out::note!("{}", lines.trim_end());
        crate::out::note!(
            "error: not building: {n_errors} lint error{} in {n_files} file{} (fix them, or `--allow-errors` builds with a banner on their pages)",
            if n_errors == 1 { "" } else { "s" },
            if n_files == 1 { "" } else { "s" },
        );
        return Ok(EXIT_FINDINGS);
    }
    let options = Options {
        base_url: args.base_url.clone(),
        preview_version: None,
    };
    let written =
        gloss_site::build::write_site(&site, &glossary.env.dictionary, &args.out, &options)
            .map_err(|e| anyhow::anyhow!("cannot write the site: {e}"))?;
    let mut summary = format!(
        "built {} term page{}, index.html and glossary.json in {} ({} files)",
        written.n_pages,
        if written.n_pages == 1 { "" } else { "s" },
        args.out.display(),
        written.files.len()
    );
    if n_errors > 0 {
        let _ = write!(
            summary,
            "; {n_errors} lint error{} shown in banners",
            if n_errors == 1 { "" } else { "s" }
        );
    }
    summary.push('\n');
    crate::out::print(&summary)?;
    Ok(EXIT_OK)
}

#[derive(Args)]
pub struct PreviewArgs {
    /// Open this term's page (its slug, name or an alias); default: the index
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::completions::term_slugs))]
    pub term: Option<String>,
    /// The port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

pub fn run_preview(args: &PreviewArgs) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    let cwd = crate::current_dir()?;
    let preview = gloss_site::preview::Preview::start(&cwd, args.port)
        .with_context(|| format!("cannot serve on 127.0.0.1:{}", args.port))?;
    let Some(url) = preview.url(args.term.as_deref()) else {
        crate::out::note!(
            "error: no term `{}` in the glossary (a slug, term or alias)",
            args.term.as_deref().unwrap_or_default()
        );
        return Ok(EXIT_FAILURE);
    };
    // The URL alone on the first line: editors and scripts read it.
    crate::out::print(&format!("{url}\n"))?;
    crate::out::note!(
        "gloss preview: serving the glossary on 127.0.0.1 only; pages reload when a term file changes; Ctrl-C stops"
    );
    preview.wait();
    Ok(EXIT_OK)
}
