"""A whole campaign: summaries, departments, consensus on every built-in model, anonymity."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from cxmaturity.core.aggregation import (
    AGGREGATED,
    AGREED,
    UNANSWERED,
    CampaignAggregate,
    Respondent,
    aggregate,
    checked_respondent,
)
from cxmaturity.core.scoring import Context, InvalidAnswersError, Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin

DEPARTMENTS = ["Marketing", "Sales", "Support", "IT", "Finance", None]


def campaign(
    model_id: str,
    count: int,
    departments: Sequence[str | None] | None = None,
    industry: str = "finance",
    prefix: str = "resp-",
) -> tuple[Scorer, Context, list[Respondent]]:
    model = builtin(model_id)
    scorer = Scorer(model)
    context = Context(industry, None, "250-999")
    names = departments or [DEPARTMENTS[n % len(DEPARTMENTS)] for n in range(count)]
    people = [
        checked_respondent(
            scorer.reader, f"{prefix}{doc['respondent']}", names[n], doc["answers"], context
        )
        for n, doc in enumerate(sample_respondents(model, count, seed=7, industry=industry))
    ]
    return scorer, context, people


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_consensus_document_scores_without_problems_on_every_model(model_id: str) -> None:
    scorer, context, people = campaign(model_id, 24)
    result = aggregate(scorer.model, people, context=context, scorer=scorer)
    _, problems = scorer.reader.read(result.consensus.answers, context)
    assert problems == []
    again = scorer.score_raw(result.consensus.raw(context))
    assert again.to_dict() == result.result.to_dict()
    assert result.result.overall.score is not None
    assert set(result.consensus.sources.values()) <= {AGGREGATED, UNANSWERED}
    assert AGGREGATED in result.consensus.sources.values()
    assert result.respondents == 24
    assert len(result.dimensions) == len(scorer.model.dimensions)
    for dim in result.dimensions:
        assert dim.scored + dim.unscored == 24
        assert sum(dim.distribution.values()) == dim.scored
    for q in result.questions:
        assert q.answered + q.excluded + q.not_asked == 24, q.key
    json.dumps(result.to_dict())  # plain JSON


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_agreed_answers_override_aggregated_ones_on_every_model(model_id: str) -> None:
    scorer, context, people = campaign(model_id, 9)
    plain = next(q for d in scorer.model.dimensions for q in d.questions if q.type == "single")
    assert plain.type == "single"
    best = max(plain.options, key=lambda o: o.score).id
    result = aggregate(
        scorer.model, people, context=context, scorer=scorer, agreed={plain.id: best}
    )
    assert result.consensus.answers[plain.id] == best
    assert result.consensus.sources[plain.id] == AGREED
    _, problems = scorer.reader.read(result.consensus.answers, context)
    assert problems == []
    worst = min(plain.options, key=lambda o: o.score).id
    other = result.agree({plain.id: worst}, scorer)
    assert other.consensus.answers[plain.id] == worst
    assert other.questions is result.questions


def test_anonymous_mode_names_nobody() -> None:
    scorer, context, people = campaign("cx-automation", 12, prefix="secret-key-")
    anonymous = json.dumps(
        aggregate(scorer.model, people, context=context, scorer=scorer, anonymous=True).to_dict()
    )
    assert "secret-key-" not in anonymous
    assert '"individual": null' in anonymous
    named = aggregate(scorer.model, people, context=context, scorer=scorer).to_dict()
    assert [r["respondent"] for r in named["individual"]] == [p.key for p in people]
    assert "department" not in named["individual"][0]


@pytest.mark.parametrize("anonymous", [True, False])
def test_a_department_below_the_minimum_is_never_named(anonymous: bool) -> None:
    names: Sequence[str | None] = ["Dept-Sales"] * 5 + ["Dept-Support"] * 4 + ["Lonely-Dept"]
    scorer, context, people = campaign("cx-curve", 10, names)
    result = aggregate(scorer.model, people, context=context, scorer=scorer, anonymous=anonymous)
    text = json.dumps(result.to_dict())
    assert "Lonely-Dept" not in text
    # Lonely-Dept (1) would show by subtraction: Support (4) is hidden with it
    overall = result.overall
    assert [g.department for g in overall.departments] == ["Dept-Sales"]
    assert overall.hidden == 5
    for dim in result.dimensions:
        assert dim.hidden == 0 or dim.hidden >= 3


def test_min_group_below_three_is_refused() -> None:
    scorer, context, people = campaign("cx-curve", 3)
    with pytest.raises(ValueError, match="at least 3"):
        aggregate(scorer.model, people, context=context, min_group=2)
    bigger = aggregate(scorer.model, people, context=context, min_group=4)
    assert bigger.min_group == 4
    assert bigger.overall.departments == ()


def test_a_respondent_listed_twice_is_refused() -> None:
    scorer, context, people = campaign("cx-curve", 3)
    with pytest.raises(ValueError, match="twice"):
        aggregate(scorer.model, [*people, people[0]], context=context)


def test_invalid_answers_name_the_respondent() -> None:
    scorer = Scorer(builtin("cx-curve"))
    with pytest.raises(InvalidAnswersError) as caught:
        checked_respondent(scorer.reader, "r9", None, {"cap_workload": 9}, Context("finance"))
    assert caught.value.problems[0].field == "r9: cap_workload"


def crafted(answers: Sequence[tuple[str | None, dict[str, Any]]]) -> CampaignAggregate:
    scorer = Scorer(builtin("cx-curve"))
    context = Context("finance")
    people = [
        checked_respondent(scorer.reader, f"k{n}", department, raw, context)
        for n, (department, raw) in enumerate(answers)
    ]
    return aggregate(scorer.model, people, context=context, scorer=scorer, anonymous=True)


def test_a_strong_disagreement_is_flagged_with_the_departments_on_each_side() -> None:
    rows: Sequence[tuple[str | None, dict[str, Any]]] = (
        [("Sales", {"proc_repeat_issues": "manual-each-time"})] * 3
        + [("Support", {"proc_repeat_issues": "root-cause-systematic"})] * 3
        + [("IT", {"proc_repeat_issues": "documented-fix"})] * 3
        + [(None, {"proc_repeat_issues": "dont_know"})]
    )
    result = crafted(rows)
    q = result.question("proc_repeat_issues")
    assert q.flagged
    assert "proc_repeat_issues" in result.flagged
    assert (q.answered, q.dont_know, q.excluded) == (9, 1, 1)
    assert q.distribution == {
        "manual-each-time": 3,
        "tribal-knowledge": 0,
        "documented-fix": 3,
        "root-cause-periodic": 0,
        "root-cause-systematic": 3,
    }
    assert q.spread is not None
    assert (q.spread.mean, q.spread.median, q.spread.min, q.spread.max) == (3.0, 3.0, 1.0, 5.0)
    assert q.agreement is not None
    assert q.agreement.ad == pytest.approx(4 / 3, abs=1e-4)
    assert q.agreement.rwg == 0.0
    assert q.sides is not None
    assert [(s.department, s.n, s.median) for s in q.sides.lower] == [("Sales", 3, 1.0)]
    assert [(s.department, s.n, s.median) for s in q.sides.at] == [("IT", 3, 3.0)]
    assert [(s.department, s.n, s.median) for s in q.sides.higher] == [("Support", 3, 5.0)]
    assert q.sides.hidden == 0
    assert result.aggregated["proc_repeat_issues"] == "documented-fix"
    quiet = result.question("proc_workarounds")
    assert (quiet.answered, quiet.unanswered, quiet.agreement, quiet.sides) == (0, 10, None, None)
    assert result.consensus.sources["proc_workarounds"] == UNANSWERED


def test_the_sides_of_a_disagreement_hide_small_departments() -> None:
    rows: Sequence[tuple[str | None, dict[str, Any]]] = (
        [("Sales", {"cap_workload": 1})] * 4
        + [("Support", {"cap_workload": 5})] * 4
        + [("IT", {"cap_workload": 5})] * 1
    )
    q = crafted(rows).question("cap_workload")
    assert q.sides is not None
    named = [s.department for s in (*q.sides.lower, *q.sides.at, *q.sides.higher)]
    assert named == ["Support"]  # IT (1) and, with it, Sales (4, the smaller by name) hidden
    assert q.sides.hidden == 5


def test_a_matrix_facet_counts_who_was_not_asked() -> None:
    scorer, context, people = campaign("cx-automation", 40)
    result = aggregate(scorer.model, people, context=context, scorer=scorer)
    item = next(iter(result.consensus.answers["use_cases"]))
    status = result.question(f"use_cases.{item}.status")
    technology = result.question(f"use_cases.{item}.technology")
    assert status.distribution["none"] > 0
    assert technology.not_asked == status.distribution["none"]
    assert technology.answered + technology.not_asked + technology.excluded == 40
    channels = result.question(f"use_cases.{item}.channels")
    assert channels.type == "multi"
    assert channels.agreement is None
    assert set(channels.distribution) >= {"sms", "email"}


def test_dimension_agreement_uses_the_models_levels() -> None:
    scorer, context, people = campaign("cx-curve", 30)
    result = aggregate(scorer.model, people, context=context, scorer=scorer)
    dim = result.dimensions[0]
    assert list(dim.levels) == [lv.id for lv in scorer.model.levels]
    assert sum(dim.levels.values()) == dim.scored
    assert dim.agreement is not None
    assert dim.agreement.categories == 5
    assert dim.spread is not None
    assert dim.spread.min <= dim.spread.median <= dim.spread.max
    keys = set(result.to_dict())
    assert keys >= {
        "model", "context", "respondents", "anonymous", "min_group", "overall", "dimensions",
        "questions", "flagged", "aggregated", "consensus", "result", "individual",
    }  # fmt: skip


def test_an_empty_campaign_aggregates_to_nothing() -> None:
    scorer = Scorer(builtin("cx-curve"))
    result = aggregate(scorer.model, [], context=Context("finance"), scorer=scorer)
    assert result.respondents == 0
    assert result.consensus.answers == {}
    assert result.overall.spread is None
    assert result.result.overall.score is None
