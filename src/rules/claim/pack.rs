//! The claim packs (`rules/claims-en.toml`, `rules/claims-es.toml`) as serde reads them.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Weights {
    pub(super) statistic: f32,
    pub(super) year: f32,
    pub(super) date: f32,
    pub(super) superlative: f32,
    pub(super) ranking: f32,
    pub(super) weak_ranking: f32,
    pub(super) attribution: f32,
    pub(super) quotation: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Numbers {
    pub(super) magnitudes: Vec<String>,
    pub(super) units: Vec<String>,
    pub(super) currencies: Vec<String>,
    /// Numbers in words, for shares such as `four of the twelve years`.
    pub(super) words: Vec<String>,
    /// What joins the two numbers of a share: `of the`, `de los`.
    pub(super) share_of: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Phrases {
    pub(super) statistic: Vec<String>,
    pub(super) superlative: Vec<String>,
    /// Regexes for rankings that phrases cannot list (`la provincia más endeudada`).
    #[serde(default)]
    pub(super) weak_ranking_patterns: Vec<String>,
    /// Regexes for attributions that phrases cannot list (`as the IMF recommended`).
    #[serde(default)]
    pub(super) attribution_patterns: Vec<String>,
    pub(super) ranking: Vec<String>,
    pub(super) weak_ranking: Vec<String>,
    pub(super) attribution: Vec<String>,
    pub(super) source_nouns: Vec<String>,
    pub(super) reporting: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Modifiers {
    pub(super) named: f32,
    pub(super) personal: f32,
    pub(super) hypothetical: f32,
    pub(super) sourced_notes: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Words {
    /// Verbs that open a recommendation in a list item (`- extend the period…`).
    pub(super) imperatives: Vec<String>,
    /// Endings of the infinitives that open a recommendation (`- publicar los…`).
    #[serde(default)]
    pub(super) infinitive_endings: Vec<String>,
    /// Articles and determiners: a list item's first word followed by one is a verb…
    #[serde(default)]
    pub(super) articles: Vec<String>,
    /// …unless it is one of these.
    #[serde(default)]
    pub(super) not_verbs: Vec<String>,
    pub(super) personal: Vec<String>,
    pub(super) hypothetical: Vec<String>,
    pub(super) conditional: Vec<String>,
    pub(super) discourse: Vec<String>,
    pub(super) idioms: Vec<String>,
    pub(super) not_named: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NotClaims {
    pub(super) hedges: Vec<String>,
    pub(super) meta: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Sections {
    pub(super) sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Pack {
    /// `en` or `es`: routes extra packs, and names the month names of
    /// `rules/dates.toml` that the pack's date signal reads.
    pub(super) language: String,
    pub(super) stopwords: Vec<String>,
    pub(super) threshold: f32,
    pub(super) weights: Weights,
    pub(super) modifiers: Modifiers,
    pub(super) numbers: Numbers,
    pub(super) phrases: Phrases,
    pub(super) words: Words,
    pub(super) not_claims: NotClaims,
    pub(super) sections: Sections,
}
