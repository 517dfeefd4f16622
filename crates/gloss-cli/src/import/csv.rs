//! `gloss import csv`: a spreadsheet export with a header row, one term a
//! row. The parser is RFC 4180 (quoted fields, doubled quotes, CRLF or LF,
//! a newline inside quotes); a few lines of code where the `csv` crate
//! would be a dependency for one function.

use super::map::{FieldMap, Key, loose};
use super::model::{Block, Entry, Faq, SourceResult, Target, one_line, push_prose};

const TERM: &[&str] = &["term", "name", "title", "word"];
const ALIASES: &[&str] = &["aliases", "aka", "synonyms", "alias", "also known as"];
const CATEGORY: &[&str] = &["category", "tags", "tag", "type"];
const DEFINITION: &[&str] = &[
    "definition",
    "description",
    "meaning",
    "short description",
    "summary",
];
const CONTEXT: &[&str] = &["context", "details", "notes", "long description"];
const RELATED: &[&str] = &["related", "see also", "related terms"];
const CHALLENGE: &[&str] = &["challenge", "challenge word"];
const HINT: &[&str] = &["hint", "challenge hint"];

/// Parse CSV text into records. An unterminated quote is an error (the
/// line where the quoted field starts).
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut quoted_from: Option<usize> = None;
    let mut in_quotes = false;
    while let Some(ch) = chars.next() {
        if in_quotes {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match ch {
            '"' if field.is_empty() => {
                in_quotes = true;
                quoted_from = Some(line);
            }
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!(
            "a quoted field starting on line {} is never closed",
            quoted_from.unwrap_or(line)
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    Ok(records)
}

pub fn import(origin: &str, text: &str, map: &FieldMap) -> SourceResult {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return SourceResult::unusable("the file is empty");
    }
    let records = match parse(text) {
        Ok(records) => records,
        Err(why) => return SourceResult::unusable(format!("not valid CSV: {why}")),
    };
    let Some((header, rows)) = records.split_first() else {
        return SourceResult::unusable("the file is empty");
    };
    let headers: Vec<String> = header.iter().map(|h| loose(h)).collect();
    let column = |key: Key, defaults: &[&str]| -> Option<usize> {
        map.fields(key, defaults)
            .iter()
            .find_map(|f| headers.iter().position(|h| *h == loose(f)))
    };
    let mut result = SourceResult::default();
    let Some(term_col) = column(Key::Term, TERM) else {
        let wanted = map.fields(Key::Term, TERM).join("`, `");
        return SourceResult::unusable(format!(
            "no term column: the header has none of `{wanted}` (name it with `--map term=HEADER`)"
        ));
    };
    for key in [
        Key::Aliases,
        Key::Category,
        Key::Definition,
        Key::Context,
        Key::Related,
        Key::Challenge,
        Key::Hint,
    ] {
        if map.is_mapped(key) && column(key, &[]).is_none() {
            result.notes.push(format!(
                "no column `{}` for `--map`: not imported",
                map.fields(key, &[]).join("`, `")
            ));
        }
    }
    let aliases = column(Key::Aliases, ALIASES);
    let category = column(Key::Category, CATEGORY);
    let definition = column(Key::Definition, DEFINITION);
    let context = column(Key::Context, CONTEXT);
    let related = column(Key::Related, RELATED);
    let challenge = column(Key::Challenge, CHALLENGE);
    let hint = column(Key::Hint, HINT);
    let faq_columns = faq_columns(&headers);
    let used: Vec<usize> = [
        Some(term_col),
        aliases,
        category,
        definition,
        context,
        related,
        challenge,
        hint,
    ]
    .into_iter()
    .flatten()
    .chain(faq_columns.iter().flat_map(|&(q, a)| [q, a]))
    .collect();
    let unused: Vec<&str> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| !used.contains(i) && !h.trim().is_empty())
        .map(|(_, h)| h.trim())
        .collect();
    if !unused.is_empty() {
        result
            .notes
            .push(format!("columns not imported: `{}`", unused.join("`, `")));
    }
    for (n, row) in rows.iter().enumerate() {
        // The header is row 1.
        let row_number = n + 2;
        let cell = |col: Option<usize>| {
            col.and_then(|c| row.get(c))
                .map(|s| s.trim())
                .unwrap_or_default()
        };
        let many = |col: Option<usize>| -> Vec<String> {
            cell(col)
                .split(';')
                .map(one_line)
                .filter(|s| !s.is_empty())
                .collect()
        };
        let term = one_line(cell(Some(term_col)));
        if term.is_empty() {
            result
                .unusable
                .push(format!("row {row_number} has no term: skipped"));
            continue;
        }
        let mut entry = Entry {
            origin: format!("{origin} row {row_number}"),
            term,
            aliases: many(aliases),
            category: many(category).into_iter().next(),
            links: many(related).into_iter().map(Target::Name).collect(),
            challenge: Some(one_line(cell(challenge))).filter(|s| !s.is_empty()),
            hint: Some(one_line(cell(hint))).filter(|s| !s.is_empty()),
            ..Entry::default()
        };
        if row.len() != header.len() {
            entry.notes.push(format!(
                "the row has {} cells, the header {}",
                row.len(),
                header.len()
            ));
        }
        paragraphs(&mut entry.definition, cell(definition));
        paragraphs(&mut entry.context, cell(context));
        if entry.definition.is_empty() {
            entry
                .notes
                .push("no definition: the definition cell is empty".to_owned());
        }
        for &(q, a) in &faq_columns {
            let question = one_line(cell(Some(q)));
            let mut answer = Vec::new();
            paragraphs(&mut answer, cell(Some(a)));
            if !question.is_empty() && !answer.is_empty() {
                entry.faqs.push(Faq { question, answer });
            }
        }
        if entry.faqs.is_empty() {
            entry
                .notes
                .push("no FAQs: no question and answer columns with text".to_owned());
        }
        result.entries.push(entry);
    }
    result
}

/// A cell's paragraphs (blank lines inside a quoted cell separate them).
fn paragraphs(text: &mut Vec<Block>, cell: &str) {
    let normal = cell.replace("\r\n", "\n");
    for paragraph in normal.split("\n\n") {
        push_prose(text, paragraph);
    }
}

/// FAQ columns: `question`/`answer`, `question 1`/`answer 1`, `faq 1
/// question`/`faq 1 answer`, `q1`/`a1`, paired by their number.
fn faq_columns(headers: &[String]) -> Vec<(usize, usize)> {
    let number = |header: &str, words: &[&str]| -> Option<String> {
        let h = header.strip_prefix("faq").map_or(header, str::trim_start);
        let digits_first: String = h.chars().take_while(char::is_ascii_digit).collect();
        let h = h[digits_first.len()..].trim_start();
        for word in words {
            if let Some(rest) = h.strip_prefix(word) {
                let rest = rest.trim();
                if rest.chars().all(|c| c.is_ascii_digit())
                    && (digits_first.is_empty() || rest.is_empty())
                {
                    return Some(format!("{digits_first}{rest}"));
                }
            }
        }
        None
    };
    let mut pairs = Vec::new();
    for (qi, q) in headers.iter().enumerate() {
        let Some(n) = number(q, &["question", "q"]) else {
            continue;
        };
        if let Some(ai) = headers
            .iter()
            .position(|a| number(a, &["answer", "a"]).as_deref() == Some(n.as_str()))
        {
            pairs.push((qi, ai));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::plain;

    #[test]
    fn rfc_4180_records() {
        let cases: &[(&str, &[&[&str]])] = &[
            ("a,b\r\n1,2\r\n", &[&["a", "b"], &["1", "2"]]),
            (
                "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n",
                &[&["a", "b"], &["x, y", "say \"hi\""]],
            ),
            ("a\n\"two\nlines\"", &[&["a"], &["two\nlines"]]),
            ("\u{feff}a,,c\n\n", &[&["a", "", "c"]]),
        ];
        for (text, want) in cases {
            let got = parse(text).unwrap_or_default();
            assert_eq!(&got, want, "{text:?}");
        }
        assert!(parse("a\n\"open").is_err());
    }

    #[test]
    fn columns_map_by_header() {
        let text = "Name,AKA,Definition,Question 1,Answer 1,Related,Extra\n\
                    Kanban,Kanban board; KB,Kanban is a method.,Why?,Because.,WIP;Flow,x\n\
                    ,,,,,,\n,no term,,,,,\n";
        let result = import("t.csv", text, &FieldMap::default());
        assert_eq!(result.entries.len(), 1);
        let entry = &result.entries[0];
        assert_eq!(entry.term, "Kanban");
        assert_eq!(entry.aliases, ["Kanban board", "KB"]);
        assert_eq!(plain(&entry.definition), "Kanban is a method.");
        assert_eq!(entry.faqs.len(), 1);
        assert_eq!(
            entry.links,
            [Target::Name("WIP".into()), Target::Name("Flow".into())]
        );
        assert_eq!(result.unusable.len(), 1);
        assert!(result.notes.iter().any(|n| n.contains("Extra")));
    }
}
