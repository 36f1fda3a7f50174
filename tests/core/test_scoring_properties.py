"""Properties every score of every built-in model keeps, whatever the answers."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxmaturity.core.model import (
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    Scale,
    SingleChoice,
    YesNo,
)
from cxmaturity.core.scoring import Result, Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
EXCLUDED = ("dont_know", "not_applicable")


def questions(model: MaturityModel) -> dict[str, Question]:
    return {q.id: q for d in model.dimensions for q in d.questions}


def fed_by(model: MaturityModel, question_id: str) -> set[str]:
    """The dimensions whose score an answer to this question can move."""
    for dim in model.dimensions:
        for q in dim.questions:
            if q.id != question_id or not q.scored:
                continue
            if isinstance(q, Matrix):
                return {k.dimension for k in q.contributes}
            return {dim.id}
    return set()


def respondent(model: MaturityModel, seed: int) -> dict[str, Any]:
    return next(sample_respondents(model, 1, seed=seed))


def scores(result: Result) -> dict[str, float | None]:
    return {d.id: d.score for d in result.dimensions}


# -- answers at the ends of every scale -----------------------------------------------


def extreme_facets(question: Matrix, highest: bool) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    for facet in question.facets:
        if any(chosen.get(other) not in wanted for other, wanted in facet.applies_when.items()):
            continue
        ranked = sorted(facet.options, key=lambda o: o.value)
        if facet.multiple:
            chosen[facet.id] = [o.id for o in ranked] if highest else []
        else:
            chosen[facet.id] = (ranked[-1] if highest else ranked[0]).id
    return chosen


def extreme_answer(model: MaturityModel, q: Question, industry: str, highest: bool) -> Any:
    if isinstance(q, SingleChoice):
        return max(q.options, key=lambda o: o.score if highest else -o.score).id
    if isinstance(q, MultiChoice):
        return [o.id for o in q.options] if highest else []
    if isinstance(q, Scale):
        return q.max if highest else q.min
    if isinstance(q, Number):
        return q.best if highest else q.worst
    if isinstance(q, YesNo):
        return (q.yes_score > q.no_score) == highest
    return {item: extreme_facets(q, highest) for item in catalog_items(model, q.catalog, industry)}


def catalog_items(model: MaturityModel, catalog_id: str, industry: str) -> list[str]:
    """Items of a catalog that apply to an industry (no industries listed: every industry)."""
    catalog = next(c for c in model.catalogs if c.id == catalog_id)
    return [i.id for i in catalog.items if not i.industries or industry in i.industries]


def industries(model: MaturityModel) -> list[str]:
    return sorted({i.id for i in model.industries} | {"other"})


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
@pytest.mark.parametrize(("highest", "expected"), [(False, 0.0), (True, 100.0)])
def test_the_lowest_and_highest_answers_score_0_and_100(
    model_id: str, highest: bool, expected: float
) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    for industry in industries(model):
        answers = {
            q.id: extreme_answer(model, q, industry, highest) for q in questions(model).values()
        }
        result = scorer.score_raw({"industry": industry, "answers": answers})
        assert set(scores(result).values()) == {expected}, (industry, scores(result))
        assert result.overall.score == expected
        assert all(g.score in (None, expected) for g in (*result.axes, *result.stages))


# -- ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
@PROPERTY
@given(seed=st.integers(0, 10**6))
def test_every_score_stays_within_0_and_100(model_id: str, seed: int) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    for answers in sample_respondents(model, 5, seed=seed):
        result = scorer.score_raw(answers)
        every = [
            *(d.score for d in result.dimensions),
            result.overall.score,
            *(g.score for g in (*result.axes, *result.stages)),
        ]
        assert all(s is None or 0 <= s <= 100 for s in every), every


# -- monotony: a better answer never costs points ---------------------------------------


def better_matrix_answers(q: Matrix, answer: dict[str, Any]) -> list[dict[str, Any]]:
    """Each answer that differs from `answer` by one better facet choice on one item."""
    facets = {f.id: f for f in q.facets}
    out = []
    for item, given_facets in answer.items():
        if not isinstance(given_facets, dict):
            continue
        for facet_id, chosen in given_facets.items():
            facet = facets[facet_id]
            options: list[Any]
            if facet.multiple:
                options = [[*chosen, o.id] for o in facet.options if o.id not in chosen]
            else:
                now = next(o.value for o in facet.options if o.id == chosen)
                options = [o.id for o in facet.options if o.value > now]
            for option in options:
                better = copy.deepcopy(answer)
                better[item][facet_id] = option
                out.append(better)
    return out


def better_answers(q: Question, answer: Any) -> list[Any]:
    """Answers to `q` at least as good as `answer`, and different from it."""
    if isinstance(answer, str) and answer in EXCLUDED:
        return []
    if isinstance(q, SingleChoice):
        now = next(o.score for o in q.options if o.id == answer)
        return [o.id for o in q.options if o.score > now]
    if isinstance(q, MultiChoice):
        return [[*answer, o.id] for o in q.options if o.id not in answer]
    if isinstance(q, Scale):
        return list(range(answer + 1, q.max + 1))
    if isinstance(q, Number):
        return [answer + (q.best - answer) * share for share in (0.25, 0.5, 1.0)]
    if isinstance(q, YesNo):
        best = q.yes_score >= q.no_score
        return [best] if answer != best else []
    return better_matrix_answers(q, answer)


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
@PROPERTY
@given(seed=st.integers(0, 10**6), data=st.data())
def test_a_better_answer_never_lowers_its_dimension(
    model_id: str, seed: int, data: st.DataObject
) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    doc = respondent(model, seed)
    by_id = questions(model)
    choices = [
        (qid, better)
        for qid, answer in doc["answers"].items()
        if fed_by(model, qid)
        for better in better_answers(by_id[qid], answer)
    ]
    if not choices:
        return
    qid, better = data.draw(st.sampled_from(choices), label="question and better answer")
    raised = copy.deepcopy(doc)
    raised["answers"][qid] = better
    before, after = scores(scorer.score_raw(doc)), scores(scorer.score_raw(raised))
    for dimension in fed_by(model, qid):
        old, new = before[dimension], after[dimension]
        assert old is not None, dimension
        assert new is not None, f"{dimension} lost its score when {qid} got better"
        assert new >= old, f"{dimension}: {old} -> {new} when {qid} got better"


# -- don't know -----------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
@PROPERTY
@given(seed=st.integers(0, 10**6), data=st.data())
def test_dont_know_only_moves_the_dimensions_the_question_feeds(
    model_id: str, seed: int, data: st.DataObject
) -> None:
    model = builtin(model_id)
    allowed = [q.id for q in questions(model).values() if q.allow_dont_know]
    if not allowed:
        pytest.skip(f"{model_id} allows 'dont_know' nowhere")
    scorer = Scorer(model)
    doc = respondent(model, seed)
    qid = data.draw(st.sampled_from(allowed), label="question")
    unknown = copy.deepcopy(doc)
    unknown["answers"][qid] = "dont_know"
    before, after = scorer.score_raw(doc), scorer.score_raw(unknown)
    untouched = [d.id for d in model.dimensions if d.id not in fed_by(model, qid)]
    for dimension in untouched:
        assert after.dimension(dimension).to_dict() == before.dimension(dimension).to_dict()
    if fed_by(model, qid):
        assert (qid, "dont_know") in {(e.question, e.reason) for e in after.excluded}


def test_a_whole_matrix_answered_dont_know_is_scored() -> None:
    """cx-automation allows 'dont_know' for the use-case matrix; with systems in place and a
    sophistication answer, the headroom check must cope with it."""
    model = builtin("cx-automation")
    answers = {"use_cases": "dont_know", "sp_systems": ["crm"], "soph_handoff": "start_over"}
    result = Scorer(model).score_raw({"industry": "retail", "answers": answers})
    assert result.dimension("journey").score is None
    assert ("use_cases", "dont_know") in {(e.question, e.reason) for e in result.excluded}


def use_cases(model: MaturityModel, industry: str, status: str) -> dict[str, Any]:
    return {item: {"status": status} for item in catalog_items(model, "use_cases", industry)}


def test_a_use_case_answered_dont_know_is_left_out_not_counted_as_zero() -> None:
    model = builtin("cx-automation")
    scorer = Scorer(model)
    full = use_cases(model, "retail", "full")
    unknown_item = sorted(full)[0]
    partial_answer = full | {unknown_item: "dont_know"}
    without = {item: v for item, v in full.items() if item != unknown_item}
    with_dont_know = scorer.score_raw(
        {"industry": "retail", "answers": {"use_cases": partial_answer}}
    )
    left_out = scorer.score_raw({"industry": "retail", "answers": {"use_cases": without}})
    assert with_dont_know.dimension("journey").score == 100.0
    assert scores(with_dont_know) == scores(left_out)


def test_a_use_case_answered_dont_know_is_reported_with_its_item() -> None:
    model = builtin("cx-automation")
    full = use_cases(model, "retail", "full")
    unknown_item = sorted(full)[0]
    answers = {"use_cases": full | {unknown_item: "dont_know"}}
    result = Scorer(model).score_raw({"industry": "retail", "answers": answers})
    reported = {(e.question, e.item, e.reason) for e in result.excluded}
    assert ("use_cases", unknown_item, "dont_know") in reported


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_unanswered_questions_are_left_out_not_counted_as_zero(model_id: str) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    first = next(q for d in model.dimensions for q in d.questions if q.scored)
    answer = extreme_answer(model, first, "other", highest=True)
    result = scorer.score_raw({"answers": {first.id: answer}})
    for dim in result.dimensions:
        assert dim.score == (100.0 if dim.id in fed_by(model, first.id) else None), dim.id
    assert result.overall.score == 100.0
    reasons = {e.reason for e in result.excluded}
    assert reasons == {"unanswered"}


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_an_excluded_answer_is_listed_once(model_id: str) -> None:
    model = builtin(model_id)
    unknown = {q.id: "dont_know" for q in questions(model).values() if q.allow_dont_know}
    result = Scorer(model).score_raw({"answers": unknown})
    listed = Counter((e.question, e.item) for e in result.excluded)
    assert [key for key, count in listed.items() if count > 1] == []


# -- a worked example -------------------------------------------------------------------


def test_it_scores_a_weighted_mean_as_documented() -> None:
    """cx-curve process efficiency: single 3 of 1-5, single 5 of 1-5, yes/no answered no."""
    result = Scorer(builtin("cx-curve")).score_raw(
        {
            "answers": {
                "proc_repeat_issues": "documented-fix",
                "proc_workarounds": "rare",
                "proc_sops": "no",
            }
        }
    )
    dim = result.dimension("process_efficiency")
    assert dim.score == 50.0  # 100 × (0.5 + 1 + 0) / 3
    assert dim.raw == pytest.approx(8 / 3, abs=1e-4)  # (3 + 5 + 0) / 3
    assert dim.level is not None
    assert dim.level.id == "proactive"
    assert dim.band is not None
    assert dim.band.id == "momentum"
    assert (dim.answered, dim.excluded) == (3, 0)


# -- reproducibility --------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_same_answers_give_the_same_result(model_id: str) -> None:
    model = builtin(model_id)
    docs = list(sample_respondents(model, 10, seed=7))
    assert docs == list(sample_respondents(model, 10, seed=7))
    first, second = Scorer(model), Scorer(model)
    for doc in docs:
        expected = first.score_raw(doc, explain=True).to_dict()
        assert first.score_raw(doc, explain=True).to_dict() == expected
        assert second.score_raw(copy.deepcopy(doc), explain=True).to_dict() == expected


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_a_result_records_the_model_id_and_version(model_id: str) -> None:
    model = builtin(model_id)
    result = Scorer(model).score_raw(respondent(model, 1))
    assert (result.model_id, result.model_version) == (model.id, model.version)
    assert result.to_dict()["model"] == {"id": model_id, "version": model.version}
