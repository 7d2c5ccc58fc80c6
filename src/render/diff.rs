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

#[cfg(test)]
mod tests {
    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = super::unified("x.md", "a\nb\nc\n", "a\nB\nc\n");
        assert!(diff.starts_with("--- a/x.md\n+++ b/x.md\n@@"), "{diff}");
        assert!(diff.contains("-b\n+B\n"));
        assert!(super::unified("x.md", "same", "same").is_empty());
    }
}
