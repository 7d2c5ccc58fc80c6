"""End-to-end measure of `claim-uncited` on labelled sentences set as articles (issue #23).

    python3 tools/claim-model/evaluate_articles.py path/to/copydesk [--keep DIR]

For each language, the labelled sentences that no shipped model was trained on (English:
the held-out ClaimBuster debates of `data.py`; Spanish: the CheckThat! 2022 dev tweets)
become Markdown articles of 200 paragraphs, one sentence each, after a lead paragraph that
cites three URL notes defined at the end (a sourced notes apparatus). The binary checks
them with `check --format json --select claim-uncited`; a paragraph is flagged when a
finding starts on its line. Precision, recall and F1 of the flagged paragraphs against
the labels are printed as JSON.

A paragraph's text is the sentence with its whitespace collapsed to single spaces and a
leading Markdown marker (`#`, `>`, `-`, `+`, `*`, `|`, `1.`) escaped with a backslash, so
that every sentence stays a paragraph. Tweets keep their URLs, which count as citations,
as they would in an article.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402

PARAGRAPHS_PER_ARTICLE = 200
LEADS = {
    "en": "This piece draws on the sources listed at the end.[^1][^2][^3]",
    "es": "Este artículo se basa en las fuentes citadas al final.[^1][^2][^3]",
}
NOTES = "[^1]: https://example.org/a\n[^2]: https://example.org/b\n[^3]: https://example.org/c\n"
LEADING_MARKER = re.compile(r"^(?:[#>\-+*|=]|\d+[.)])")


def paragraph(sentence: str) -> str:
    text = " ".join(sentence.split())
    if LEADING_MARKER.match(text):
        marker = LEADING_MARKER.match(text).group(0)
        text = text[: len(marker) - 1] + "\\" + text[len(marker) - 1 :]
    return text


def write_articles(directory: Path, language: str, sentences: list[str]) -> list[tuple[Path, dict[int, int]]]:
    """The article files and, for each, the line of each sentence's paragraph."""
    articles = []
    for first in range(0, len(sentences), PARAGRAPHS_PER_ARTICLE):
        lines = [LEADS[language], ""]
        line_of: dict[int, int] = {}
        for index in range(first, min(first + PARAGRAPHS_PER_ARTICLE, len(sentences))):
            line_of[len(lines) + 1] = index
            lines += [paragraph(sentences[index]) or "…", ""]
        path = directory / f"{language}-{first // PARAGRAPHS_PER_ARTICLE:04}.md"
        path.write_text("\n".join(lines) + "\n" + NOTES, encoding="utf-8")
        articles.append((path, line_of))
    return articles


def flagged(binary: str, articles: list[tuple[Path, dict[int, int]]]) -> set[int]:
    run = subprocess.run(
        [binary, "check", "--format", "json", "--select", "claim-uncited", "--exit-zero"]
        + [str(path) for path, _ in articles],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise SystemExit(f"{binary} exited {run.returncode}: {run.stderr[-2000:]}")
    line_maps = {str(path): line_of for path, line_of in articles}
    found = set()
    for diagnostic in json.loads(run.stdout)["diagnostics"]:
        line_of = line_maps.get(diagnostic["path"], {})
        index = line_of.get(diagnostic["range"]["start"]["line"])
        if index is not None:
            found.add(index)
    return found


def measure(labels: list[int], found: set[int]) -> dict:
    tp = sum(1 for i, label in enumerate(labels) if label and i in found)
    fp = len(found) - tp
    fn = sum(labels) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(labels),
        "positives": sum(labels),
        "flagged": len(found),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--keep", type=Path, help="write the articles here and keep them")
    args = parser.parse_args()
    sets = {
        "en": data.split_claimbuster()[1],
        "es": data.checkthat_es_dev(),
    }
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        for language, labelled in sets.items():
            articles = write_articles(directory, language, labelled.texts)
            results[language] = measure(labelled.labels, flagged(args.binary, articles))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
