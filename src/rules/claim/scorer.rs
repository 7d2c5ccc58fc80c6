//! A learned check-worthiness score for one sentence: logistic regression over hashed word
//! unigrams and bigrams, trained by `tools/claim-model/train.py` on public labelled
//! sentences (English debates and tweets, Spanish tweets; figures in
//! `tools/claim-model/REPORT.md`).
//!
//! The features (word unigrams and bigrams, hashed) are in [`super::features`]; they
//! must be the training script's to the bit.
//!
//! Model file (little-endian), checked on load so that a damaged file is an error:
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `CDCLAIMS` |
//! | 2 | format version (1) |
//! | 2 | feature version (1: the features above) |
//! | 1 | bits: the model has 2^bits weights (10–24) |
//! | 1 | reserved, 0 |
//! | 2 | language, ASCII (`en`, `es`) |
//! | 4 | bias, f32 |
//! | 4 | weight scale, f32 (a weight is its i8 times the scale) |
//! | 4 | threshold, f32: a sentence scoring at least this is a claim |
//! | 4 | FNV-1a of the weight bytes |
//! | 2^bits | weights, i8 |

use std::fmt;
use std::sync::LazyLock;

use super::ClaimLanguage;
use super::features::{FNV_OFFSET, fnv1a, for_each_feature};

const MAGIC: &[u8; 8] = b"CDCLAIMS";
const FORMAT_VERSION: u16 = 1;
const FEATURE_VERSION: u16 = 1;
const HEADER_LEN: usize = 32;
const BITS: std::ops::RangeInclusive<u8> = 10..=24;

static ENGLISH: LazyLock<Result<ClaimModel, ModelError>> = LazyLock::new(|| {
    ClaimModel::embedded(include_bytes!("../../../rules/claim-model-en.bin"), "en")
});
static SPANISH: LazyLock<Result<ClaimModel, ModelError>> = LazyLock::new(|| {
    ClaimModel::embedded(include_bytes!("../../../rules/claim-model-es.bin"), "es")
});

/// Why a model file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelError {
    /// Shorter than its header, or its length is not the header plus 2^bits weights.
    Length {
        expected: usize,
        found: usize,
    },
    BadMagic,
    /// A format or feature version this build does not implement.
    UnsupportedVersion {
        format: u16,
        features: u16,
    },
    BadBits(u8),
    /// Bias, scale or threshold not finite, scale not positive, threshold outside 0..1.
    BadParameters,
    /// The weights do not hash to the header's checksum.
    BadChecksum,
    /// The file's language tag is not the one it was loaded for.
    WrongLanguage([u8; 2]),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Length { expected, found } => {
                write!(f, "claim model: {found} bytes, expected {expected}")
            }
            ModelError::BadMagic => f.write_str("claim model: not a claim model file"),
            ModelError::UnsupportedVersion { format, features } => write!(
                f,
                "claim model: format {format} / features {features} not supported \
                 (this build reads {FORMAT_VERSION} / {FEATURE_VERSION})"
            ),
            ModelError::BadBits(bits) => write!(f, "claim model: {bits} hash bits out of range"),
            ModelError::BadParameters => {
                f.write_str("claim model: bias, scale or threshold invalid")
            }
            ModelError::BadChecksum => f.write_str("claim model: weights damaged (checksum)"),
            ModelError::WrongLanguage(tag) => write!(
                f,
                "claim model: language tag {:?}",
                String::from_utf8_lossy(tag)
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// A check-worthiness model for one language.
#[derive(Debug, Clone)]
pub struct ClaimModel {
    language: [u8; 2],
    bits: u8,
    bias: f32,
    scale: f32,
    threshold: f32,
    weights: Box<[i8]>,
}

impl ClaimModel {
    /// The model shipped for `language`, validated the first time it is asked for.
    ///
    /// ```
    /// use copydesk::rules::claim::{ClaimLanguage, scorer::ClaimModel};
    ///
    /// let model = ClaimModel::builtin(ClaimLanguage::English)?;
    /// let claim = model.score("Exports from the port grew 45% in 2019, the ministry said.");
    /// let chatter = model.score("Thank you all for being here tonight.");
    /// assert!(claim > model.threshold() && chatter < model.threshold());
    /// # Ok::<(), copydesk::rules::claim::scorer::ModelError>(())
    /// ```
    pub fn builtin(language: ClaimLanguage) -> Result<&'static ClaimModel, ModelError> {
        let model = match language {
            ClaimLanguage::English => &*ENGLISH,
            ClaimLanguage::Spanish => &*SPANISH,
        };
        model.as_ref().map_err(|error| *error)
    }

    fn embedded(bytes: &[u8], language: &str) -> Result<ClaimModel, ModelError> {
        let model = ClaimModel::from_bytes(bytes)?;
        if model.language != language.as_bytes() {
            return Err(ModelError::WrongLanguage(model.language));
        }
        Ok(model)
    }

    /// Reads and checks a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<ClaimModel, ModelError> {
        let header = bytes.get(..HEADER_LEN).ok_or(ModelError::Length {
            expected: HEADER_LEN,
            found: bytes.len(),
        })?;
        let u16_at = |at: usize| u16::from_le_bytes([header[at], header[at + 1]]);
        let u32_at = |at: usize| {
            u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
        };
        let f32_at = |at: usize| f32::from_bits(u32_at(at));
        if &header[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let (format, features) = (u16_at(8), u16_at(10));
        if format != FORMAT_VERSION || features != FEATURE_VERSION {
            return Err(ModelError::UnsupportedVersion { format, features });
        }
        let bits = header[12];
        if !BITS.contains(&bits) || header[13] != 0 {
            return Err(ModelError::BadBits(bits));
        }
        let expected = HEADER_LEN + (1usize << bits);
        if bytes.len() != expected {
            return Err(ModelError::Length {
                expected,
                found: bytes.len(),
            });
        }
        let (bias, scale, threshold) = (f32_at(16), f32_at(20), f32_at(24));
        let valid = bias.is_finite()
            && scale.is_finite()
            && scale > 0.0
            && threshold.is_finite()
            && threshold > 0.0
            && threshold < 1.0;
        if !valid {
            return Err(ModelError::BadParameters);
        }
        let weight_bytes = &bytes[HEADER_LEN..];
        if fnv1a(FNV_OFFSET, weight_bytes) != u32_at(28) {
            return Err(ModelError::BadChecksum);
        }
        Ok(ClaimModel {
            language: [header[14], header[15]],
            bits,
            bias,
            scale,
            threshold,
            weights: weight_bytes.iter().map(|&b| b as i8).collect(),
        })
    }

    /// The probability (0..1) that `sentence` is a check-worthy factual claim.
    pub fn score(&self, sentence: &str) -> f32 {
        let mut buckets = Vec::with_capacity(sentence.len() / 3 + 4);
        for_each_feature(sentence, |hash| buckets.push(self.bucket(hash)));
        // Binary features: a bucket counts once, however many features fall in it.
        buckets.sort_unstable();
        buckets.dedup();
        let mut z = f64::from(self.bias);
        if !buckets.is_empty() {
            let sum: i64 = buckets
                .iter()
                .map(|&b| i64::from(self.weights[b as usize]))
                .sum();
            z += f64::from(self.scale) * sum as f64 / (buckets.len() as f64).sqrt();
        }
        (1.0 / (1.0 + (-z).exp())) as f32
    }

    /// The score from which a sentence counts as a claim: the one that maximised F1 under
    /// cross-validation.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Whether `sentence` scores at or above the threshold.
    pub fn is_claim(&self, sentence: &str) -> bool {
        self.score(sentence) >= self.threshold
    }

    fn bucket(&self, hash: u32) -> u32 {
        (hash ^ (hash >> self.bits)) & ((1u32 << self.bits) - 1)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_the_training_script() {
        let parity = include_str!("../../../fixtures/claim-model/parity.tsv");
        let mut compared = 0;
        for line in parity.lines().skip(1) {
            let mut fields = line.splitn(3, '\t');
            let (language, expected, sentence) = (
                fields.next().unwrap(),
                fields.next().unwrap(),
                fields.next().unwrap_or(""),
            );
            let language = match language {
                "en" => ClaimLanguage::English,
                "es" => ClaimLanguage::Spanish,
                other => panic!("unknown language {other}"),
            };
            let expected: f32 = expected.parse().unwrap();
            let score = ClaimModel::builtin(language).unwrap().score(sentence);
            assert!(
                (score - expected).abs() < 1e-3,
                "{sentence:?}: Rust {score}, training script {expected}"
            );
            compared += 1;
        }
        assert!(compared >= 40, "only {compared} parity sentences");
    }

    #[test]
    fn obvious_claims_outscore_obvious_non_claims() {
        let cases = [
            (
                ClaimLanguage::English,
                "Unemployment in the state rose to 9.2 percent in 2011, the highest since 1983.",
                "Thank you very much, it is good to be here tonight.",
            ),
            (
                ClaimLanguage::Spanish,
                "La deuda de la región creció un 18 % entre 2015 y 2020, hasta 4.000 millones de euros.",
                "Muchas gracias a todos, ¡buenas noches!",
            ),
        ];
        for (language, claim, chatter) in cases {
            let model = ClaimModel::builtin(language).unwrap();
            assert!(model.is_claim(claim), "{claim}: {}", model.score(claim));
            assert!(
                !model.is_claim(chatter),
                "{chatter}: {}",
                model.score(chatter)
            );
        }
    }

    fn english_bytes() -> Vec<u8> {
        include_bytes!("../../../rules/claim-model-en.bin").to_vec()
    }

    #[test]
    fn builtin_models_load_and_match_their_language() {
        for language in [ClaimLanguage::English, ClaimLanguage::Spanish] {
            let model = ClaimModel::builtin(language).unwrap();
            assert!(model.threshold() > 0.0 && model.threshold() < 1.0);
        }
        let spanish = include_bytes!("../../../rules/claim-model-es.bin");
        assert_eq!(
            ClaimModel::embedded(spanish, "en").unwrap_err(),
            ModelError::WrongLanguage(*b"es")
        );
    }

    #[test]
    fn malformed_models_are_rejected() {
        let good = english_bytes();
        assert!(ClaimModel::from_bytes(&good).is_ok());
        let reject = |bytes: &[u8]| ClaimModel::from_bytes(bytes).unwrap_err();
        assert!(matches!(reject(&[]), ModelError::Length { .. }));
        assert!(matches!(
            reject(&good[..good.len() - 1]),
            ModelError::Length { .. }
        ));
        let mut longer = good.clone();
        longer.push(0);
        assert!(matches!(reject(&longer), ModelError::Length { .. }));
        let edit = |at: usize, value: u8| {
            let mut bytes = good.clone();
            bytes[at] = value;
            bytes
        };
        assert_eq!(reject(&edit(0, b'X')), ModelError::BadMagic);
        assert!(matches!(
            reject(&edit(8, 9)),
            ModelError::UnsupportedVersion { .. }
        ));
        assert!(matches!(
            reject(&edit(10, 9)),
            ModelError::UnsupportedVersion { .. }
        ));
        assert_eq!(reject(&edit(12, 40)), ModelError::BadBits(40));
        // One bit fewer: the length no longer fits.
        assert!(matches!(
            reject(&edit(12, good[12] - 1)),
            ModelError::Length { .. }
        ));
        // Threshold's top byte 0x7f: NaN or huge.
        assert_eq!(reject(&edit(27, 0x7f)), ModelError::BadParameters);
        // Scale negative.
        assert_eq!(
            reject(&edit(23, good[23] | 0x80)),
            ModelError::BadParameters
        );
        let last = good.len() - 1;
        assert_eq!(reject(&edit(last, good[last] ^ 1)), ModelError::BadChecksum);
    }

    #[test]
    fn any_text_scores_a_probability() {
        let model = ClaimModel::builtin(ClaimLanguage::English).unwrap();
        for text in [
            "",
            "@",
            "@_",
            "https://",
            "$",
            "1,",
            "1,2,",
            "¥ 2024 %",
            "ǅ İ ß ﬃ",
            "\u{a0}5\u{202f}%",
            "'a'b'",
            "x\u{2019}",
            "9".repeat(10_000).as_str(),
        ] {
            let score = model.score(text);
            assert!((0.0..=1.0).contains(&score), "{text:?}: {score}");
        }
    }
}
