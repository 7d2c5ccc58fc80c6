//! Applying fixes: sorted, non-overlapping byte edits, re-checked until stable, written
//! atomically.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::rules::settings::Settings;
use crate::source::{Encoding, Source};

/// How many check-and-fix passes to make before giving up on overlapping fixes.
const MAX_PASSES: usize = 10;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Safe,
    /// Safe and unsafe fixes.
    Unsafe,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        self == FixMode::Unsafe || applicability == Applicability::Safe
    }
}

/// Applies every allowed fix that does not overlap an earlier one. Returns the new text and
/// how many fixes were applied; fixes that would change nothing are skipped.
pub fn apply(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let (chosen, applied) = choose(text, diagnostics, mode);
    let mut fixed = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in chosen {
        fixed.push_str(&text[cursor..edit.span.start]);
        fixed.push_str(&edit.content);
        cursor = edit.span.end;
    }
    fixed.push_str(&text[cursor..]);
    (fixed, applied)
}

/// The edits [`apply`] makes, sorted by position, and how many fixes they come from: every
/// allowed fix whose edits are valid for `text` and overlap no earlier fix's edits.
pub fn choose<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    mode: FixMode,
) -> (Vec<&'d Edit>, usize) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| mode.allows(f.applicability) && !f.edits.is_empty())
        .filter(|f| {
            f.edits
                .iter()
                .any(|e| text.get(e.span.start..e.span.end) != Some(e.content.as_str()))
        })
        .map(|f| f.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut chosen: Vec<&Edit> = Vec::new();
    // Chosen spans by start, to find an overlap in logarithmic time.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let overlaps_taken = |taken: &BTreeMap<usize, usize>, e: &Edit| {
        let before = taken.range(..=e.span.start).next_back();
        let after = taken.range(e.span.start..).next();
        before.is_some_and(|(&s, &end)| end > e.span.start || s == e.span.start)
            || after.is_some_and(|(&s, _)| s < e.span.end || s == e.span.start)
    };
    let mut applied = 0;
    for edits in fixes {
        let valid = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        // A fix whose own edits overlap is malformed; one that overlaps a chosen fix waits
        // for the next pass.
        let mut own: Vec<&Edit> = edits.iter().collect();
        own.sort_by_key(|e| (e.span.start, e.span.end));
        let self_overlapping = own
            .windows(2)
            .any(|w| w[0].span.end > w[1].span.start || w[0].span.start == w[1].span.start);
        let overlaps = self_overlapping || edits.iter().any(|e| overlaps_taken(&taken, e));
        if valid && !overlaps && edits.iter().all(|e| e.span.end <= text.len()) {
            chosen.extend(edits);
            taken.extend(edits.iter().map(|e| (e.span.start, e.span.end)));
            applied += 1;
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    (chosen, applied)
}

/// What [`fix_until_stable`] made of a source.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed source, or the original when the fixes went round in a circle.
    pub source: Source,
    /// How many fixes were applied in all.
    pub applied: usize,
    /// The rules whose fixes undid each other (the text came back to an earlier state),
    /// when that happened; nothing is applied then.
    pub cycle: Option<Vec<&'static str>>,
}

/// Checks and fixes repeatedly until no allowed fix is left (fixes that overlapped in one
/// pass get their turn in the next). Fixes that bring the text back to an earlier state
/// (`colour` → `color` → `colour`) are a cycle: none of them is applied.
pub fn fix_until_stable(source: &Source, settings: &Settings, mode: FixMode) -> Fixed {
    let mut current = source.clone();
    let mut total = 0;
    let mut seen = vec![fingerprint(&source.text)];
    let mut rules: Vec<&'static str> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diagnostics = crate::check(&current, settings);
        let (text, applied) = apply(&current.text, &diagnostics, mode);
        if applied == 0 {
            break;
        }
        for diagnostic in &diagnostics {
            let allowed = diagnostic
                .fix
                .as_ref()
                .is_some_and(|f| mode.allows(f.applicability));
            if allowed && !rules.contains(&diagnostic.rule.name) {
                rules.push(diagnostic.rule.name);
            }
        }
        let print = fingerprint(&text);
        if seen.contains(&print) {
            return Fixed {
                source: source.clone(),
                applied: 0,
                cycle: Some(rules),
            };
        }
        seen.push(print);
        total += applied;
        let (bom, encoding) = (current.bom, current.encoding);
        current = Source::new(current.path.clone(), text);
        current.bom = bom;
        current.encoding = encoding;
    }
    Fixed {
        source: current,
        applied: total,
        cycle: None,
    }
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The bytes of a source as they go to disk: its BOM, if it had one, then its text.
pub fn file_bytes(source: &Source) -> Vec<u8> {
    match source.encoding {
        Encoding::Utf16Le => {
            return [0xff, 0xfe]
                .into_iter()
                .chain(source.text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
        }
        Encoding::Utf16Be => {
            return [0xfe, 0xff]
                .into_iter()
                .chain(source.text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect();
        }
        Encoding::Utf8 => {}
    }
    let mut bytes = Vec::with_capacity(source.text.len() + 3);
    if source.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(source.text.as_bytes());
    bytes
}

/// Writes `fixed` over `path`, which held `original` when it was read, with the guarantees
/// of [`crate::files::write_fixed`]: atomic, through links, keeping owner, permissions and
/// hard links, and never over a write that came after the read. What it returns is to be
/// settled again after a pause ([`crate::files::Replaced::settle`]).
pub fn write_atomically(
    path: &Path,
    original: &Source,
    fixed: &Source,
) -> Result<Option<crate::files::Replaced>, crate::files::WriteError> {
    crate::files::write_fixed(path, &file_bytes(original), &file_bytes(fixed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::document::Span;
    use crate::rules::REGISTRY;

    fn with_fix(span: Span, content: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new(REGISTRY[0], span, "x").with_fix(Fix::replace(
            "fix".into(),
            applicability,
            span,
            content.into(),
        ))
    }

    #[test]
    fn applies_sorted_edits_and_skips_overlaps() {
        let text = "one two three";
        let diagnostics = [
            with_fix(Span::new(8, 13), "3", Applicability::Safe),
            with_fix(Span::new(0, 3), "1", Applicability::Safe),
            with_fix(Span::new(2, 7), "clash", Applicability::Safe),
        ];
        assert_eq!(
            apply(text, &diagnostics, FixMode::Safe),
            ("1 two 3".to_string(), 2)
        );
    }

    #[test]
    fn a_fix_whose_edits_overlap_is_skipped() {
        let mut diagnostic = with_fix(Span::new(0, 3), "x", Applicability::Safe);
        if let Some(fix) = diagnostic.fix.as_mut() {
            fix.edits.push(Edit {
                span: Span::new(2, 4),
                content: "y".into(),
            });
        }
        assert_eq!(
            apply("abcdef", &[diagnostic], FixMode::Safe),
            ("abcdef".to_string(), 0)
        );
    }

    #[test]
    fn unsafe_fixes_need_unsafe_mode() {
        let text = "alpha";
        let diagnostics = [with_fix(Span::new(0, 5), "beta", Applicability::Unsafe)];
        assert_eq!(apply(text, &diagnostics, FixMode::Safe).1, 0);
        assert_eq!(apply(text, &diagnostics, FixMode::Unsafe).0, "beta");
    }

    #[test]
    fn no_op_and_out_of_range_edits_are_skipped() {
        let diagnostics = [
            with_fix(Span::new(0, 5), "alpha", Applicability::Safe),
            with_fix(Span::new(3, 90), "x", Applicability::Safe),
        ];
        assert_eq!(
            apply("alpha", &diagnostics, FixMode::Safe),
            ("alpha".to_string(), 0)
        );
    }
}
