//! One file per rule: its doc and its check.

pub mod challenge_too_hard;
pub mod challenge_word_blocked;
pub mod challenge_word_charset;
pub mod challenge_word_duplicate;
pub mod challenge_word_in_term;
pub mod challenge_word_length;
pub mod challenge_word_not_in_dictionary;
pub mod challenge_word_unrelated;

pub mod definition_missing_term;
pub mod duplicate_faq;
pub mod duplicate_term;
pub mod faq_empty_answer;
pub mod faq_not_a_question;
pub mod file_name_mismatch;
pub mod invalid_value;
pub mod io_error;
pub mod missing_challenge;
pub mod missing_faq_topic;
pub mod missing_faqs;
pub mod missing_field;
pub mod placeholder_text;
pub mod self_related;
pub mod unknown_field;
pub mod unknown_related;
pub mod yaml_syntax;
