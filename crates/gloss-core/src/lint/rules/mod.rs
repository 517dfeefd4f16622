//! One file per checked rule: its check. Its name, severity and doc are in
//! [`crate::rule`].

pub mod broken_term_link;
pub mod challenge_too_easy;
pub mod challenge_too_hard;
pub mod challenge_word_blocked;
pub mod challenge_word_charset;
pub mod challenge_word_duplicate;
pub mod challenge_word_in_term;
pub mod challenge_word_length;
pub mod challenge_word_not_in_dictionary;
pub mod challenge_word_unrelated;
pub mod definition_missing_term;
pub mod deprecated_name;
pub mod duplicate_faq;
pub mod duplicate_term;
pub mod faq_empty_answer;
pub mod faq_not_a_question;
pub mod file_name_mismatch;
pub mod missing_faq_topic;
pub mod missing_faqs;
pub mod placeholder_text;
pub mod self_related;
pub mod unknown_related;
pub mod unlinked_mention;
pub mod unused_term;
