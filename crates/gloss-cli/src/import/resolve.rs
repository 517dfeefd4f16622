//! From entries to term files: a slug per entry (numbered on a collision,
//! never a silent overwrite) and `related` slugs from the links between
//! imported entries.

use super::model::{Entry, Target};
use super::yaml::TermOut;
use std::collections::HashMap;

/// An entry with its slug, ready to render.
pub struct Resolved {
    pub slug: String,
    pub out: TermOut,
    pub notes: Vec<String>,
}

/// Slugs, related links and notes for every entry, in order. An entry
/// whose term has no slug is dropped with a line in `unusable`.
pub fn resolve(entries: Vec<Entry>, unusable: &mut Vec<(String, String)>) -> Vec<Resolved> {
    // Slugs, first come first served.
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut slugs: Vec<Option<String>> = Vec::with_capacity(entries.len());
    let mut collision_notes: Vec<Option<String>> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let base = gloss_core::slug(&entry.term);
        if base.is_empty() {
            unusable.push((
                entry.origin.clone(),
                format!(
                    "the term `{}` has no slug (it needs an ASCII letter or digit): skipped",
                    entry.term
                ),
            ));
            slugs.push(None);
            collision_notes.push(None);
            continue;
        }
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        collision_notes.push((slug != base).then(|| {
            let other = taken.get(&base).map_or("", |&j| entries[j].origin.as_str());
            format!(
                "the slug `{base}` is already taken by `{other}`: written as `{slug}.yaml` (rename or merge the two)"
            )
        }));
        taken.insert(slug.clone(), i);
        slugs.push(Some(slug));
    }
    // What names an entry: its term, aliases and ids (first come first served).
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if slugs[i].is_none() {
            continue;
        }
        for id in &entry.ids {
            by_id.entry(gloss_core::slug(id)).or_insert(i);
        }
        for name in std::iter::once(&entry.term)
            .chain(&entry.aliases)
            .chain(&entry.ids)
        {
            by_name.entry(gloss_core::slug(name)).or_insert(i);
        }
    }
    // A page's own ids (file stems) win over another page's term slug.
    for (i, entry) in entries.iter().enumerate() {
        if slugs[i].is_some() {
            by_id.entry(gloss_core::slug(&entry.term)).or_insert(i);
        }
    }
    let find = |target: &Target| -> Option<usize> {
        match target {
            Target::Name(name) => by_name.get(&gloss_core::slug(name)).copied(),
            Target::Path(path) => {
                let (id, parent) = path_id(path)?;
                let found = *by_id.get(&gloss_core::slug(&id))?;
                let dir_ok = match (parent, &entries[found].dir) {
                    (Some(parent), Some(dir)) => gloss_core::slug(&parent) == *dir,
                    _ => true,
                };
                dir_ok.then_some(found)
            }
        }
    };
    let mut resolved = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(slug) = slugs[i].clone() else {
            continue;
        };
        let mut notes = Vec::new();
        notes.extend(collision_notes[i].clone());
        notes.extend(entry.notes.iter().cloned());
        let mut related: Vec<String> = Vec::new();
        let mut unresolved: Vec<String> = Vec::new();
        for target in &entry.links {
            match find(target) {
                Some(j) if j == i => {}
                Some(j) => {
                    if let Some(other) = &slugs[j]
                        && !related.contains(other)
                    {
                        related.push(other.clone());
                    }
                }
                None => {
                    let shown = match target {
                        Target::Name(n) | Target::Path(n) => n.clone(),
                    };
                    if !unresolved.contains(&shown) {
                        unresolved.push(shown);
                    }
                }
            }
        }
        for target in unresolved {
            notes.push(format!(
                "link `{target}` names no imported term: kept as text"
            ));
        }
        let challenge = entry.challenge.as_ref().map(|w| (w.clone(), false));
        resolved.push(Resolved {
            slug,
            out: TermOut {
                origin: entry.origin.clone(),
                term: entry.term.clone(),
                aliases: dedup_names(&entry.term, &entry.aliases),
                category: entry.category.clone(),
                definition: entry.definition.clone(),
                context: entry.context.clone(),
                faqs: entry
                    .faqs
                    .iter()
                    .map(|f| (f.question.clone(), f.answer.clone()))
                    .collect(),
                related,
                challenge,
                hint: entry.hint.clone(),
            },
            notes,
        });
    }
    resolved
}

/// Aliases without repeats of the term or of each other (case-insensitive).
fn dedup_names(term: &str, aliases: &[String]) -> Vec<String> {
    let mut seen = vec![term.to_lowercase()];
    let mut out = Vec::new();
    for alias in aliases {
        let key = alias.to_lowercase();
        if !seen.contains(&key) {
            seen.push(key);
            out.push(alias.clone());
        }
    }
    out
}

/// The id a link destination names (its last path segment without an
/// extension; for `…/kanban/index.html`, `kanban`) and the segment before
/// it (`None` for a bare name or a relative `..`).
pub fn path_id(dest: &str) -> Option<(String, Option<String>)> {
    let dest = dest.split(['#', '?']).next().unwrap_or_default();
    let mut segments: Vec<&str> = dest
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments.last().is_some_and(|last| {
        let stem = last.rsplit_once('.').map_or(*last, |(s, _)| s);
        matches!(
            stem.to_ascii_lowercase().as_str(),
            "index" | "_index" | "readme"
        )
    }) {
        segments.pop();
    }
    let last = segments.pop()?;
    let id = last
        .rsplit_once('.')
        .filter(|(_, ext)| {
            matches!(
                ext.to_ascii_lowercase().as_str(),
                "md" | "markdown" | "mdx" | "html" | "htm"
            )
        })
        .map_or(last, |(stem, _)| stem);
    if id == ".." {
        return None;
    }
    let parent = segments
        .last()
        .filter(|p| **p != "..")
        .map(|p| (*p).to_owned());
    Some((id.to_owned(), parent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_destinations_name_ids() {
        let cases = [
            ("../wip/", Some(("wip", None))),
            ("wip.md#x", Some(("wip", None))),
            ("/glossary/flow/", Some(("flow", Some("glossary")))),
            (
                "/en-US/docs/Glossary/HTTP",
                Some(("HTTP", Some("Glossary"))),
            ),
            (
                "/glossary/kanban/index.html",
                Some(("kanban", Some("glossary"))),
            ),
            ("v1.2", Some(("v1.2", None))),
            ("..", None),
        ];
        for (dest, want) in cases {
            let got = path_id(dest);
            let want = want.map(|(id, parent)| (id.to_owned(), parent.map(str::to_owned)));
            assert_eq!(got, want, "{dest}");
        }
    }

    #[test]
    fn colliding_slugs_are_numbered_and_links_resolve() {
        let entry = |origin: &str, term: &str, links: Vec<Target>| Entry {
            origin: origin.into(),
            term: term.into(),
            links,
            ..Entry::default()
        };
        let entries = vec![
            entry(
                "a.md",
                "Kanban",
                vec![Target::Name("WIP".into()), Target::Name("nope".into())],
            ),
            entry("b.md", "kanban", vec![]),
            entry("c.md", "WIP", vec![Target::Name("kanban".into())]),
            entry("d.md", ">>>", vec![]),
        ];
        let mut unusable = Vec::new();
        let out = resolve(entries, &mut unusable);
        let slugs: Vec<&str> = out.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(slugs, ["kanban", "kanban-2", "wip"]);
        assert_eq!(out[0].out.related, ["wip"]);
        assert!(out[0].notes.iter().any(|n| n.contains("`nope`")));
        assert!(out[1].notes[0].contains("`kanban-2.yaml`"));
        assert_eq!(out[2].out.related, ["kanban"]);
        assert_eq!(unusable.len(), 1);
    }
}
