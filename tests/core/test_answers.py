"""AnswerReader checks answers, from a YAML/JSON mapping or a spreadsheet row, the same way:
every mistake becomes a problem naming the field it is in."""

from __future__ import annotations

from typing import Any

import pytest

from cxmaturity.core.scoring import (
    AnswerProblem,
    AnswerReader,
    Answers,
    Context,
    InvalidAnswersError,
    Scorer,
    columns,
    flatten,
    sample_respondents,
)
from cxmaturity.models import BUILTIN_IDS, builtin

ITEM = "fin_kyc_onboarding"  # a finance use case of cx-automation


def read(
    model_id: str, answers: dict[str, Any], industry: str = "finance"
) -> tuple[Answers, list[AnswerProblem]]:
    return AnswerReader(builtin(model_id)).read(answers, Context(industry))


def the_problem(model_id: str, answers: dict[str, Any], industry: str = "finance") -> AnswerProblem:
    _, problems = read(model_id, answers, industry)
    assert len(problems) == 1, problems
    return problems[0]


def test_it_reads_valid_answers_without_problems() -> None:
    answers, problems = read(
        "cx-curve", {"proc_repeat_issues": "documented-fix", "cap_workload": "4"}
    )
    assert problems == []
    assert dict(answers.values) == {"proc_repeat_issues": "documented-fix", "cap_workload": 4}


def test_it_names_an_unknown_question() -> None:
    problem = the_problem("cx-curve", {"proc_repeat_isues": "documented-fix"})
    assert problem.field == "proc_repeat_isues"
    assert "unknown question 'proc_repeat_isues'" in problem.message


def test_it_lists_the_options_of_an_invalid_choice() -> None:
    problem = the_problem("cx-curve", {"proc_repeat_issues": "bogus"})
    assert problem.field == "proc_repeat_issues"
    assert "unknown option 'bogus'" in problem.message
    assert "documented-fix" in problem.message


@pytest.mark.parametrize("value", [0, 6, "2.5", "many", True])
def test_it_rejects_a_scale_answer_off_the_scale(value: Any) -> None:
    problem = the_problem("cx-curve", {"cap_workload": value})
    assert problem.field == "cap_workload"
    assert "whole number from 1 to 5" in problem.message


@pytest.mark.parametrize("value", ["fast", " ", [], True, float("nan"), "1e999"])
def test_it_rejects_a_number_that_is_not_a_number(value: Any) -> None:
    problem = the_problem("cx-curve", {"sla_first_response_email": value})
    assert problem.field == "sla_first_response_email"
    assert "expected a number" in problem.message


@pytest.mark.parametrize("value", [None, ""])
def test_an_empty_answer_is_unanswered(value: Any) -> None:
    answers, problems = read("cx-curve", {"sla_first_response_email": value, "proc_sops": value})
    assert problems == []
    assert dict(answers.values) == {}


def test_it_rejects_a_number_below_the_allowed_minimum() -> None:
    problem = the_problem("cx-curve", {"sla_first_response_email": -3})
    assert problem.field == "sla_first_response_email"
    assert "outside the allowed range" in problem.message


@pytest.mark.parametrize(
    ("word", "meant"),
    [("yes", True), ("Y", True), ("true", True), ("1", True), (True, True), (1, True),
     ("no", False), ("N", False), ("FALSE", False), ("0", False), (False, False), (0, False)],
)  # fmt: skip
def test_it_reads_yes_and_no_words(word: Any, meant: bool) -> None:
    answers, problems = read("cx-curve", {"proc_sops": word})
    assert problems == []
    assert answers.values["proc_sops"] is meant


def test_it_rejects_a_word_that_is_neither_yes_nor_no() -> None:
    problem = the_problem("cx-curve", {"proc_sops": "maybe"})
    assert problem.field == "proc_sops"
    assert "expected yes or no" in problem.message


@pytest.mark.parametrize("given", ["crm|helpdesk", " crm | helpdesk ", ["crm", "helpdesk"]])
def test_it_reads_several_options_of_a_multi(given: Any) -> None:
    answers, problems = read("cx-curve", {"tool_systems": given})
    assert problems == []
    assert answers.values["tool_systems"] == frozenset({"crm", "helpdesk"})


def test_it_names_the_bad_option_of_a_multi() -> None:
    problem = the_problem("cx-curve", {"tool_systems": "crm|bogus"})
    assert problem.field == "tool_systems"
    assert "unknown option 'bogus'" in problem.message


def test_it_rejects_a_use_case_of_another_industry() -> None:
    problem = the_problem(
        "cx-automation", {"use_cases": {"ret_abandoned_cart": {"status": "full"}}}
    )
    assert problem.field == "use_cases.ret_abandoned_cart"
    assert "industry 'finance'" in problem.message


def test_it_names_an_unknown_facet() -> None:
    problem = the_problem("cx-automation", {"use_cases": {ITEM: {"stat": "full"}}})
    assert problem.field == f"use_cases.{ITEM}.stat"
    assert "unknown facet 'stat'" in problem.message


def test_it_names_an_unknown_facet_option() -> None:
    problem = the_problem("cx-automation", {"use_cases": {ITEM: {"status": "mostly"}}})
    assert problem.field == f"use_cases.{ITEM}.status"
    assert "unknown option 'mostly'" in problem.message


@pytest.mark.parametrize("status", [None, "none"])
def test_it_rejects_a_facet_whose_condition_is_not_met(status: str | None) -> None:
    facets = {"technology": "agentic_ai"} | ({"status": status} if status else {})
    answers, problems = read("cx-automation", {"use_cases": {ITEM: facets}})
    (problem,) = problems
    assert problem.field == f"use_cases.{ITEM}.technology"
    assert "only answered when 'status' is partial or full" in problem.message
    assert "technology" not in answers.values["use_cases"][ITEM]


def test_it_rejects_dont_know_where_it_is_not_allowed() -> None:
    problem = the_problem("cx-matrix", {"culture_people_stage": "dont_know"})
    assert problem.field == "culture_people_stage"
    assert "'dont_know' is not allowed" in problem.message


def test_it_accepts_not_applicable_only_where_allowed() -> None:
    answers, problems = read("cx-curve", {"sla_first_response_email": "Not_Applicable"})
    assert problems == []
    assert answers.values["sla_first_response_email"] == "not_applicable"
    problem = the_problem("cx-curve", {"proc_sops": "not_applicable"})
    assert problem.field == "proc_sops"


def test_it_names_an_unknown_industry() -> None:
    problems: list[AnswerProblem] = []
    context = AnswerReader(builtin("cx-curve")).context({"industry": "mining"}, problems)
    assert context.industry == "other"
    (problem,) = problems
    assert problem.field == "industry"
    assert "unknown industry 'mining'" in problem.message


def test_score_raw_raises_with_every_problem() -> None:
    scorer = Scorer(builtin("cx-curve"))
    raw = {"industry": "mining", "answers": {"proc_sops": "maybe", "nope": 1, "cap_workload": 9}}
    with pytest.raises(InvalidAnswersError) as caught:
        scorer.score_raw(raw)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["cap_workload", "industry", "nope", "proc_sops"]


# -- spreadsheet rows -------------------------------------------------------------------


def test_it_reads_a_spreadsheet_row() -> None:
    reader = AnswerReader(builtin("cx-automation"))
    row = {
        "respondent": "r1",
        "industry": "finance",
        "region": "europe",
        "size": "50-249",
        "sp_channel_mix": "sms|whatsapp",
        "soph_handoff": "",
        f"use_cases.{ITEM}.status": "full",
        f"use_cases.{ITEM}.technology": "hybrid_ai",
        f"use_cases.{ITEM}.depth": "",
        f"use_cases.{ITEM}.channels": "sms | email",
        "use_cases.fin_esignature": "dont_know",
    }
    answers, problems = reader.read_row(row)
    assert problems == []
    assert answers.context == Context("finance", "europe", "50-249")
    assert answers.values["sp_channel_mix"] == frozenset({"sms", "whatsapp"})
    assert "soph_handoff" not in answers.values  # an empty cell is unanswered
    assert answers.values["use_cases"] == {
        ITEM: {
            "status": "full",
            "technology": "hybrid_ai",
            "channels": frozenset({"sms", "email"}),
        },
        "fin_esignature": "dont_know",
    }


def test_it_names_the_cell_of_a_mistake_in_a_row() -> None:
    reader = AnswerReader(builtin("cx-automation"))
    _, problems = reader.read_row(
        {"industry": "finance", f"use_cases.{ITEM}.technology": "agentic_ai", "soph_handoff": "x"}
    )
    assert sorted(p.field for p in problems) == ["soph_handoff", f"use_cases.{ITEM}.technology"]


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_every_flattened_answer_has_a_template_column(model_id: str) -> None:
    model = builtin(model_id)
    names = {c.name for c in columns(model)}
    for respondent in sample_respondents(model, 10, seed=2):
        assert set(flatten(respondent["answers"])) <= names


def test_an_empty_multi_choice_survives_the_sheet() -> None:
    """An answer 'none of these' scores zero points; written to a sheet and read back it must
    not turn into an unanswered question."""
    reader = AnswerReader(builtin("cx-curve"))
    nested, problems = reader.read({"tool_systems": []}, Context())
    assert problems == []
    from_row, problems = reader.read_row(flatten({"tool_systems": []}))
    assert problems == []
    assert from_row.values == nested.values == {"tool_systems": frozenset()}


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_a_flattened_respondent_scores_the_same_as_the_nested_one(model_id: str) -> None:
    model = builtin(model_id)
    scorer, reader = Scorer(model), AnswerReader(model)
    for respondent in sample_respondents(model, 40, seed=9):
        nested = scorer.score_raw(respondent).to_dict()
        context = {k: respondent[k] or "" for k in ("respondent", "industry", "region", "size")}
        answers, problems = reader.read_row(context | flatten(respondent["answers"]))
        assert problems == []
        assert scorer.score(answers).to_dict() == nested, respondent["respondent"]
