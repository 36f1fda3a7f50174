"""The answer that stands for the group, per question type, and the consensus document."""

from __future__ import annotations

from typing import Any

import pytest

from cxmaturity.core.aggregation import (
    AGGREGATED,
    AGREED,
    UNANSWERED,
    Agreed,
    aggregate_item,
    aggregate_value,
    aggregated_answers,
    build_consensus,
    collect,
)
from cxmaturity.core.model import Matrix, MaturityModel, Question, load_model
from cxmaturity.core.scoring import AnswerReader, Context, InvalidAnswersError, Scorer
from cxmaturity.models import builtin

ITEM = "fin_kyc_onboarding"  # a finance use case of cx-automation

TIED = """
id: tied
version: 1.0.0
title: Tied
summary: Options worth the same points.
estimated_minutes: 1
levels:
  - {id: low, label: Low}
  - {id: high, label: High}
ladders:
  - id: levels
    rungs:
      - {id: low, from: 0, to: 50}
      - {id: high, from: 50, to: 100}
scoring: {levels: levels}
dimensions:
  - id: d
    label: D
    questions:
      - id: q
        type: single
        label: Q
        options:
          - {id: a, label: A, score: 1}
          - {id: b, label: B, score: 2}
          - {id: c, label: C, score: 2}
          - {id: d, label: D, score: 3}
      - id: flip
        type: yesno
        label: Flip
        yes_score: 0
        no_score: 1
"""


def question(model: MaturityModel, qid: str) -> Question:
    return next(q for d in model.dimensions for q in d.questions if q.id == qid)


def curve(qid: str) -> Question:
    return question(builtin("cx-curve"), qid)


def use_cases() -> Matrix:
    found = question(builtin("cx-automation"), "use_cases")
    assert isinstance(found, Matrix)
    return found


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["manual-each-time", "tribal-knowledge", "root-cause-periodic", "root-cause-systematic"],
         "tribal-knowledge"),  # points 1 2 4 5: the lower of the middle two
        (["manual-each-time", "root-cause-systematic"], "manual-each-time"),
        (["documented-fix", "root-cause-systematic", "manual-each-time"], "documented-fix"),
        (["dont_know", "root-cause-systematic", "dont_know"], "root-cause-systematic"),
        (["dont_know", "dont_know"], None),
        ([], None),
    ],
)  # fmt: skip
def test_single_choice_is_the_lower_median_of_the_points(
    values: list[str], expected: str | None
) -> None:
    assert aggregate_value(curve("proc_repeat_issues"), values) == expected


def test_options_worth_the_same_points_go_to_the_most_chosen_then_model_order() -> None:
    q = question(load_model(TIED, "tied.yaml"), "q")
    assert aggregate_value(q, ["b", "c", "c", "d"]) == "c"
    assert aggregate_value(q, ["c", "b", "d"]) == "b"  # one each: the first in the model
    assert aggregate_value(q, ["a", "c", "d", "d"]) == "c"


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1, 2, 4, 5], 2), ([3, 4, 5], 4), ([5, 5, 1], 5), ([2, 3], 2)],
)
def test_scale_is_the_lower_median_always_an_allowed_value(
    values: list[int], expected: int
) -> None:
    found = aggregate_value(curve("cap_workload"), values)
    assert found == expected
    assert isinstance(found, int)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1.0, 10.0], 5.5), ([2.0, 8.0, 100.0], 8.0), ([4.0, "not_applicable"], 4.0)],
)
def test_number_is_the_median(values: list[Any], expected: float) -> None:
    assert aggregate_value(curve("sla_first_response_email"), values) == expected


def test_yes_no_is_the_majority_and_a_tie_the_lower_scoring_answer() -> None:
    sops = curve("proc_sops")
    assert aggregate_value(sops, [True, True, False]) is True
    assert aggregate_value(sops, [False, False, True]) is False
    assert aggregate_value(sops, [True, False]) is False  # no scores 0 < yes 1
    flipped = question(load_model(TIED, "tied.yaml"), "flip")
    assert aggregate_value(flipped, [True, False]) is True  # here yes is worth less


def test_multiple_choice_keeps_options_chosen_by_at_least_half() -> None:
    systems = curve("tool_systems")
    chosen = [
        frozenset({"helpdesk", "crm"}),
        frozenset({"helpdesk"}),
        frozenset({"crm", "analytics"}),
        frozenset(),
        "dont_know",
    ]
    assert aggregate_value(systems, chosen) == ["helpdesk", "crm"]  # model order
    assert aggregate_value(systems, [frozenset(), frozenset({"crm"}), frozenset()]) == []
    assert aggregate_value(systems, ["dont_know"]) is None


def test_a_matrix_item_takes_each_facet_by_its_rule() -> None:
    answers = [
        {"status": "none"},
        {"status": "partial", "technology": "rule_based", "depth": "one_way",
         "channels": frozenset({"sms"})},
        {"status": "full", "technology": "agentic_ai", "depth": "conversational",
         "channels": frozenset({"sms", "email"})},
        "dont_know",
    ]  # fmt: skip
    assert aggregate_item(use_cases(), answers) == {
        "status": "partial",  # values 0, 0.5, 1
        "technology": "rule_based",  # among the two asked: 0.25 and 1, the lower median
        "depth": "one_way",
        "channels": ["sms", "email"],  # sms 2 of 2, e-mail 1 of 2: at least half
    }


def test_a_matrix_item_stays_consistent_with_applies_when() -> None:
    answers = [
        {"status": "none"},
        {"status": "none"},
        {"status": "full", "technology": "agentic_ai", "depth": "two_way",
         "channels": frozenset({"sms"})},
    ]  # fmt: skip
    assert aggregate_item(use_cases(), answers) == {"status": "none"}


def test_an_empty_multiple_facet_is_written_none() -> None:
    answers = [
        {"status": "partial", "channels": frozenset()},
        {"status": "partial", "channels": frozenset({"sms"})},
        {"status": "partial", "channels": frozenset()},
    ]
    assert aggregate_item(use_cases(), answers) == {"status": "partial", "channels": "none"}


def test_an_item_nobody_answered_with_facets_stays_unanswered() -> None:
    assert aggregate_item(use_cases(), ["dont_know", "not_applicable", {}]) is None


def finance_campaign(
    answers: list[dict[str, Any]],
) -> tuple[AnswerReader, Context, dict[str, Any], dict[str, int]]:
    model = builtin("cx-automation")
    reader = AnswerReader(model)
    context = Context("finance")
    checked = []
    for raw in answers:
        found, problems = reader.read(raw, context)
        assert problems == []
        checked.append(found.values)
    document, answered = aggregated_answers(model, collect(model, checked, "finance"))
    return reader, context, document, answered


def test_consensus_uses_agreed_answers_over_aggregated_ones_and_says_which() -> None:
    reader, context, document, answered = finance_campaign(
        [
            {"soph_handoff": "dont_know", "use_cases": {ITEM: {"status": "none"}}},
            {"use_cases": {ITEM: {"status": "none"}}},
        ]
    )
    assert document == {"use_cases": {ITEM: {"status": "none"}}}
    agreed = {
        f"use_cases.{ITEM}": Agreed(
            {"status": "full", "technology": "hybrid_ai", "channels": ["sms"]}, "IT showed it"
        ),
        "soph_handoff": "dont_know",
    }
    consensus = build_consensus(reader, context, document, answered, 2, agreed)
    assert consensus.answers["use_cases"][ITEM] == {
        "status": "full",
        "technology": "hybrid_ai",
        "channels": ["sms"],
    }
    assert consensus.answers["soph_handoff"] == "dont_know"
    assert consensus.sources[f"use_cases.{ITEM}"] == AGREED
    assert consensus.sources["soph_handoff"] == AGREED
    assert consensus.sources["soph_triggers"] == UNANSWERED
    assert consensus.answered[f"use_cases.{ITEM}"] == 2
    assert consensus.reasons == {f"use_cases.{ITEM}": "IT showed it", "soph_handoff": ""}
    _, problems = reader.read(consensus.answers, context)
    assert problems == []
    without = build_consensus(reader, context, document, answered, 2)
    assert without.sources[f"use_cases.{ITEM}"] == AGGREGATED
    scorer = Scorer(reader.model)
    agreed_score = scorer.score_raw(consensus.raw(context)).dimension("journey").score
    aggregated_score = scorer.score_raw(without.raw(context)).dimension("journey").score
    assert agreed_score == 100.0
    assert aggregated_score == 0.0


def test_a_whole_matrix_can_be_agreed_item_by_item() -> None:
    reader, context, document, answered = finance_campaign([{}])
    consensus = build_consensus(
        reader, context, document, answered, 1, {"use_cases": {ITEM: "not_applicable"}}
    )
    assert consensus.answers == {"use_cases": {ITEM: "not_applicable"}}
    assert consensus.sources[f"use_cases.{ITEM}"] == AGREED


@pytest.mark.parametrize(
    ("agreed", "field"),
    [
        ({"soph_handoff": "bogus"}, "soph_handoff"),
        ({"nope": "x"}, "nope"),
        ({"soph_handoff.item": {"status": "full"}}, "soph_handoff.item"),
        ({"use_cases.ret_abandoned_cart": {"status": "full"}}, "use_cases.ret_abandoned_cart"),
    ],
)
def test_invalid_agreed_answers_are_refused_naming_the_field(
    agreed: dict[str, Any], field: str
) -> None:
    reader, context, document, answered = finance_campaign([{}])
    with pytest.raises(InvalidAnswersError) as caught:
        build_consensus(reader, context, document, answered, 1, agreed)
    assert [p.field for p in caught.value.problems] == [field]
