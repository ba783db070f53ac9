"""Hand-labelled narrative sentences (tests/fixtures/sentences/claims_narrative.jsonl) bound against the truth tables.

Each line: ``report`` (a truth file), ``text`` (one or a few sentences in the register of real reports) and
``expect``: for every number, its hand-labelled ``status``, the ``cell`` it must cite (a short alias, spelled out
below from report.model.labels) and, for contradictions, the ``severity``. No other number may be ``contradicts``.
"""

import json

import pytest

from conftest import FIXTURES
from report.claims import bind_claims
from report.model import CellRef
from report.model import labels as L
from report.model.tables import Report

CASES = [json.loads(line) for line in (FIXTURES / "sentences" / "claims_narrative.jsonl").read_text("utf-8").splitlines()
         if line.strip()]
GROUPS = {"public": L.G_PUBLIC, "partial": L.G_PARTIAL, "withheld": L.G_WITHHELD, "unavailable": L.G_UNAVAILABLE,
          "not_handled": L.G_NOT_HANDLED, "other": L.G_OTHER}
T4 = {"review": L.T4_REVIEW, "direct": L.T4_SUIT_DIRECT, "after": L.T4_SUIT_AFTER}


def t3(row: str, col: str = "总计") -> str:
    return CellRef("table3", row, col).id


def expected_cell(alias: str, template: str) -> str:
    """The cell id (or ``A + B`` sum of cell ids) a hand-written alias stands for."""
    kind, _, rest = alias.partition(":")
    groups = L.t3_groups(template)
    if alias in ("new", "carried_in", "total", "out"):
        return t3({"new": L.R_NEW, "carried_in": L.R_CARRIED_IN, "total": L.R_TOTAL, "out": L.R_CARRIED_OUT}[alias])
    if alias == "new+carried":
        return f"{t3(L.R_NEW)} + {t3(L.R_CARRIED_IN)}"
    if kind == "g":
        names = rest.split("+")
        return " + ".join(t3(p) for n in names for p in groups[GROUPS[n]])
    if kind == "row":
        g, i = rest.split(":")
        return t3(groups[GROUPS[g]][int(i)])
    if kind in ("natural", "org"):
        cols = ["自然人"] if kind == "natural" else list(L.T3_ORG_COLUMNS)
        rows = [L.R_NEW] if rest == "new" else [L.R_NEW, L.R_CARRIED_IN]
        return " + ".join(t3(r, c) for r in rows for c in cols)
    if kind == "t4":
        g, _, col = rest.partition(":")
        return CellRef("table4", T4[g], col or "总计").id
    if kind == "suit":
        return " + ".join(CellRef("table4", T4[g], rest or "总计").id for g in ("direct", "after"))
    if alias == "cases":
        return " + ".join(CellRef("table4", g, "总计").id for g in L.T4_GROUPS)
    if kind == "t2":
        row, _, col = rest.partition(":")
        return CellRef("table2", row, col).id if col else CellRef("table2", row).id
    raise KeyError(alias)


_REPORTS: dict = {}


def truth(name: str) -> Report:
    if name not in _REPORTS:
        _REPORTS[name] = Report.from_interchange(json.loads((FIXTURES / "truth" / f"{name}.json").read_text("utf-8")))
    return _REPORTS[name]


def test_the_data_is_big_and_varied_enough():
    statuses = [e["status"] for c in CASES for e in c["expect"]]
    assert len(CASES) >= 60
    assert {"verified", "unverifiable", "contradicts"} <= set(statuses)
    assert len({c["report"] for c in CASES}) == 4


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_hand_labelled_sentence(case):
    report = truth(case["report"])
    claims = bind_claims(case["text"], report)
    used: set[int] = set()
    for e in case["expect"]:
        found = [k for k, c in enumerate(claims) if k not in used and c.value == e["value"] and c.status == e["status"]]
        got = [(c.value, c.status, c.cell) for c in claims if c.value == e["value"]]
        assert found, f"{e} not found; claims for this value: {got}"
        k = found[0]
        if e["status"] == "verified" and e.get("cell") == "rate":
            assert "× 100%" in (claims[k].cell or "")
        elif "cell" in e and e["cell"] != "rate":
            want = expected_cell(e["cell"], report.template)
            match = [j for j in found if claims[j].cell == want]
            assert match, f"{e}: cited {[claims[j].cell for j in found]}, expected {want}"
            k = match[0]
        if "severity" in e:
            assert claims[k].severity == e["severity"], (e, claims[k].message)
        used.add(k)
    wanted = {e["value"] for e in case["expect"] if e["status"] == "contradicts"}
    false_alarms = [c for c in claims if c.status == "contradicts" and c.value not in wanted]
    assert not false_alarms, [(c.value, c.cell, c.message) for c in false_alarms]
