//! The lint entry point shared by `gloss lint` and the language server.

/// A rule's public identity.
#[derive(Debug)]
pub struct Rule {
    /// The stable kebab-case name: config key, JSON `rule`, LSP `code`.
    pub name: &'static str,
    pub default_severity: crate::Severity,
    /// What it flags, why, an example and the fix, in Markdown.
    pub doc: &'static str,
    /// Whether the rule can offer an automatic fix.
    pub fixable: bool,
}
