//! Inline suppressions in HTML comments, and the rules that keep them honest.
//!
//! ```markdown
//! <!-- copydesk-disable-next-line url-path-typo -- the old path is quoted on purpose -->
//! <!-- copydesk-disable date -- a list of dates as printed in the source -->
//! <!-- copydesk-enable date -->
//! <!-- copydesk-disable-file claim-uncited -->
//! ```

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::multispace0;
use nom::{IResult, Parser};

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::selector::selects;
use crate::rules::settings::Settings;
use crate::span::SpanCover;

declare_rule! {
    /// ## What it does
    /// Flags a `copydesk-disable…` comment that silences no finding, or names a rule that
    /// does not exist.
    ///
    /// This rule is computed after all other rules, when suppressions are applied.
    ///
    /// ## Why is this bad
    /// A stale suppression hides the next real defect on that line, and misleads readers of
    /// the source into thinking something there needed silencing.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- copydesk-disable-next-line footnote-undefined -- checked by hand -->
    /// A sentence whose notes are all defined.[^1]
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// A sentence whose notes are all defined.[^1]
    /// ```
    ///
    /// ## Options
    /// None.
    pub static SUPPRESSION_UNUSED = {
        name: "suppression-unused",
        code: "CD901",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "A suppression comment that silences nothing",
        check: computed_with_suppressions,
    };
}

declare_rule! {
    /// ## What it does
    /// Flags a `copydesk-disable…` comment without a reason after ` -- `. Enabled by
    /// `require-reason = true`.
    ///
    /// This rule is computed after all other rules, when suppressions are applied.
    ///
    /// ## Why is this bad
    /// A suppression without a reason cannot be reviewed: the next editor cannot tell a
    /// deliberate exception from a silenced mistake.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- copydesk-disable-next-line url-path-typo -->
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// <!-- copydesk-disable-next-line url-path-typo -- the archive keeps the old path -->
    /// ```
    ///
    /// ## Options
    /// Turned on by a top-level key of the config:
    /// ```toml
    /// require-reason = true
    /// ```
    pub static SUPPRESSION_REASON = {
        name: "suppression-reason",
        code: "CD902",
        severity: Warning,
        enabled_by_default: false,
        fixes: None,
        summary: "A suppression comment without a reason",
        check: computed_with_suppressions,
    };
}

/// Suppression rules see other rules' findings, so [`apply`] computes them; the registry
/// entry point has nothing to do on its own.
fn computed_with_suppressions(_: &Document<'_>, _: &Settings, _: &mut Vec<Diagnostic>) {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    NextLine,
    File,
    Disable,
    Enable,
}

/// One parsed suppression comment.
#[derive(Debug, Clone)]
struct Suppression {
    directive: Directive,
    span: Span,
    selectors: Vec<String>,
    reason: bool,
    /// Byte range of text it silences.
    region: Span,
    /// Whether each selector silenced something.
    used: Vec<bool>,
}

fn directive(input: &str) -> IResult<&str, Directive> {
    alt((
        tag("copydesk-disable-next-line").map(|_| Directive::NextLine),
        tag("copydesk-disable-file").map(|_| Directive::File),
        tag("copydesk-disable").map(|_| Directive::Disable),
        tag("copydesk-enable").map(|_| Directive::Enable),
    ))
    .parse(input)
}

/// `<!-- directive rules -- reason -->`: the directive, its selectors and whether a reason
/// is given.
fn comment(input: &str) -> IResult<&str, (Directive, Vec<String>, bool)> {
    let (rest, _) = (tag("<!--"), multispace0).parse(input)?;
    let (rest, found) = directive(rest)?;
    let body = rest.split("-->").next().unwrap_or(rest);
    if body.starts_with(|c: char| !c.is_whitespace()) && !body.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            rest,
            nom::error::ErrorKind::Tag,
        )));
    }
    let (rules, reason) = body.split_once(" -- ").unwrap_or((body, ""));
    let selectors = rules
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty() && *s != "--")
        .map(str::to_string)
        .collect();
    Ok((rest, (found, selectors, !reason.trim().is_empty())))
}

fn line_end(text: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[at.min(text.len())..]).map_or(text.len(), |i| at + i + 1)
}

fn parse(document: &Document<'_>) -> Vec<Suppression> {
    let text = document.text;
    let mut found = Vec::new();
    // HTML only: a suppression shown inside a code block is an example, not a directive.
    for span in document
        .excluded
        .iter()
        .filter(|s| s.text(text).starts_with('<'))
    {
        let source = span.text(text);
        let mut at = 0;
        while let Some(open) = source[at..].find("<!--") {
            let start = at + open;
            let end = source[start..]
                .find("-->")
                .map_or(source.len(), |i| start + i + 3);
            at = end;
            let Ok((_, (directive, selectors, reason))) = comment(&source[start..end]) else {
                continue;
            };
            let comment_span = Span::new(span.start + start, span.start + end);
            let region = match directive {
                Directive::File => Span::new(0, text.len()),
                Directive::NextLine => {
                    let next = line_end(text, comment_span.end);
                    Span::new(next, line_end(text, next))
                }
                Directive::Disable | Directive::Enable => Span::new(comment_span.end, text.len()),
            };
            let used = vec![false; selectors.len().max(1)];
            found.push(Suppression {
                directive,
                span: comment_span,
                selectors,
                reason,
                region,
                used,
            });
        }
    }
    end_disabled_regions(&mut found);
    found
}

/// An enable comment ends the open disable regions whose rules it names (all of them when
/// it names none; a disable of everything ends at any enable). Open disables are grouped by their set of selectors, and an enable
/// looks up the groups its own selectors can cover: the subsets of a short list, or a scan
/// of the groups when that is cheaper, never every earlier comment.
fn end_disabled_regions(found: &mut [Suppression]) {
    let mut open: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for index in 0..found.len() {
        let suppression = &found[index];
        let mut key = suppression.selectors.clone();
        key.sort_unstable();
        key.dedup();
        match suppression.directive {
            Directive::Disable => {
                open.entry(key).or_default().push(index);
                continue;
            }
            Directive::Enable => {}
            Directive::File | Directive::NextLine => continue,
        }
        let at = suppression.span.start;
        let ended: Vec<Vec<String>> = if key.is_empty() {
            open.keys().cloned().collect()
        } else if key.len() < 20 && (1usize << key.len()) <= open.len() {
            (0..1usize << key.len())
                .map(|mask| {
                    key.iter()
                        .enumerate()
                        .filter(|(bit, _)| mask & (1 << bit) != 0)
                        .map(|(_, s)| s.clone())
                        .collect::<Vec<String>>()
                })
                .filter(|subset| open.contains_key(subset))
                .collect()
        } else {
            open.keys()
                .filter(|group| group.iter().all(|s| key.contains(s)))
                .cloned()
                .collect()
        };
        for group in ended {
            for disable in open.remove(&group).unwrap_or_default() {
                let region = &mut found[disable].region;
                region.end = region.end.min(at);
            }
        }
    }
}

/// Drops the findings a suppression silences and marks each selector that silenced one.
///
/// Findings are grouped by rule: for each rule, the regions of the suppressions that
/// select it form one [`SpanCover`], and each selector asks whether any finding of a
/// rule it selects starts in its region. Nothing compares every finding with every
/// comment.
fn silence(suppressions: &mut [Suppression], diagnostics: &mut Vec<Diagnostic>) {
    // Finding starts per rule, sorted.
    let mut starts: HashMap<&'static str, (RuleId, Vec<usize>)> = HashMap::new();
    for diagnostic in diagnostics.iter() {
        starts
            .entry(diagnostic.rule.name)
            .or_insert_with(|| (diagnostic.rule, Vec::new()))
            .1
            .push(diagnostic.span.start);
    }
    for (_, at) in starts.values_mut() {
        at.sort_unstable();
    }
    let mut regions: HashMap<&'static str, Vec<Span>> = HashMap::new();
    for suppression in suppressions
        .iter_mut()
        .filter(|s| s.directive != Directive::Enable)
    {
        let region = suppression.region;
        let selectors: Vec<Option<&str>> = if suppression.selectors.is_empty() {
            vec![None]
        } else {
            suppression
                .selectors
                .iter()
                .map(|s| Some(s.as_str()))
                .collect()
        };
        for (index, selector) in selectors.into_iter().enumerate() {
            for (name, (rule, at)) in &starts {
                if selector.is_some_and(|selector| !selects(selector, *rule)) {
                    continue;
                }
                regions.entry(name).or_default().push(region);
                let first = at.partition_point(|&start| start < region.start);
                if at.get(first).is_some_and(|&start| start <= region.end) {
                    suppression.used[index] = true;
                }
            }
        }
    }
    let covers: HashMap<&'static str, SpanCover> = regions
        .into_iter()
        .map(|(name, spans)| (name, SpanCover::new(spans)))
        .collect();
    diagnostics.retain(|diagnostic| {
        let start = Span::new(diagnostic.span.start, diagnostic.span.start);
        !covers
            .get(diagnostic.rule.name)
            .is_some_and(|cover| cover.contains(start))
    });
}

/// Drops suppressed findings and adds findings about the suppressions themselves.
pub fn apply(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    if !document.text.contains("copydesk-") {
        return;
    }
    let mut suppressions = parse(document);
    if suppressions.is_empty() {
        return;
    }
    silence(&mut suppressions, diagnostics);
    for suppression in suppressions
        .iter()
        .filter(|s| s.directive != Directive::Enable)
    {
        if settings.is_enabled(&SUPPRESSION_REASON) && !suppression.reason {
            diagnostics.push(Diagnostic::new(
                &SUPPRESSION_REASON,
                suppression.span,
                "suppression gives no reason after ` -- `",
            ));
        }
        if !settings.is_enabled(&SUPPRESSION_UNUSED) {
            continue;
        }
        if suppression.selectors.is_empty() && !suppression.used[0] {
            diagnostics.push(Diagnostic::new(
                &SUPPRESSION_UNUSED,
                suppression.span,
                "suppression silences nothing",
            ));
        }
        for (selector, used) in suppression.selectors.iter().zip(&suppression.used) {
            let message = if !settings.knows(selector) {
                match crate::rules::selector::suggestion(selector, settings.user_rule_ids()) {
                    Some(help) => format!("unknown rule `{selector}` in suppression; {help}"),
                    None => format!("unknown rule `{selector}` in suppression"),
                }
            } else if *used {
                continue;
            } else if !crate::rules::REGISTRY
                .iter()
                .any(|r| selects(selector, *r) && settings.is_enabled(r))
                && !settings
                    .user_rules
                    .iter()
                    .any(|r| selects(selector, r.rule) && settings.is_user_rule_enabled(r))
            {
                // The rule does not run here, so the suppression cannot be judged.
                continue;
            } else {
                format!("suppression of `{selector}` silences nothing")
            };
            diagnostics.push(Diagnostic::new(
                &SUPPRESSION_UNUSED,
                suppression.span,
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_grammar() {
        let (_, (d, rules, reason)) =
            comment("<!-- copydesk-disable-next-line url-path-typo, date -- quoted -->").unwrap();
        assert_eq!(d, Directive::NextLine);
        assert_eq!(rules, ["url-path-typo", "date"]);
        assert!(reason);
        let (_, (d, rules, reason)) = comment("<!--copydesk-disable-file-->").unwrap();
        assert_eq!((d, rules.len(), reason), (Directive::File, 0, false));
        assert!(comment("<!-- copydesk-disabled x -->").is_err());
        assert!(comment("<!-- a note -->").is_err());
    }
}
