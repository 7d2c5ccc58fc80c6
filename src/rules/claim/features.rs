//! The features of the claim model: hashed word unigrams and bigrams of a sentence.
//!
//! The features must be the training script's to the bit (`tools/claim-model/features.py`
//! documents them; `fixtures/claim-model/parity.tsv` holds its scores, which the scorer's
//! tests compare). In short: a word is a run of alphanumeric characters, joined across an
//! apostrophe between letters and across `.`/`,` between digits, lower-cased one character
//! at a time; numbers become `<money>`, `<pct>`, `<year>` or `<num>`; URLs `<url>`; handles
//! `<user>`; a capitalised word after the first token adds `<cap>`. Every token and every
//! pair of neighbouring tokens (with `<s>`/`</s>` at the ends) is hashed with 32-bit
//! FNV-1a into 2^bits buckets; the vector is binary and L2-normalised.

pub(super) const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;
/// Joins the two tokens of a bigram: no token contains it.
const BIGRAM_JOIN: u8 = 0x1f;

/// 32-bit FNV-1a, continued from `state`: the training script's hash.
pub(super) fn fnv1a(mut state: u32, bytes: &[u8]) -> u32 {
    for &byte in bytes {
        state ^= u32::from(byte);
        state = state.wrapping_mul(FNV_PRIME);
    }
    state
}

/// A token: a shape standing for many words, or a word as written (hashed lower-cased).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Shape(&'static str),
    Word(&'a str),
}

const URL: &str = "<url>";
const USER: &str = "<user>";
const MONEY: &str = "<money>";
const PCT: &str = "<pct>";
const YEAR: &str = "<year>";
const NUM: &str = "<num>";
const CAP: &str = "<cap>";
const START: &str = "<s>";
const END: &str = "</s>";

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

fn is_number_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Calls `emit` with the FNV-1a hash of every feature of `sentence`, in order.
pub(super) fn for_each_feature(sentence: &str, mut emit: impl FnMut(u32)) {
    let mut previous = fnv1a(FNV_OFFSET, START.as_bytes());
    let mut any = false;
    let mut capitalised = false;
    for_each_token(sentence, |token, capital| {
        capitalised |= capital;
        let (unigram, bigram) = match token {
            Token::Shape(shape) => {
                let bytes = shape.as_bytes();
                let unigram = fnv1a(FNV_OFFSET, bytes);
                (unigram, fnv1a(fnv1a(previous, &[BIGRAM_JOIN]), bytes))
            }
            Token::Word(word) => {
                let mut unigram = FNV_OFFSET;
                let mut bigram = fnv1a(previous, &[BIGRAM_JOIN]);
                let mut utf8 = [0u8; 4];
                for c in word.chars() {
                    let c = if c == '\u{2019}' { '\'' } else { c };
                    if c.is_ascii() {
                        let byte = [c.to_ascii_lowercase() as u8];
                        unigram = fnv1a(unigram, &byte);
                        bigram = fnv1a(bigram, &byte);
                    } else {
                        for lower in c.to_lowercase() {
                            let bytes = lower.encode_utf8(&mut utf8).as_bytes();
                            unigram = fnv1a(unigram, bytes);
                            bigram = fnv1a(bigram, bytes);
                        }
                    }
                }
                (unigram, bigram)
            }
        };
        emit(unigram);
        emit(bigram);
        previous = unigram;
        any = true;
    });
    if any {
        emit(fnv1a(fnv1a(previous, &[BIGRAM_JOIN]), END.as_bytes()));
    }
    if capitalised {
        emit(fnv1a(FNV_OFFSET, CAP.as_bytes()));
    }
}

/// Calls `emit` with each token of `text` and whether it is a capitalised word after the
/// first token.
fn for_each_token<'a>(text: &'a str, mut emit: impl FnMut(Token<'a>, bool)) {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let char_before = |at: usize| text.get(..at).and_then(|head| head.chars().next_back());
    let is_handle_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut seen_token = false;
    let mut at = 0;
    while let Some(c) = char_at(at) {
        let next = at + c.len_utf8();
        if c == '@' && char_at(next).is_some_and(is_handle_char) {
            at = next;
            while let Some(d) = char_at(at).filter(|&d| is_handle_char(d)) {
                at += d.len_utf8();
            }
            emit(Token::Shape(USER), false);
            seen_token = true;
            continue;
        }
        if !c.is_alphanumeric() {
            at = next;
            continue;
        }
        let prefix = [&b"http://"[..], &b"https://"[..]]
            .into_iter()
            .find(|prefix| {
                bytes
                    .get(at..at + prefix.len())
                    .is_some_and(|candidate| candidate.eq_ignore_ascii_case(prefix))
            })
            .map_or(0, <[u8]>::len);
        if prefix > 0 {
            at += prefix;
            while let Some(d) = char_at(at).filter(|d| !d.is_whitespace()) {
                at += d.len_utf8();
            }
            emit(Token::Shape(URL), false);
            seen_token = true;
            continue;
        }
        let start = at;
        let mut last = c;
        at = next;
        while let Some(d) = char_at(at) {
            let after = at + d.len_utf8();
            let joins = d.is_alphanumeric()
                || (matches!(d, '.' | ',')
                    && last.is_ascii_digit()
                    && char_at(after).is_some_and(|e| e.is_ascii_digit()))
                || (is_apostrophe(d)
                    && last.is_alphabetic()
                    && char_at(after).is_some_and(char::is_alphabetic));
            if !joins {
                break;
            }
            last = d;
            at = after;
        }
        if c.is_ascii_digit() {
            emit(
                Token::Shape(number_shape(text, start, at, char_before, char_at)),
                false,
            );
        } else {
            emit(
                Token::Word(&text[start..at]),
                seen_token && c.is_uppercase(),
            );
        }
        seen_token = true;
    }
}

/// The shape of the number `text[start..end]`, which starts with an ASCII digit.
fn number_shape(
    text: &str,
    start: usize,
    end: usize,
    char_before: impl Fn(usize) -> Option<char>,
    char_at: impl Fn(usize) -> Option<char>,
) -> &'static str {
    let mut before = char_before(start);
    if let Some(space) = before.filter(|&c| is_number_space(c)) {
        before = char_before(start - space.len_utf8());
    }
    if before.is_some_and(is_currency) {
        return MONEY;
    }
    let mut after = char_at(end);
    if let Some(space) = after.filter(|&c| is_number_space(c)) {
        after = char_at(end + space.len_utf8());
    }
    match after {
        Some('%') => return PCT,
        Some(c) if is_currency(c) => return MONEY,
        _ => {}
    }
    let number = &text.as_bytes()[start..end];
    let digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
    let separated = matches!(number.get(digits), Some(b'.' | b','));
    if digits == 4 && !separated {
        let year = number[..4]
            .iter()
            .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        if (1800..=2099).contains(&year) {
            return YEAR;
        }
    }
    NUM
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |token, capital| {
            out.push(match token {
                Token::Shape(shape) => shape.to_string(),
                Token::Word(word) => word.to_lowercase().replace('\u{2019}', "'"),
            });
            if capital {
                out.push(CAP.to_string());
            }
        });
        out
    }

    #[test]
    fn numbers_become_shapes() {
        assert_eq!(
            tokens("Exports rose 4.5% to $3,200 in 1990s Lima, 12 € or 7 %, 2100 and 1.999"),
            [
                "exports", "rose", "<pct>", "to", "<money>", "in", "<year>", "lima", "<cap>",
                "<money>", "or", "<pct>", "<num>", "and", "<num>"
            ]
        );
    }

    #[test]
    fn words_join_across_apostrophes_and_handles_and_urls_are_shapes() {
        assert_eq!(
            tokens("We’ve said it's 'odd' — ask @port_2 at HTTPS://x.org/a?b=1 now"),
            [
                "we've", "said", "it's", "odd", "ask", "<user>", "at", "<url>", "now"
            ]
        );
    }
}
