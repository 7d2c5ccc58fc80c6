"""The labelled sentences, loaded the same way by training and by the article evaluation.

English: ClaimBuster's crowdsourced debate sentences (positive: `Verdict` 1, a
check-worthy factual claim; 0 and -1 are negative), grouped by debate (`File_id`), and
CheckThat! 2021 task 1a tweets. Spanish: CheckThat! 2022 task 1A tweets. Six debates,
drawn once with a fixed seed, are held out of training and of every model choice, so the
shipped English model can be measured on them end to end.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(os.environ.get("CLAIM_DATA", "/work/shared/data/claims"))
HELD_OUT_DEBATES = 6
SPLIT_SEED = 23

CLAIMBUSTER = "claimbuster-crowdsourced.csv"
CHECKTHAT_EN = ("checkthat2021-en-train.tsv", "checkthat2021-en-dev.tsv")
CHECKTHAT_ES_TRAIN = "checkthat2022-es-train.tsv"
CHECKTHAT_ES_DEV = "checkthat2022-es-dev.tsv"
ALL_FILES = (CLAIMBUSTER, *CHECKTHAT_EN, CHECKTHAT_ES_TRAIN, CHECKTHAT_ES_DEV)


@dataclass
class Labelled:
    texts: list[str]
    labels: list[int]
    groups: list[str]


def sha256(name: str) -> str:
    return hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()


def _tweets(name: str) -> Labelled:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    # The 2021 dev file names its label `claim_worthiness`, the train file
    # `check_worthiness`; the 2022 files `class_label`.
    column = next(
        c
        for c in ("check_worthiness", "claim_worthiness", "class_label")
        if c in rows[0]
    )
    return Labelled(
        [r["tweet_text"] for r in rows],
        [int(r[column]) for r in rows],
        [name] * len(rows),
    )


def claimbuster() -> Labelled:
    with open(DATA_DIR / CLAIMBUSTER, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Labelled(
        [r["Text"] for r in rows],
        [1 if r["Verdict"].strip() == "1" else 0 for r in rows],
        [r["File_id"] for r in rows],
    )


def held_out_debates(debates: list[str]) -> set[str]:
    """The debates never trained on nor used to choose anything."""
    ordered = sorted(set(debates))
    return set(random.Random(SPLIT_SEED).sample(ordered, HELD_OUT_DEBATES))


def split_claimbuster() -> tuple[Labelled, Labelled]:
    """(model-selection debates, held-out debates)."""
    data = claimbuster()
    held = held_out_debates(data.groups)
    parts = (Labelled([], [], []), Labelled([], [], []))
    for text, label, group in zip(data.texts, data.labels, data.groups):
        part = parts[1] if group in held else parts[0]
        part.texts.append(text)
        part.labels.append(label)
        part.groups.append(group)
    return parts


def checkthat_en() -> Labelled:
    train, dev = (_tweets(name) for name in CHECKTHAT_EN)
    return Labelled(
        train.texts + dev.texts, train.labels + dev.labels, train.groups + dev.groups
    )


def checkthat_es_train() -> Labelled:
    return _tweets(CHECKTHAT_ES_TRAIN)


def checkthat_es_dev() -> Labelled:
    return _tweets(CHECKTHAT_ES_DEV)
