//! The claims worksheet as a terminal table, CSV or JSON.

use crate::render::excerpt::escape_controls;
use crate::worksheet::ClaimRow;

/// Characters of a sentence shown in the terminal table.
const SENTENCE_WIDTH: usize = 90;

/// A table for the terminal: where, score, what covers the claim, and the sentence.
pub fn table(rows: &[ClaimRow]) -> String {
    let mut out = String::new();
    let places: Vec<String> = rows
        .iter()
        .map(|r| format!("{}:{}:{}", escape_controls(&r.path), r.line, r.column))
        .collect();
    let covers: Vec<String> = rows.iter().map(cover).collect();
    let place_width = places
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let cover_width = covers
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(10, 60);
    out.push_str(&format!(
        "{:place_width$}  score  {:11}  {:cover_width$}  sentence\n",
        "where", "signal", "covered by"
    ));
    for ((row, place), covered) in rows.iter().zip(&places).zip(&covers) {
        out.push_str(&format!(
            "{place:place_width$}  {:.2}   {:11}  {:cover_width$}  {}\n",
            row.score,
            row.signal,
            shorten(covered, cover_width),
            shorten(&escape_controls(&row.sentence), SENTENCE_WIDTH),
        ));
    }
    let uncited = rows.iter().filter(|r| r.covered_by == "none").count();
    out.push_str(&format!(
        "{} {}, {uncited} without a source\n",
        rows.len(),
        if rows.len() == 1 { "claim" } else { "claims" }
    ));
    out
}

/// What covers a claim, in a few words: `note 3 (https://…, 3 March 2020)`, a URL, `—`.
fn cover(row: &ClaimRow) -> String {
    let citation = row.citation.as_deref().unwrap_or("");
    match row.covered_by {
        "note" => {
            let details: Vec<&str> = [row.note_url.as_deref(), row.note_date.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if details.is_empty() {
                format!("note {citation}")
            } else {
                format!("note {citation} ({})", details.join(", "))
            }
        }
        "none" => "—".to_string(),
        _ => citation.to_string(),
    }
}

/// `text` cut to `width` characters, with `…` where it was cut.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// RFC 4180 CSV with a header row.
pub fn csv(rows: &[ClaimRow]) -> String {
    let mut out = String::from(
        "path,line,column,score,signal,covered_by,citation,note_url,note_date,sentence\r\n",
    );
    for row in rows {
        let fields = [
            row.path.clone(),
            row.line.to_string(),
            row.column.to_string(),
            format!("{:.3}", row.score),
            row.signal.to_string(),
            row.covered_by.to_string(),
            row.citation.clone().unwrap_or_default(),
            row.note_url.clone().unwrap_or_default(),
            row.note_date.clone().unwrap_or_default(),
            row.sentence.clone(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A field quoted when it holds a comma, a quote or a line break, and a leading `=`,
/// `+`, `-` or `@` made inert, so that a spreadsheet does not run it as a formula.
fn csv_field(field: &str) -> String {
    let inert = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

/// `{"claims": [...]}` with a closing newline.
pub fn json(rows: &[ClaimRow]) -> String {
    let value = serde_json::json!({ "version": 1, "claims": rows });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(sentence: &str, covered_by: &'static str) -> ClaimRow {
        ClaimRow {
            path: "a.md".into(),
            line: 3,
            column: 1,
            sentence: sentence.into(),
            score: 0.81,
            signal: "statistic",
            covered_by,
            citation: (covered_by == "note").then(|| "2".to_string()),
            note_url: (covered_by == "note").then(|| "https://example.org/r".to_string()),
            note_date: None,
        }
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let rows = [
            row("Exports grew 4 %, \"fast\".", "none"),
            row("=1+1 is a sum of 12 %.", "note"),
        ];
        let text = csv(&rows);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(
            lines[1].ends_with(",\"Exports grew 4 %, \"\"fast\"\".\""),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].ends_with(",'=1+1 is a sum of 12 %."),
            "{}",
            lines[2]
        );
        assert!(
            lines[2].contains(",note,2,https://example.org/r,,"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn table_counts_the_uncited() {
        let text = table(&[
            row("One claim of 5 %.", "none"),
            row("Another of 6 %.", "note"),
        ]);
        assert!(text.ends_with("2 claims, 1 without a source\n"), "{text}");
        assert!(text.contains("note 2 (https://example.org/r)"), "{text}");
    }

    #[test]
    fn json_is_one_object_ending_in_a_newline() {
        let text = json(&[row("A claim of 5 %.", "none")]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["claims"][0]["covered_by"], "none");
        assert!(text.ends_with("}\n"));
    }
}
