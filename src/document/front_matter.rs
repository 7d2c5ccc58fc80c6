//! YAML (`---`) or TOML (`+++`) front matter at the top of an article.

use super::Span;

/// The front matter block and the document date it declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub span: Span,
    /// The value of a `date` key, unquoted.
    pub date: Option<Span>,
}

impl FrontMatter {
    /// Finds front matter that opens on the first line and closes with the same fence.
    pub fn find(text: &str) -> Option<FrontMatter> {
        let fence = ["---", "+++"].into_iter().find(|f| {
            text.strip_prefix(f)
                .is_some_and(|r| r.starts_with(['\n', '\r']))
        })?;
        let mut offset = text.find('\n')? + 1;
        let mut date = None;
        for line in text[offset..].split_inclusive('\n') {
            let content = line.trim_end();
            if content == fence {
                return Some(FrontMatter {
                    span: Span::new(0, offset + line.len()),
                    date,
                });
            }
            if date.is_none() {
                date =
                    date_value(content).map(|(start, end)| Span::new(offset + start, offset + end));
            }
            offset += line.len();
        }
        None
    }
}

/// The byte range of the value in a `date: …` or `date = …` line.
fn date_value(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix("date")?;
    let rest_trimmed = rest.trim_start();
    let value = rest_trimmed
        .strip_prefix(':')
        .or_else(|| rest_trimmed.strip_prefix('='))?;
    let value_trimmed = value.trim();
    let unquoted = value_trimmed.trim_matches(|c| c == '"' || c == '\'');
    if unquoted.is_empty() {
        return None;
    }
    let start = line.len() - value.len() + (value.len() - value.trim_start().len());
    let start = start + (value_trimmed.len() - value_trimmed.trim_start_matches(['"', '\'']).len());
    Some((start, start + unquoted.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_with_date() {
        let text = "---\ntitle: x\ndate: \"2023-07-20\"\n---\nBody";
        let found = FrontMatter::find(text).unwrap();
        assert_eq!(
            found.span.text(text),
            "---\ntitle: x\ndate: \"2023-07-20\"\n---\n"
        );
        assert_eq!(found.date.unwrap().text(text), "2023-07-20");
    }

    #[test]
    fn toml_front_matter_and_unclosed() {
        let text = "+++\ndate = 2021-01-02\n+++\n";
        assert_eq!(
            FrontMatter::find(text).unwrap().date.unwrap().text(text),
            "2021-01-02"
        );
        assert!(FrontMatter::find("---\nno end").is_none());
        assert!(FrontMatter::find("----\n").is_none());
    }
}
