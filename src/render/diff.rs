//! `--diff`: a unified diff of what `--fix` would write.

use similar::TextDiff;

/// A unified diff with three lines of context and `a/`/`b/` headers; empty when equal.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The unified diff with ANSI colours when `color`: headers bold, hunk lines cyan,
/// removed lines red and added lines green, as git colours its diffs.
pub fn unified_colored(path: &str, before: &str, after: &str, color: bool) -> String {
    let diff = unified(path, before, after);
    if !color {
        return diff;
    }
    let mut out = String::with_capacity(diff.len() + diff.len() / 8);
    for line in diff.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let style = if body.starts_with("---") || body.starts_with("+++") {
            "1"
        } else if body.starts_with("@@") {
            "36"
        } else if body.starts_with('-') {
            "31"
        } else if body.starts_with('+') {
            "32"
        } else {
            ""
        };
        if style.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(&format!("\x1b[{style}m{body}\x1b[0m{end}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_colored_diff_marks_removed_and_added_lines() {
        let diff = super::unified_colored("x.md", "a\nb\n", "a\nB\n", true);
        assert!(
            diff.contains("\x1b[31m-b\x1b[0m\n\x1b[32m+B\x1b[0m\n"),
            "{diff:?}"
        );
        assert_eq!(
            super::unified_colored("x.md", "a\n", "b\n", false),
            super::unified("x.md", "a\n", "b\n")
        );
    }

    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = super::unified("x.md", "a\nb\nc\n", "a\nB\nc\n");
        assert!(diff.starts_with("--- a/x.md\n+++ b/x.md\n@@"), "{diff}");
        assert!(diff.contains("-b\n+B\n"));
        assert!(super::unified("x.md", "same", "same").is_empty());
    }
}
