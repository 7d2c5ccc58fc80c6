//! `[rules.claim-uncited]`: the family's options, parsed by serde.

use serde::Deserialize;

use super::{CitationScope, ClaimLanguage, Practice};
use crate::rules::settings::{OptionError, Settings, parse_options};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct UncitedOptions {
    scope: Option<Scope>,
    language: Option<Language>,
    practice: Option<PracticeOption>,
    threshold: Option<f32>,
}

/// How the documents cite: decided per document by default.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum PracticeOption {
    Auto,
    Notes,
    Links,
    Documentation,
}

/// What a note covers: its sentence, or its paragraph.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Scope {
    Sentence,
    Paragraph,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Language {
    Auto,
    En,
    Es,
}

/// Applies a `[rules.NAME]` table of the family.
pub fn configure(settings: &mut Settings, table: &toml::Table) -> Result<(), OptionError> {
    let options: UncitedOptions = parse_options(table)?;
    if let Some(scope) = options.scope {
        settings.claims.scope = match scope {
            Scope::Sentence => CitationScope::Sentence,
            Scope::Paragraph => CitationScope::Paragraph,
        };
    }
    if let Some(language) = options.language {
        settings.claims.language = match language {
            Language::Auto => None,
            Language::En => Some(ClaimLanguage::English),
            Language::Es => Some(ClaimLanguage::Spanish),
        };
    }
    if let Some(threshold) = options.threshold {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(OptionError {
                key: Some("threshold".to_string()),
                message: format!("must be between 0 and 1, not {threshold}"),
            });
        }
        settings.claims.threshold = Some(threshold);
    }
    if let Some(practice) = options.practice {
        settings.claims.practice = match practice {
            PracticeOption::Auto => None,
            PracticeOption::Notes => Some(Practice::Notes),
            PracticeOption::Links => Some(Practice::Links),
            PracticeOption::Documentation => Some(Practice::Documentation),
        };
    }
    Ok(())
}
