//! The rule `name-inconsistent`: one name spelled two ways in the same document.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::common::CommonWords;
use super::forms::{Form, candidate_pairs, different_people, forms, namesake, totals};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::names::{
    Likeness, NamePack, active_pack, is_english_word, likeness, name_tokens, variant_matches,
};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a name spelled two ways in one document (`Piñera` and `Pinera`, `Zelensky`
    /// and `Zelenskyy`, `Boluarte` and `Bolaurte`). The less frequent spelling is flagged
    /// and a label points at the dominant one. Spellings match when they are equal once
    /// diacritics, capitals and hyphens are set aside, or when they sound alike (Double
    /// Metaphone) and differ by one or two letters. The surname alone counts as well as
    /// the full name.
    ///
    /// Different people who share a name, place names that differ by a letter (`Iran`,
    /// `Iraq`), derived words (`Bolivia`, `Bolivian`) and source titles in another
    /// language (`Irán` in a Spanish note title beside `Iran` in English prose) are not
    /// reported.
    ///
    /// ## Why is this bad
    /// A reader who meets two spellings cannot tell which is right, or whether they are
    /// two people; at best the article looks careless.
    ///
    /// ## Example
    /// ```markdown
    /// Sebastián Piñera took office in 2018. Critics of Pinera said the reform was late.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Sebastián Piñera took office in 2018. Critics of Piñera said the reform was late.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix writes the dominant spelling (or the names pack's canonical one),
    /// which an editor should confirm.
    ///
    /// ## Options
    /// Extra packs in the format of `rules/names.toml` (`canonical`, `variants`, optional
    /// `kind`, `lang` and `note`), relative to the config file; `no-builtin-names = true`
    /// leaves out the shipped pack:
    /// ```toml
    /// [packs]
    /// names = ["house-names.toml"]
    /// no-builtin-names = false
    /// ```
    /// The packs' canonical spellings win over the document's majority.
    pub static NAME_INCONSISTENT = {
        name: "name-inconsistent",
        code: "CD501",
        severity: Warning,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "One name spelled two ways in the same document",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let pack = active_pack(&settings.names);
    let tokens = name_tokens(document);
    if tokens.len() < 2 {
        return;
    }
    let forms = forms(&tokens, |word, folded| {
        pack.canonical_word(folded) == Some(word)
    });
    let corrections = corrections(document, &pack, &forms);
    if corrections.is_empty() {
        return;
    }
    let known: Vec<Span> = variant_matches(document, &pack)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let mut flagged: Vec<(usize, usize)> = Vec::new();
    for (minority, dominant) in corrections {
        for &occurrence in &forms[minority].occurrences {
            flagged.push((occurrence, dominant));
        }
    }
    flagged.sort_unstable();
    for (occurrence, dominant) in flagged {
        let token = &tokens[occurrence];
        if known.iter().any(|k| k.contains(token.span)) {
            continue;
        }
        let form = &forms[dominant];
        let Some(&evidence) = form.occurrences.first() else {
            continue;
        };
        let times = form.occurrences.len();
        let count = if times == 1 {
            "once".to_string()
        } else {
            format!("{times} times")
        };
        diagnostics.push(
            Diagnostic::new(
                &NAME_INCONSISTENT,
                token.span,
                format!(
                    "`{}` is spelled `{}` elsewhere in this document",
                    token.text, form.text
                ),
            )
            .with_label(
                tokens[evidence].span,
                format!("`{}` here ({count})", form.text),
            )
            .with_fix(Fix::replace(
                format!("Replace `{}` with `{}`", token.text, form.text),
                Applicability::Unsafe,
                token.span,
                form.text.to_string(),
            )),
        );
    }
}

/// Each misspelt form and the form it should be, following chains (`Mohamad` →
/// `Mohammed` → `Mohammad`) to the final spelling.
fn corrections(
    document: &Document<'_>,
    pack: &NamePack,
    forms: &[Form<'_>],
) -> Vec<(usize, usize)> {
    let totals = totals(forms);
    // Each misspelt form → the form it should be.
    let mut target: HashMap<usize, usize> = HashMap::default();
    // Folded spellings that sound like each form: three or more means the document
    // discusses the variants (`Alhazen, also Alhacen, Alhazan`), not that it slipped.
    let mut spellings: HashMap<usize, HashSet<String>> = HashMap::default();
    let mut common = CommonWords::new(document);
    for (a, b) in candidate_pairs(forms) {
        let (fa, fb) = (&forms[a], &forms[b]);
        if fa.key.len < 3 {
            continue;
        }
        let Some(like) = likeness(&fa.key, &fb.key) else {
            continue;
        };
        if like == Likeness::Near {
            for (x, y) in [(a, b), (b, a)] {
                spellings
                    .entry(x)
                    .or_insert_with(|| HashSet::from_iter([forms[x].key.folded.clone()]))
                    .insert(forms[y].key.folded.clone());
            }
        }
        if pack.are_distinct(&fa.key.folded, &fb.key.folded) || different_people(fa, fb) {
            continue;
        }
        let (dominant, minority) = if fa.weight() >= fb.weight() {
            (a, b)
        } else {
            (b, a)
        };
        let (fd, fm) = (&forms[dominant], &forms[minority]);
        if fm.mentioned || (like == Likeness::Near && namesake(fm, fd, &totals)) {
            continue;
        }
        // A real word (`Corpus` beside `Corps`) is not a misspelt name.
        if is_english_word(&fm.key.folded) {
            continue;
        }
        // A slip is rare: the right spelling must clearly win, unless the pack knows
        // it. Equal counts are decided only for diacritics and capitals.
        if like == Likeness::Near {
            let clear_majority = fd.occurrences.len() >= 2 * fm.occurrences.len();
            if !(fd.canonical || clear_majority) {
                continue;
            }
            // `Crown` beside `Crohn`: an ordinary word written with a capital.
            if is_english_word(&fd.key.folded) && !fd.canonical {
                continue;
            }
        }
        // The dominant spelling must be seen as a name: mid-sentence, or more than once
        // and not an English word. Neither may be a common word that merely starts a
        // sentence.
        let seen_as_name = forms[dominant].mid_sentence
            || (forms[dominant].occurrences.len() >= 2
                && !is_english_word(&forms[dominant].key.folded));
        if !seen_as_name
            || common.is_common(forms[dominant].text)
            || common.is_common(forms[minority].text)
        {
            continue;
        }
        let better = target
            .get(&minority)
            .is_none_or(|&t| forms[dominant].weight() > forms[t].weight());
        if better {
            target.insert(minority, dominant);
        }
    }
    let mut corrections = Vec::new();
    for (&minority, &first_target) in &target {
        let mut dominant = first_target;
        for _ in 0..forms.len() {
            match target.get(&dominant) {
                Some(&next) if next != minority => dominant = next,
                _ => break,
            }
        }
        if spellings.get(&dominant).is_some_and(|s| s.len() >= 3) {
            continue;
        }
        corrections.push((minority, dominant));
    }
    corrections
}

#[cfg(test)]
mod tests {
    use super::NAME_INCONSISTENT;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    fn run(text: &str) -> Vec<String> {
        flagged(&NAME_INCONSISTENT, text, Format::Markdown)
    }

    #[test]
    fn dropped_diacritic_and_surname_alone() {
        let text = "Sebastián Piñera won. Aides to Piñera agreed. \
                    Officials in President Pinera's office did not.\n";
        assert_eq!(run(text), ["Pinera"]);
    }

    #[test]
    fn one_letter_slips_and_transliterations() {
        assert_eq!(
            run("Mayor Lucía Arrieta spoke. Critics of Arrieta and Arreita met.\n"),
            ["Arreita"]
        );
        assert_eq!(
            run("Tomás Vilela won. Under Vilela, prices fell. Villela said so.\n"),
            ["Villela"]
        );
        assert_eq!(
            run("Omar Qadiri spoke. Qadiri denied it, said aides to Qaderi.\n"),
            ["Qaderi"]
        );
    }

    #[test]
    fn different_people_and_places() {
        let text = "Ali Khamenei met Ali Larijani. Hassan Rouhani and Hassan Nasrallah spoke. \
                    Evo Morales, or Juan Evo Morales Ayma, flew to Iran and Iraq, then \
                    Guinea and Guyana, Austria and Australia, Niger and Nigeria. \
                    Evo Morales met Alexandre de Moraes. Mohammed bin Salman called \
                    Mohammad Javad Zarif. Bolivia and the Bolivian army. \
                    Recep Tayyip Erdoğan spoke. Colombia, Colombia and Columbia University. \
                    Ruhollah Khomeini and Khamenei, Khamenei.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn spanish_titles_keep_their_spelling() {
        let text = "Iran and Peru signed it in Tehran.[^1] Iran and Peru agree.\n\n\
                    [^1]: *El acuerdo con Irán y el Perú se firmó en Teherán*. 2023.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn surnames_that_open_sentences_and_table_cells() {
        let text = "Arrieta spoke first. Arrieta then left. Later Arreita returned.\n";
        assert_eq!(run(text), ["Arreita"]);
        let table = "| Minister | Country |\n|---|---|\n| Lucía Arrieta | Peru |\n\n\
                     Arrieta and Arrieta met Arreita.\n";
        assert_eq!(run(table), ["Arreita"]);
    }

    #[test]
    fn swapped_letters_and_transliterated_first_letters() {
        let text = "Nasser Kanaani spoke. Kanaani said so, and Kanaaní agreed; Kanaain did not.\n";
        assert_eq!(run(text), ["Kanaaní", "Kanaain"]);
        let text = "Mohammad Bagher Ghalibaf arrived. Ghalibaf spoke; Qalibaf left.\n";
        assert_eq!(run(text), ["Qalibaf"]);
    }

    #[test]
    fn wiki_file_names_link_targets_and_fields() {
        let text = "The Dún Laoghaire station and Dún Laoghaire harbour. \
                    [[File:The Dun Laoghaire station.jpg|thumb]] \
                    {{cite |title=Ibn Al-Haitham: Optics}} Ibn al-Haytham and al-Haytham wrote. \
                    [[Jean M'voto|Jean M'Voto]] and M'Voto played.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn four_letter_names_only_doubled() {
        assert_eq!(
            run("Lula won. Lula spoke, and Lulla left. Iran, Iran and Iraq.\n"),
            ["Lulla"]
        );
    }

    #[test]
    fn turkish_letters() {
        let text =
            "Recep Tayyip Erdoğan spoke; Erdoğan's envoy agreed and Erdogan's office confirmed.\n";
        assert_eq!(run(text), ["Erdogan"]);
    }

    #[test]
    fn data_and_mentions_are_not_prose() {
        let text = "{{cite |first=Martyn |last=Smith}} Martin Luther and Martin Amis met. \
                    Spellings include *Bodmyn* and Bodmin, Bodmin, Bodmin.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn sentence_starts_are_not_names() {
        let text = "These are the facts. There was no deal. The lighting was poor.\n";
        assert!(run(text).is_empty());
    }
}
