//! The rule `name-inconsistent`: one name spelled two ways in the same document.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::common::CommonWords;
use super::forms::{Form, candidate_pairs, different_people, forms, namesake, totals};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::names::{
    Likeness, NamePack, NameToken, active_pack, is_english_word, likeness, name_tokens,
    variant_matches,
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
    /// Metaphone) and differ by one or two letters, or when one letter was dropped, added,
    /// struck on the next key or swapped (`Gladstone`, `Gladsone`), which is taken as a
    /// slip only when the odd spelling is written once. The surname alone counts as well
    /// as the full name.
    ///
    /// The fix writes the spelling the names pack or a URL slug of the document uses,
    /// else the clear majority. When the evidence is split (each spelling written once,
    /// or an accent against none as often), the finding names both and offers no fix.
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
    let corrections = corrections(document, &tokens, &pack, &forms);
    if corrections.is_empty() {
        return;
    }
    let known: Vec<Span> = variant_matches(document, &pack)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let mut flagged: Vec<(usize, usize, bool)> = Vec::new();
    for correction in corrections {
        for &occurrence in &forms[correction.minority].occurrences {
            flagged.push((occurrence, correction.dominant, correction.settled));
        }
    }
    flagged.sort_unstable();
    for (occurrence, dominant, settled) in flagged {
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
        if !settled {
            // Split evidence: say which forms were seen and leave the choice to the editor.
            diagnostics.push(
                Diagnostic::new(
                    &NAME_INCONSISTENT,
                    token.span,
                    format!(
                        "`{}` and `{}` are both written in this document; check which \
                         spelling is right",
                        token.text, form.text
                    ),
                )
                .with_label(
                    tokens[evidence].span,
                    format!("`{}` here ({count})", form.text),
                ),
            );
            continue;
        }
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

/// A misspelt form, the form it should be, and whether the evidence settles which is
/// right (else the finding names both and offers no fix).
struct Correction {
    minority: usize,
    dominant: usize,
    settled: bool,
}

/// The words of the document's URLs, lower case: a spelling in a URL slug was copied,
/// not typed, so it outweighs the prose majority.
fn url_words(document: &Document<'_>) -> HashSet<String> {
    document
        .links
        .iter()
        .flat_map(|link| {
            link.url
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 4)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One edit apart past the first letter: the distance of a typing slip, where two
/// names written once each (`Katherine`, `Catherine`; `Brittany`, `Britten`) differ more.
fn one_slip_apart(a: &Form<'_>, b: &Form<'_>) -> bool {
    let (x, y) = (&a.key.folded, &b.key.folded);
    a.key.len.min(b.key.len) >= 5
        && x.chars().next() == y.chars().next()
        && strsim::damerau_levenshtein(x, y) == 1
}

/// Every occurrence sits in a note or reference (`Inglehart, Ronald (2004)`): a
/// bibliography entry is not prose, and its names are no evidence against the text's.
fn in_notes_only(document: &Document<'_>, tokens: &[NameToken<'_>], form: &Form<'_>) -> bool {
    form.occurrences.iter().all(|&i| {
        tokens
            .get(i)
            .is_some_and(|t| document.note_at(t.span).is_some())
    })
}

/// Written beside one shared name word (`Fathi Bashagha`, `Fathi Bashaga`): evidence
/// for one person.
fn share_a_name(a: &Form<'_>, b: &Form<'_>) -> bool {
    a.neighbours
        .iter()
        .any(|n| !n.ends_with('.') && b.neighbours.contains(n))
}

/// Each misspelt form and the form it should be, following chains (`Mohamad` →
/// `Mohammed` → `Mohammad`) to the final spelling.
fn corrections(
    document: &Document<'_>,
    tokens: &[NameToken<'_>],
    pack: &NamePack,
    forms: &[Form<'_>],
) -> Vec<Correction> {
    let totals = totals(forms);
    // Each misspelt form → the form it should be, and whether that is settled.
    let mut target: HashMap<usize, (usize, bool)> = HashMap::default();
    let mut urls: Option<HashSet<String>> = None;
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
        let near = like != Likeness::Folded;
        if near {
            for (x, y) in [(a, b), (b, a)] {
                spellings
                    .entry(x)
                    .or_insert_with(|| HashSet::from_iter([forms[x].key.folded.clone()]))
                    .insert(forms[y].key.folded.clone());
            }
        }
        // Written once beside a name the other never has, against a name written often,
        // yet sharing another name word with it: one person, not two.
        let lone_slip = {
            let (once, often) = if fa.occurrences.len() <= fb.occurrences.len() {
                (fa, fb)
            } else {
                (fb, fa)
            };
            once.occurrences.len() == 1 && often.occurrences.len() >= 3 && share_a_name(fa, fb)
        };
        if pack.are_distinct(&fa.key.folded, &fb.key.folded)
            || (different_people(fa, fb) && !lone_slip)
        {
            continue;
        }
        let mut in_url = |f: &Form<'_>| {
            near && urls
                .get_or_insert_with(|| url_words(document))
                .contains(&f.key.folded)
        };
        let (url_a, url_b) = (in_url(fa), in_url(fb));
        // The pack's spelling, then one copied into a URL, then the weight of use.
        let a_wins = match (fa.canonical, fb.canonical, url_a, url_b) {
            (true, false, ..) => true,
            (false, true, ..) => false,
            (_, _, true, false) => true,
            (_, _, false, true) => false,
            _ => fa.weight() >= fb.weight(),
        };
        let (dominant, minority) = if a_wins { (a, b) } else { (b, a) };
        let (fd, fm) = (&forms[dominant], &forms[minority]);
        let authority = fd.canonical || url_a != url_b;
        if fm.mentioned || (near && namesake(fm, fd, &totals)) {
            continue;
        }
        // A real word (`Corpus` beside `Corps`) is not a misspelt name.
        if is_english_word(&fm.key.folded) {
            continue;
        }
        let (used, slipped) = (fd.occurrences.len(), fm.occurrences.len());
        let settled = if near {
            // `Crown` beside `Crohn`: an ordinary word written with a capital.
            if is_english_word(&fd.key.folded) && !fd.canonical {
                continue;
            }
            // A typo that changes the sound is made once; repeated, it is another name.
            if like == Likeness::Typo && slipped > 1 && !fd.canonical {
                continue;
            }
            // A slip is rare: the right spelling must clearly win, or win at all when
            // both are written beside the same other name. Two spellings written once
            // each are reported without a fix when one edit apart; else two names.
            let clear_majority = used >= 2 * slipped || (used > slipped && share_a_name(fd, fm));
            let split_slip = slipped == 1
                && one_slip_apart(fd, fm)
                && !in_notes_only(document, tokens, fd)
                && !in_notes_only(document, tokens, fm);
            if !(authority || clear_majority || split_slip) {
                continue;
            }
            authority || clear_majority
        } else {
            // Equal counts are decided by capitals written on purpose (`GitHub`), not
            // by diacritics: an accent is as easily dropped as wrongly added (`Nuñes`).
            let accents = |f: &Form<'_>| f.text.chars().filter(|c| !c.is_ascii()).count();
            authority || used > slipped || accents(fd) == accents(fm)
        };
        // The dominant spelling must be seen as a name: mid-sentence, or more than once
        // and not an English word. Neither may be a common word that merely starts a
        // sentence.
        // Reported without a fix, either spelling may be the name seen mid-sentence.
        let seen_as_name = fd.mid_sentence
            || (!settled && fm.mid_sentence)
            || (used >= 2 && !is_english_word(&fd.key.folded));
        // A name written capitalised mid-sentence again and again, or one that is no
        // dictionary word (`Eclair`, `BTCPay`), is a name whatever a lower-case copy (a
        // file name, a handle, a link label) says.
        let established = fd.mid_sentence && (used >= 3 || !is_english_word(&fd.key.folded));
        if !seen_as_name || (!established && common.is_common(fd.text)) || common.is_common(fm.text)
        {
            continue;
        }
        let better = target
            .get(&minority)
            .is_none_or(|&(t, _)| forms[dominant].weight() > forms[t].weight());
        if better {
            target.insert(minority, (dominant, settled));
        }
    }
    let mut corrections = Vec::new();
    for (&minority, &(first_target, first_settled)) in &target {
        let (mut dominant, mut settled) = (first_target, first_settled);
        for _ in 0..forms.len() {
            match target.get(&dominant) {
                Some(&(next, next_settled)) if next != minority => {
                    dominant = next;
                    settled &= next_settled;
                }
                _ => break,
            }
        }
        if spellings.get(&dominant).is_some_and(|s| s.len() >= 3) {
            continue;
        }
        corrections.push(Correction {
            minority,
            dominant,
            settled,
        });
    }
    corrections.sort_unstable_by_key(|c| c.minority);
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
    fn one_slip_that_changes_the_sound() {
        let text = "Edwin Gladstone spoke. Gladstone won, and Gladstone left. Gladsone wrote.\n";
        assert_eq!(run(text), ["Gladsone"]);
        // Repeated, a one-letter difference that changes the sound is another name.
        let text = "Britannica, Britannica and Britannica cite Britannia and Britannia.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn after_a_common_word_opening_the_sentence() {
        let text = "Lucía Piñera spoke. Aides to Piñera agreed. Later Pinera said no.\n";
        assert_eq!(run(text), ["Pinera"]);
    }

    #[test]
    fn written_once_each_is_reported_unless_two_people() {
        assert_eq!(
            run("Marta Amarilla drafted it. The board thanked Amarila.\n"),
            ["Amarila"]
        );
        let text = "Jason Thomson ran the ferry; Jordan Thompson ran the guild.\n";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }

    #[test]
    fn a_url_slug_outweighs_the_majority() {
        let text = "Kilgariff wrote it, Kilgariff revised it and Kilgariff left.[^1]\n\n\
                    [^1]: Anne Kilgarriff, <https://example.org/kilgarriff-2007>.\n";
        assert_eq!(run(text), ["Kilgariff", "Kilgariff", "Kilgariff"]);
    }

    #[test]
    fn sentence_starts_are_not_names() {
        let text = "These are the facts. There was no deal. The lighting was poor.\n";
        assert!(run(text).is_empty());
    }
}
