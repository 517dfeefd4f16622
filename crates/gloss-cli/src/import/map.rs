//! `--map KEY=FIELD`: which source field (front-matter key, CSV header)
//! fills which term file key. A key mapped replaces its default fields; it
//! may be mapped several times (tried in order).

/// The term file keys a source field can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Term,
    Aliases,
    Category,
    Definition,
    Context,
    Related,
    Challenge,
    Hint,
}

const KEYS: &[(&str, Key)] = &[
    ("term", Key::Term),
    ("aliases", Key::Aliases),
    ("category", Key::Category),
    ("definition", Key::Definition),
    ("context", Key::Context),
    ("related", Key::Related),
    ("challenge", Key::Challenge),
    ("hint", Key::Hint),
];

#[derive(Debug, Default, Clone)]
pub struct FieldMap {
    mapped: Vec<(Key, String)>,
}

impl FieldMap {
    /// Parse every `--map` value; an unknown key or a missing `=` is a
    /// usage error.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut mapped = Vec::new();
        for arg in args {
            let Some((key, field)) = arg.split_once('=') else {
                return Err(format!(
                    "`--map {arg}` needs the form KEY=FIELD, e.g. `--map aliases=aka`"
                ));
            };
            let Some(&(_, key)) = KEYS.iter().find(|(name, _)| *name == key.trim()) else {
                let names: Vec<&str> = KEYS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "`--map {arg}`: `{}` is not a term file key; one of {}",
                    key.trim(),
                    names.join(", ")
                ));
            };
            if field.trim().is_empty() {
                return Err(format!("`--map {arg}` names no field"));
            }
            mapped.push((key, field.trim().to_owned()));
        }
        Ok(Self { mapped })
    }

    pub fn is_empty(&self) -> bool {
        self.mapped.is_empty()
    }

    /// The fields that fill `key`: the mapped ones, else `defaults`.
    pub fn fields(&self, key: Key, defaults: &[&str]) -> Vec<String> {
        let mapped: Vec<String> = self
            .mapped
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, f)| f.clone())
            .collect();
        if mapped.is_empty() {
            defaults.iter().map(|d| (*d).to_owned()).collect()
        } else {
            mapped
        }
    }

    /// Whether `key` was mapped explicitly.
    pub fn is_mapped(&self, key: Key) -> bool {
        self.mapped.iter().any(|(k, _)| *k == key)
    }
}

/// A field name compared loosely: lowercase, `_`, `-` and runs of spaces
/// as one space (`Short_Description` = `short description`).
pub fn loose(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_arguments() {
        let map =
            FieldMap::parse(&["aliases=aka".into(), "term = Name".into()]).unwrap_or_default();
        assert_eq!(map.fields(Key::Aliases, &["aliases"]), ["aka"]);
        assert_eq!(map.fields(Key::Term, &["title"]), ["Name"]);
        assert_eq!(map.fields(Key::Hint, &["hint"]), ["hint"]);
        for bad in ["aliases", "alias=aka", "term="] {
            assert!(FieldMap::parse(&[bad.into()]).is_err(), "{bad}");
        }
        assert_eq!(loose("Short_Description"), "short description");
    }
}
