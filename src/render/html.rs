//! `--format html`: one self-contained page an editor can read without a terminal: each
//! article as text with its findings highlighted, a side panel of findings grouped by
//! rule and severity, filters, keyboard navigation and a summary bar. No network, no
//! external assets; the article's text is escaped, never interpreted.

use std::fmt::Write as _;

use super::Summary;
use super::excerpt::visible;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Longest text of a label or an edit quoted in the panel, in characters.
const QUOTE: usize = 160;

/// `text` safe inside HTML text and attribute values, controls made visible.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        if let Some(entity) = super::junit::markup_entity(c) {
            out.push_str(entity);
        } else if matches!(c, '\n' | '\t') {
            out.push(c);
        } else if let Some(shown) = visible(c) {
            out.push_str(&shown);
        } else {
            out.push(c);
        }
    }
    out
}

fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE).collect();
    let more = chars.next().is_some();
    format!("{}{}", escape(&head), if more { "…" } else { "" })
}

/// The span a finding is about: its primary label (a claim's signal) or its own span.
fn focus(diagnostic: &Diagnostic) -> crate::span::Span {
    diagnostic
        .labels
        .iter()
        .find(|l| l.primary)
        .map_or(diagnostic.span, |l| l.span)
}

/// One article's section: its text with findings marked, and its panel.
pub fn file_section(source: &Source, diagnostics: &[Diagnostic], file_index: usize) -> String {
    let text = source.text.as_str();
    let id = |i: usize| format!("f{file_index}-{i}");
    // Boundaries: (offset, is_end, finding); ends sort before starts at one offset.
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(diagnostics.len() * 2);
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let span = focus(diagnostic);
        let end = text.floor_char_boundary(span.end.min(text.len()));
        let start = text.floor_char_boundary(span.start.min(end));
        events.push((start, false, index));
        events.push((end, true, index));
    }
    events.sort_by_key(|&(offset, is_end, index)| (offset, !is_end, index));
    let mut body = String::with_capacity(text.len() + diagnostics.len() * 160);
    // Findings open at the cursor, in the order they started; the last one names a mark.
    let mut open: std::collections::BTreeSet<usize> = Default::default();
    let mut cursor = 0;
    let write_piece = |body: &mut String, piece: &str, open: &std::collections::BTreeSet<usize>| {
        if piece.is_empty() {
            return;
        }
        match open.iter().next_back() {
            Some(&f) => {
                let d = &diagnostics[f];
                let _ = write!(
                    body,
                    "<mark class=\"sev-{}\" data-f=\"{}\" data-family=\"{}\" data-severity=\"{}\">{}</mark>",
                    d.severity.as_str(),
                    id(f),
                    d.rule.family(),
                    d.severity.as_str(),
                    escape(piece)
                );
            }
            None => body.push_str(&escape(piece)),
        }
    };
    for (offset, is_end, index) in events {
        write_piece(&mut body, &text[cursor..offset], &open);
        cursor = offset;
        if is_end {
            open.remove(&index);
        } else {
            let d = &diagnostics[index];
            let _ = write!(
                body,
                "<span class=\"anchor\" id=\"{}\" data-family=\"{}\" data-severity=\"{}\"></span>",
                id(index),
                d.rule.family(),
                d.severity.as_str()
            );
            open.insert(index);
        }
    }
    write_piece(&mut body, &text[cursor..], &open);

    // The panel: findings grouped by rule and severity, in order of first appearance.
    let mut groups: Vec<((&str, Severity), Vec<usize>)> = Vec::new();
    let mut group_of: std::collections::HashMap<(&str, Severity), usize> = Default::default();
    for (index, d) in diagnostics.iter().enumerate() {
        let key = (d.rule.name, d.severity);
        let at = *group_of.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(index);
    }
    groups.sort_by(|a, b| b.0.1.cmp(&a.0.1).then(a.0.0.cmp(b.0.0)));
    let mut panel = String::new();
    for ((rule, severity), members) in &groups {
        let family = diagnostics[members[0]].rule.family();
        let _ = write!(
            panel,
            "<details open class=\"group\" data-family=\"{family}\" data-severity=\"{sev}\"><summary><span class=\"badge sev-{sev}\">{sev}</span> {rule} <span class=\"count\">{n}</span></summary><ol>",
            sev = severity.as_str(),
            rule = escape(rule),
            n = members.len()
        );
        for &index in members {
            let d = &diagnostics[index];
            let at = source.location(focus(d).start);
            let _ = write!(
                panel,
                "<li class=\"finding\" tabindex=\"0\" data-target=\"{}\" data-family=\"{family}\" data-severity=\"{}\"><a href=\"#{}\">{}:{}</a> <span class=\"message\">{}</span>",
                id(index),
                d.severity.as_str(),
                id(index),
                at.line,
                at.column,
                escape(&d.message)
            );
            if !d.labels.is_empty() {
                panel.push_str("<ul class=\"labels\">");
                for label in &d.labels {
                    let end = text.floor_char_boundary(label.span.end.min(text.len()));
                    let start = text.floor_char_boundary(label.span.start.min(end));
                    let where_ = source.location(start);
                    let _ = write!(
                        panel,
                        "<li>{}:{} <q>{}</q> {}</li>",
                        where_.line,
                        where_.column,
                        quote(&text[start..end]),
                        escape(&label.message)
                    );
                }
                panel.push_str("</ul>");
            }
            if let Some(fix) = &d.fix {
                let _ = write!(
                    panel,
                    "<div class=\"fix\"><span class=\"fix-title\">{}: {}</span>",
                    match fix.applicability {
                        crate::Applicability::Safe => "fix",
                        crate::Applicability::Unsafe => "fix (unsafe)",
                    },
                    escape(&fix.title)
                );
                for edit in &fix.edits {
                    let end = text.floor_char_boundary(edit.span.end.min(text.len()));
                    let start = text.floor_char_boundary(edit.span.start.min(end));
                    let _ = write!(
                        panel,
                        "<div class=\"edit\"><del>{}</del> → <ins>{}</ins></div>",
                        quote(&text[start..end]),
                        quote(&edit.content)
                    );
                }
                panel.push_str("</div>");
            }
            panel.push_str("</li>");
        }
        panel.push_str("</ol></details>");
    }
    let mut section = String::with_capacity(body.len() + panel.len() + 256);
    let _ = writeln!(
        section,
        "<section class=\"file\"><h2>{}</h2><div class=\"layout\"><article class=\"text\">{}</article><aside class=\"panel\">{}</aside></div></section>",
        escape(&source.path),
        body,
        if panel.is_empty() {
            "<p>No findings.</p>".to_string()
        } else {
            panel
        }
    );
    section
}

/// The page's head, up to where the sections go.
pub fn head(summary: Summary) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>copydesk report</title><style>{STYLE}</style></head><body>\
<header class=\"summary\"><strong>copydesk</strong> <span id=\"summary\">{}</span>\
<span class=\"counts\"><span class=\"badge sev-error\">errors {}</span> <span class=\"badge sev-warning\">warnings {}</span> <span class=\"badge sev-info\">infos {}</span></span>\
<span id=\"shown\"></span><span class=\"keys\" title=\"also n / p and ↓ / ↑\">j / k: next / previous finding</span>\
<div id=\"filters\"></div></header><main>\n",
        escape(&summary.describe()),
        summary.errors,
        summary.warnings,
        summary.infos
    )
}

/// The page's tail: the script, after the sections.
pub const TAIL: &str = concat!(
    "</main><script>",
    include_str!("html.js"),
    "</script></body></html>\n"
);

/// The whole page around the sections.
pub fn assemble(sections: &[u8], summary: Summary) -> Vec<u8> {
    let mut page = head(summary).into_bytes();
    page.extend_from_slice(sections);
    page.extend_from_slice(TAIL.as_bytes());
    page
}

const STYLE: &str = "
body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:#1d1d1f;background:#fafaf7}
header.summary{position:sticky;top:0;z-index:2;background:#23272e;color:#f4f4f4;padding:.5em 1em;font:14px/1.4 system-ui,sans-serif;display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center}
header .keys{opacity:.7}#filters{flex-basis:100%;display:flex;flex-wrap:wrap;gap:.2em .8em}
#filters label{cursor:pointer;white-space:nowrap}#filters .caption{opacity:.7}#filters .caption~.caption{margin-left:1em}
main{padding:0 1em}
section.file h2{font:600 15px system-ui,sans-serif;margin:1em 0 .4em;color:#555}
.layout{display:grid;grid-template-columns:minmax(0,46em) minmax(18em,30em);gap:1.5em;align-items:start}
article.text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:44em;background:#fff;padding:1em 1.4em;border:1px solid #e2e2dc;border-radius:4px}
aside.panel{overflow-wrap:anywhere;position:sticky;top:5.5em;max-height:calc(100vh - 7em);overflow:auto;font:14px/1.45 system-ui,sans-serif}
mark{background:#fff1a8;border-bottom:2px solid #d4a500;padding:0 1px;color:inherit}
mark.sev-error{background:#ffd6d2;border-color:#c62828}mark.sev-info{background:#dcecff;border-color:#4a7fc1}
mark.current,li.current{outline:3px solid #5b3cc4;outline-offset:1px}
.badge{font:600 12px system-ui,sans-serif;padding:0 .4em;border-radius:3px;color:#fff}
.badge.sev-error{background:#c62828}.badge.sev-warning{background:#9a6b00}.badge.sev-info{background:#2f66a8}
details.group{margin:0 0 .6em;border:1px solid #e2e2dc;border-radius:4px;background:#fff}
details.group summary{padding:.3em .5em;cursor:pointer;font-weight:600}
.count{color:#666;font-weight:400}
details.group ol{margin:0;padding:0 .6em .4em 2em}
li.finding{margin:.3em 0;cursor:pointer}li.finding a{color:#5b3cc4}
ul.labels{margin:.1em 0;padding-left:1.1em;color:#444}q{font-style:italic}
.fix{margin:.2em 0;padding:.2em .4em;background:#f3f6f1;border-left:3px solid #3c8c40}
del{background:#ffd6d2;text-decoration:line-through}ins{background:#d3f2d0;text-decoration:underline}
.hidden{display:none}mark.hidden{display:inline;background:none;border:none}
@media (max-width:800px){.layout{grid-template-columns:1fr}aside.panel{position:static;max-height:none}}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\" \u{1b}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; ␛"
        );
    }
}
