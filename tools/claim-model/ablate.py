"""Why the features are what they are: each variant under the training protocol's
cross-validation (English: grouped by debate over the model-selection debates, with the
CheckThat! 2021 tweets in every training fold; Spanish: stratified over train), C = 8,
F1 at the best out-of-fold threshold. Writes `ablation.json`; REPORT.md quotes it.

    python3 tools/claim-model/ablate.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import GroupKFold, StratifiedKFold

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import features as F  # noqa: E402
import train  # noqa: E402

C = 8.0


def variant_features(text: str, variant: str) -> list[int]:
    """Feature hashes of `text` for one variant of the shipped feature set."""
    tokens, caps = F.tokens(text)
    hashes = []
    previous = F.fnv1a(F.START.encode())
    for token in tokens:
        unigram = F.fnv1a(token.encode())
        hashes.append(unigram)
        if variant != "unigrams":
            if variant != "no-boundaries" or previous != F.fnv1a(F.START.encode()):
                hashes.append(F.fnv1a(token.encode(), F.fnv1a(bytes([F.BIGRAM_JOIN]), previous)))
        previous = unigram
    if tokens and variant not in ("unigrams", "no-boundaries"):
        hashes.append(F.fnv1a(F.END.encode(), F.fnv1a(bytes([F.BIGRAM_JOIN]), previous)))
    if variant != "no-cap":
        hashes += [F.fnv1a(F.CAP.encode())] * caps
    if variant == "char-3-5":
        padded = " " + " ".join(tokens) + " "
        for n in (3, 4, 5):
            hashes += [F.fnv1a(("#" + padded[i : i + n]).encode()) for i in range(len(padded) - n + 1)]
    return hashes


def matrix(texts: list[str], variant: str, bits: int) -> sp.csr_matrix:
    rows, cols, values = [], [], []
    for row, text in enumerate(texts):
        hashed = [F.bucket(h, bits) for h in variant_features(text, variant)]
        if variant == "counts":
            counts: dict[int, int] = {}
            for b in hashed:
                counts[b] = counts.get(b, 0) + 1
            norm = math.sqrt(sum(c * c for c in counts.values())) or 1.0
            items = [(b, c / norm) for b, c in counts.items()]
        else:
            distinct = sorted(set(hashed))
            items = [(b, 1 / math.sqrt(len(distinct))) for b in distinct]
        for b, v in items:
            rows.append(row)
            cols.append(b)
            values.append(v)
    return sp.csr_matrix((values, (rows, cols)), shape=(len(texts), 1 << bits))


def cv_f1(texts, labels, folds, extra, variant, bits) -> float:
    everything = texts + (extra.texts if extra else [])
    labels_all = np.array(labels + (extra.labels if extra else []))
    x = matrix(everything, variant, bits)
    n = len(texts)
    extra_rows = np.arange(n, len(everything))
    scores = np.zeros(n)
    for fit_rows, test_rows in folds:
        rows = np.concatenate([fit_rows, extra_rows])
        model = train.logistic(C).fit(x[rows], labels_all[rows])
        scores[test_rows] = model.predict_proba(x[test_rows])[:, 1]
    y = np.array(labels)
    return train.measure(y, scores, train.best_threshold(y, scores))["f1"]


VARIANTS = [
    ("shipped", train.BITS),
    ("counts", train.BITS),
    ("unigrams", train.BITS),
    ("no-boundaries", train.BITS),
    ("no-cap", train.BITS),
    ("char-3-5", train.BITS),
    ("shipped", 16),
    ("shipped", 20),
]


def main():
    selection, _ = data.split_claimbuster()
    tweets = data.checkthat_en()
    en_folds = list(GroupKFold(5).split(selection.texts, selection.labels, selection.groups))
    es = data.checkthat_es_train()
    es_folds = list(StratifiedKFold(5, shuffle=True, random_state=train.SEED).split(es.texts, es.labels))
    results = []
    for variant, bits in VARIANTS:
        row = {
            "variant": variant,
            "bits": bits,
            "en_cv_f1": cv_f1(selection.texts, selection.labels, en_folds, tweets, variant, bits),
            "es_cv_f1": cv_f1(es.texts, es.labels, es_folds, None, variant, bits),
        }
        print(row, flush=True)
        results.append(row)
    (HERE / "ablation.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
