"""Sentence features of the claim scorer, exactly as `src/rules/claim/scorer.rs` computes them.

Any change here changes every score: bump `FEATURE_VERSION`, mirror it in Rust, retrain,
and regenerate `fixtures/claim-model/parity.tsv` (the Rust parity test then checks both
sides agree).

Tokens (one left-to-right scan over the characters):
- a URL (`http://…`, `https://…`, up to the next whitespace) is the token `<url>`;
- a handle (`@` followed by letters, digits or `_`) is `<user>`;
- a word is a run of alphanumeric characters (`str.isalnum`, Rust `char::is_alphanumeric`),
  joined across an apostrophe (`'` or `’`) between two letters and across `.` or `,`
  between two ASCII digits; it is lower-cased one character at a time (`str.lower` of
  each character, Rust `char::to_lowercase`) and `’` becomes `'`;
- a word that starts with an ASCII digit is a number, replaced by its shape: `<money>`
  when a currency sign (`$ € £ ¥`) stands right before it or after it (one space
  allowed), `<pct>` when `%` follows it (one space allowed), `<year>` when its leading
  digits are exactly four with no separator and read 1800–2099 (also `1990s`), else
  `<num>`.
Beside the tokens, each word written with a capital first letter after the first token
adds the signal token `<cap>` (a named who or what; lower-casing would lose it).

Features: every token (unigram) and every pair of neighbouring tokens (bigram), the
first and the last paired with the boundary marks `<s>` and `</s>`; signal tokens take
part only as unigrams. Each feature is hashed with 32-bit FNV-1a over its UTF-8 bytes (a
bigram is `a`, the byte 0x1F, `b`), folded into 2^bits buckets as `(h ^ (h >> bits)) &
(2^bits - 1)`. A sentence's vector is binary (1 in each bucket some feature falls in),
L2-normalised: each set bucket weighs 1/sqrt(number of set buckets). Under 5-fold
cross-validation this measured better than counts and than adding character 3–5-grams
(see REPORT.md).
"""

from __future__ import annotations

FEATURE_VERSION = 1

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
BIGRAM_JOIN = 0x1F
CURRENCY = "$€£¥"
SPACES = " \u00a0\u202f"
APOSTROPHES = "'\u2019"
DIGITS = "0123456789"

URL = "<url>"
USER = "<user>"
MONEY = "<money>"
PCT = "<pct>"
YEAR = "<year>"
NUM = "<num>"
CAP = "<cap>"
START = "<s>"
END = "</s>"


def fnv1a(data: bytes, state: int = FNV_OFFSET) -> int:
    """32-bit FNV-1a of `data`, continuing from `state`."""
    for byte in data:
        state ^= byte
        state = (state * FNV_PRIME) & 0xFFFFFFFF
    return state


def bucket(hash_value: int, bits: int) -> int:
    return (hash_value ^ (hash_value >> bits)) & ((1 << bits) - 1)


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def _is_space(c: str) -> bool:
    """Unicode White_Space (Rust `char::is_whitespace`); `str.isspace` adds U+001C–U+001F."""
    return c.isspace() and c not in "\x1c\x1d\x1e\x1f"


def _starts_url(text: str, at: int) -> int:
    """Length of `http://` or `https://` (any case) at `at`, or 0."""
    for prefix in ("http://", "https://"):
        candidate = text[at : at + len(prefix)]
        if candidate.isascii() and candidate.lower() == prefix:
            return len(prefix)
    return 0


def _number_shape(text: str, start: int, end: int) -> str:
    """The shape token of the number `text[start:end]` (it starts with an ASCII digit)."""
    before = start - 1
    if before >= 0 and text[before] in SPACES:
        before -= 1
    if before >= 0 and text[before] in CURRENCY:
        return MONEY
    after = end
    if after < len(text) and text[after] in SPACES:
        after += 1
    if after < len(text):
        if text[after] == "%":
            return PCT
        if text[after] in CURRENCY:
            return MONEY
    digits = 0
    while start + digits < end and text[start + digits] in DIGITS:
        digits += 1
    followed_by_separator = start + digits < end and text[start + digits] in ".,"
    if digits == 4 and not followed_by_separator:
        year = int(text[start : start + 4])
        if 1800 <= year <= 2099:
            return YEAR
    return NUM


def tokens(text: str) -> tuple[list[str], int]:
    """The tokens of `text` and the number of `<cap>` signals."""
    out: list[str] = []
    caps = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "@" and i + 1 < n and (_is_word_char(text[i + 1]) or text[i + 1] == "_"):
            i += 1
            while i < n and (_is_word_char(text[i]) or text[i] == "_"):
                i += 1
            out.append(USER)
            continue
        if not _is_word_char(c):
            i += 1
            continue
        prefix = _starts_url(text, i)
        if prefix:
            i += prefix
            while i < n and not _is_space(text[i]):
                i += 1
            out.append(URL)
            continue
        start = i
        i += 1
        while i < n:
            d = text[i]
            if _is_word_char(d):
                i += 1
            elif (
                d in ".,"
                and i + 1 < n
                and text[i - 1] in DIGITS
                and text[i + 1] in DIGITS
            ):
                i += 1
            elif (
                d in APOSTROPHES
                and i + 1 < n
                and text[i - 1].isalpha()
                and text[i + 1].isalpha()
            ):
                i += 1
            else:
                break
        if c in DIGITS:
            out.append(_number_shape(text, start, i))
            continue
        if out and c.isupper():
            caps += 1
        word = "".join(ch.lower() for ch in text[start:i]).replace("\u2019", "'")
        out.append(word)
    return out, caps


def feature_hashes(text: str) -> list[int]:
    """The FNV-1a hash of every feature of `text`, in order."""
    toks, caps = tokens(text)
    hashes: list[int] = []
    previous = fnv1a(START.encode())
    for tok in toks:
        data = tok.encode()
        hashes.append(fnv1a(data))
        hashes.append(fnv1a(data, fnv1a(bytes([BIGRAM_JOIN]), previous)))
        previous = fnv1a(data)
    if toks:
        hashes.append(fnv1a(END.encode(), fnv1a(bytes([BIGRAM_JOIN]), previous)))
    cap = fnv1a(CAP.encode())
    hashes.extend([cap] * caps)
    return hashes


def feature_buckets(text: str, bits: int) -> list[int]:
    """The distinct buckets that `text` sets, ascending: the vector is binary."""
    return sorted({bucket(h, bits) for h in feature_hashes(text)})
