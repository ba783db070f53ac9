"""The labelled real-report corpus (tests/corpus) is complete and its raw files are the published bytes."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def _sources() -> dict[str, dict[str, str]]:
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh, delimiter="\t")}


def test_every_raw_file_matches_its_recorded_hash() -> None:
    sources = _sources()
    raw = {p.name for p in (CORPUS / "raw").iterdir()}
    assert raw == set(sources), f"missing {set(sources) - raw}, unexpected {raw - set(sources)}"
    for name, row in sources.items():
        digest = hashlib.sha256((CORPUS / "raw" / name).read_bytes()).hexdigest()[:16]
        assert digest == row["sha256_16"], name


def test_split_covers_every_file_once_and_keeps_agencies_apart() -> None:
    sources = _sources()
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    tune, measure = set(split["tune"]), set(split["measure"])
    assert not tune & measure
    assert tune | measure == set(sources)
    agencies_tune = {sources[i]["agency"] for i in tune}
    agencies_measure = {sources[i]["agency"] for i in measure}
    assert not agencies_tune & agencies_measure


def test_fresh_split_is_labelled_measure_only() -> None:
    """'fresh' (reports nobody tuning code has looked at) is a part of 'measure', each with truth and labels."""
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    fresh = split["fresh"]
    assert fresh and len(set(fresh)) == len(fresh)
    assert set(fresh) <= set(split["measure"])
    for name in fresh:
        stem = name.split(".")[0]
        assert (CORPUS / "truth" / f"{stem}.json").is_file(), name
        assert (CORPUS / "narrative" / f"{stem}.jsonl").is_file(), name


def test_every_labelled_report_has_a_raw_file() -> None:
    names = {p.name for p in (CORPUS / "raw").iterdir()}
    stems = {n.split(".")[0] for n in names}
    for folder in ("truth", "narrative"):
        for label in (CORPUS / folder).iterdir():
            assert label.name.split(".")[0] in stems, label
