"""cx-matrix is a scorecard: five stages of 1-4 points, a total out of 20 placed in a band.

Every one of the 4**5 = 1024 possible answer sheets is checked against the published table.
"""

from __future__ import annotations

import itertools

import pytest

from cxmaturity.core.scoring import Result, Scorer
from cxmaturity.models import builtin

STAGES = {"ad-hoc": 1, "defined": 2, "managed": 3, "embedded": 4}
QUESTIONS = {
    "strategy_leadership": "strategy_leadership_stage",
    "voice_of_customer": "voice_of_customer_stage",
    "culture_people": "culture_people_stage",
    "journey_design": "journey_design_stage",
    "data_technology": "data_technology_stage",
}


def band_for(total: int) -> str:
    if total <= 8:
        return "ad-hoc"
    if total <= 13:
        return "defined"
    if total <= 17:
        return "managed"
    return "market-leader"


def every_sheet() -> list[dict[str, str]]:
    return [
        dict(zip(QUESTIONS, combination, strict=True))
        for combination in itertools.product(STAGES, repeat=len(QUESTIONS))
    ]


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, str], Result]]:
    scorer = Scorer(builtin("cx-matrix"))
    out = []
    for sheet in every_sheet():
        answers = {QUESTIONS[dim]: stage for dim, stage in sheet.items()}
        out.append((sheet, scorer.score_raw({"answers": answers})))
    return out


def test_there_are_1024_answer_sheets(results: list[tuple[dict[str, str], Result]]) -> None:
    assert len(results) == 4**5
    assert len({tuple(sheet.values()) for sheet, _ in results}) == 4**5


def test_the_overall_raw_is_the_total_of_stage_points(
    results: list[tuple[dict[str, str], Result]],
) -> None:
    for sheet, result in results:
        assert result.overall.raw == sum(STAGES[s] for s in sheet.values()), sheet


def test_the_total_lands_in_the_published_band(
    results: list[tuple[dict[str, str], Result]],
) -> None:
    for sheet, result in results:
        total = sum(STAGES[s] for s in sheet.values())
        assert result.overall.band is not None, sheet
        assert result.overall.band.id == band_for(total), (total, sheet)


def test_each_dimension_sits_at_the_chosen_stage(
    results: list[tuple[dict[str, str], Result]],
) -> None:
    for sheet, result in results:
        for dimension, stage in sheet.items():
            placed = result.dimension(dimension)
            assert placed.raw == STAGES[stage]
            assert placed.level is not None, (dimension, sheet)
            assert placed.level.id == stage, (dimension, sheet)


@pytest.mark.parametrize(
    ("total", "band"),
    [(5, "ad-hoc"), (8, "ad-hoc"), (9, "defined"), (13, "defined"), (14, "managed"),
     (17, "managed"), (18, "market-leader"), (20, "market-leader")],
)  # fmt: skip
def test_the_band_edges_match_the_published_table(
    results: list[tuple[dict[str, str], Result]], total: int, band: str
) -> None:
    found = {
        r.overall.band.id
        for sheet, r in results
        if r.overall.band and sum(STAGES[s] for s in sheet.values()) == total
    }
    assert found == {band}


def test_the_band_carries_the_scorecard_label_and_focus(
    results: list[tuple[dict[str, str], Result]],
) -> None:
    """The band's words come from the scorecard ladder ('total'), e.g. 'Defined (building
    foundations)' with its focus, not from another ladder that reuses the same rung id."""
    model = builtin("cx-matrix")
    ladder = next(x for x in model.ladders if x.id == model.overall.bands)
    rungs = {r.id: r for r in ladder.rungs}
    seen = set()
    for _, result in results:
        band = result.overall.band
        assert band is not None
        if band.id in seen:
            continue
        seen.add(band.id)
        assert (band.id, band.label, band.focus) == (
            band.id,
            rungs[band.id].label,
            rungs[band.id].focus,
        )
    assert seen == set(rungs)


def test_the_overall_level_follows_the_total(
    results: list[tuple[dict[str, str], Result]],
) -> None:
    levels = {"ad-hoc": "ad-hoc", "defined": "defined", "managed": "managed",
              "market-leader": "embedded"}  # fmt: skip
    for sheet, result in results:
        total = sum(STAGES[s] for s in sheet.values())
        assert result.overall.level is not None
        assert result.overall.level.id == levels[band_for(total)], (total, sheet)
