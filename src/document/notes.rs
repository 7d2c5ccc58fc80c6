//! nom grammars for note markers (`[^id]`, `¹³`) and note definitions.

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::char;
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::{NoteDef, NoteSyntax, Span};

/// The ASCII digit a superscript digit stands for.
pub fn superscript_value(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

fn is_superscript_digit(c: char) -> bool {
    superscript_value(c).is_some()
}

/// Where the first superscript digit of `text` starts. They all begin with byte `0xC2`
/// (`¹²³`) or `0xE2` (`⁰⁴`…`⁹`), so only those bytes are decoded.
fn find_superscript_digit(text: &str) -> Option<usize> {
    memchr::memchr2_iter(0xc2, 0xe2, text.as_bytes())
        .find(|&at| text[at..].chars().next().is_some_and(is_superscript_digit))
}

/// One or more superscript digits.
pub fn superscript_run(input: &str) -> IResult<&str, &str> {
    take_while1(is_superscript_digit).parse(input)
}

/// The id inside `[^id]`: no whitespace, no brackets.
fn bracket_label(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c != ']' && c != '[' && !c.is_whitespace()).parse(input)
}

/// `[^id]`, returning the id.
pub fn bracket_ref(input: &str) -> IResult<&str, &str> {
    delimited(tag("[^"), bracket_label, char(']')).parse(input)
}

/// `[^id]:` at the start of a definition, returning the id.
pub fn bracket_definition(input: &str) -> IResult<&str, &str> {
    let (rest, id) = bracket_ref(input)?;
    let (rest, _) = char(':').parse(rest)?;
    Ok((rest, id))
}

/// The normalised id of a superscript run: `¹³` → `13`.
pub fn superscript_id(run: &str) -> String {
    run.chars().filter_map(superscript_value).collect()
}

/// The normalised id of a bracket label: labels match case-insensitively.
pub fn bracket_id(label: &str) -> String {
    label.to_lowercase()
}

/// Units whose superscript is an exponent (`km²`, `m³`), never a note marker.
const UNITS: &[&str] = &[
    "cm", "dm", "ft", "ha", "in", "km", "kg", "mi", "mm", "ms", "nm", "sq", "yd", "µm",
];

/// How a superscript run at `start..end` of `text` reads: `None` when it cannot be a note
/// marker (`x²y`, a run at the very start), `Some(true)` when it could also be an exponent
/// (`x²`, `10²`, `km²`, `2¹⁶`, but also `in 2019²`), `Some(false)` when it is a marker.
fn marker_context(text: &str, start: usize, end: usize) -> Option<bool> {
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let before = &text[..start];
    let previous = before.chars().next_back()?;
    if previous.is_numeric() || matches!(previous, '⁺' | '⁻' | '⁼' | '⁽' | '⁾' | '^' | '/')
    {
        return Some(true);
    }
    if previous.is_alphabetic() {
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        let unit = word.chars().count() == 1 || UNITS.contains(&word);
        // `85,000 m²`: a unit after a figure takes a power, never a note.
        let after_figure = before[..word_start]
            .strip_suffix(' ')
            .and_then(|b| b.chars().next_back())
            .is_some_and(|c| c.is_ascii_digit());
        if unit && after_figure && matches!(&text[start..end], "²" | "³") {
            return None;
        }
        if unit {
            return Some(true);
        }
    }
    Some(false)
}

/// A superscript run that may be a note marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuperscriptMarker {
    pub span: Span,
    pub id: String,
    /// It could be an exponent: it follows a digit, a single letter or a unit.
    pub exponent_like: bool,
}

/// Superscript runs inside `run` of `text` that may be note markers.
pub fn superscript_markers(text: &str, run: Span) -> Vec<SuperscriptMarker> {
    let mut markers = Vec::new();
    let slice = run.text(text);
    let mut offset = 0;
    while let Some(found) = find_superscript_digit(&slice[offset..]) {
        let start = offset + found;
        let Ok((rest, digits)) = superscript_run(&slice[start..]) else {
            break;
        };
        let end = slice.len() - rest.len();
        let (abs_start, abs_end) = (run.start + start, run.start + end);
        if let Some(exponent_like) = marker_context(text, abs_start, abs_end) {
            markers.push(SuperscriptMarker {
                span: Span::new(abs_start, abs_end),
                id: superscript_id(digits),
                exponent_like,
            });
        }
        offset = end;
    }
    markers
}

/// A superscript definition label at the start of `line`: the run, then whitespace.
fn superscript_definition_label(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let (rest, digits) = superscript_run(&line[indent..]).ok()?;
    if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        return None;
    }
    Some(&line[indent..indent + digits.len()])
}

/// The superscript note definitions in one paragraph. A paragraph holds definitions only
/// when its first line starts with one; each later line that starts with superscript
/// digits begins the next definition.
pub fn superscript_definitions(text: &str, paragraph: Span) -> Vec<NoteDef> {
    let mut defs: Vec<NoteDef> = Vec::new();
    let mut line_start = paragraph.start;
    for line in paragraph.text(text).split_inclusive('\n') {
        let line_end = line_start + line.len();
        if let Some(label) = superscript_definition_label(line) {
            let label_start = line_start + (label.as_ptr() as usize - line.as_ptr() as usize);
            let label_span = Span::new(label_start, label_start + label.len());
            if let Some(previous) = defs.last_mut() {
                close_definition(text, previous, line_start);
            }
            defs.push(NoteDef {
                id: superscript_id(label),
                syntax: NoteSyntax::Superscript,
                span: Span::new(label_start, paragraph.end),
                label: label_span,
                body: Span::new(label_span.end, paragraph.end),
            });
        } else if defs.is_empty() {
            return defs;
        }
        line_start = line_end;
    }
    if let Some(last) = defs.last_mut() {
        close_definition(text, last, paragraph.end);
    }
    defs
}

/// Ends a definition at `end`, trimming whitespace from both ends of its body.
pub fn close_definition(text: &str, def: &mut NoteDef, end: usize) {
    let body = &text[def.label.end..end];
    let leading = body.len() - body.trim_start().len();
    let trimmed_end = def.label.end + body.trim_end().len();
    def.body = Span::new((def.label.end + leading).min(trimmed_end), trimmed_end);
    def.span = Span::new(def.label.start, trimmed_end);
}

#[cfg(test)]
mod tests {
    #[test]
    fn superscript_digits_found_by_lead_byte() {
        let samples = [
            "",
            "a",
            "¹",
            "x⁹y",
            "é¢²",
            "2019² km² ¹⁰",
            "—–…⁴",
            "¬⁰",
            "plain text 12",
            "€⁵",
        ];
        for sample in samples {
            for start in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
                let text = &sample[start..];
                assert_eq!(
                    super::find_superscript_digit(text),
                    text.find(super::is_superscript_digit),
                    "{text:?}"
                );
            }
        }
    }

    use super::*;

    fn markers(text: &str) -> Vec<String> {
        superscript_markers(text, Span::new(0, text.len()))
            .into_iter()
            .filter(|m| !m.exponent_like)
            .map(|m| m.id)
            .collect()
    }

    #[test]
    fn bracket_grammar() {
        assert_eq!(bracket_ref("[^note-1] x"), Ok((" x", "note-1")));
        assert_eq!(bracket_definition("[^7]: Title"), Ok((" Title", "7")));
        assert!(bracket_ref("[^ 1]").is_err());
        assert!(bracket_definition("[^1] : x").is_err());
    }

    #[test]
    fn superscripts_after_words_are_markers() {
        assert_eq!(markers("in Puno, Peru¹, as well"), ["1"]);
        assert_eq!(markers("the drug trade¹³. Next"), ["13"]);
        assert_eq!(markers("\"a quote.\"³ This"), ["3"]);
    }

    #[test]
    fn exponents_and_units_are_exponent_like() {
        assert!(markers("an area of 12 km² and 4 m³").is_empty());
        assert!(markers("O(n²) and x² + 2¹⁶ and 10⁻³").is_empty());
        let all = superscript_markers("in 2019² and x²y", Span::new(0, 17));
        assert_eq!(all.len(), 1);
        assert!(all[0].exponent_like);
        // A squared unit after a figure is no marker at all, whatever notes exist.
        assert!(superscript_markers("covers 85,000 m² of storage", Span::new(0, 28)).is_empty());
        assert_eq!(
            superscript_markers("the letter m² here", Span::new(0, 19)).len(),
            1
        );
    }

    #[test]
    fn definitions_split_per_line() {
        let text = "¹ First source. 2023.\n² Second source.\nmore\n";
        let defs = superscript_definitions(text, Span::new(0, text.len()));
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].id, "1");
        assert_eq!(defs[0].body.text(text), "First source. 2023.");
        assert_eq!(defs[1].body.text(text), "Second source.\nmore");
    }

    #[test]
    fn prose_paragraph_is_not_a_definition() {
        let text = "Some prose.\n¹ not a definition here\n";
        assert!(superscript_definitions(text, Span::new(0, text.len())).is_empty());
        assert!(superscript_definitions("¹³", Span::new(0, "¹³".len())).is_empty());
    }
}
