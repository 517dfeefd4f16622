//! The gloss language server (a later issue builds it out).
