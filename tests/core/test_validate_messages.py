"""Every kind of mistake in a model file becomes a problem that says where it is and what to do.

Each test starts from one small valid model, makes one mistake in it, and checks the
exact ``source:line:column`` of the problem and a phrase of its message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import yaml

from cxmaturity.core.model import InvalidModelError, Problem, load_model, validate_model

SOURCE = "tiny.yaml"

VALID = """\
format: 1
id: tiny
version: 1.0.0
title: Tiny model
summary: A model small enough to read at a glance.
estimated_minutes: 5
sources:
  - id: src
    name: A source
industries:
  - id: finance
    label: Finance
axes:
  - id: ops
    label: Operations
stages:
  - id: early
    label: Early
systems:
  - id: crm
    label: CRM
kpis:
  - id: csat
    label: CSAT
levels:
  - id: low
    label: Low
  - id: high
    label: High
ladders:
  - id: lv
    rungs:
      - {id: low, from: 0, to: 50}
      - {id: high, from: 50, to: 100}
scoring:
  levels: lv
dimensions:
  - id: people
    label: People
    axis: ops
    stage: early
    questions:
      - id: q1
        type: single
        label: First question?
        options:
          - id: a
            label: A
            score: 0
          - id: b
            label: B
            score: 1
      - id: q2
        type: scale
        label: Second question?
        max: 5
benchmarks:
  - industry: finance
    source: src
    values:
      people: 40
"""

# The same model with a raw-basis level ladder: q1 scores 0-1 and q2 1-5, so the
# dimension's raw value (a weighted mean of points) runs from 0 to 5.
RAW = VALID.replace(
    "  - id: lv\n    rungs:\n"
    "      - {id: low, from: 0, to: 50}\n"
    "      - {id: high, from: 50, to: 100}\n",
    "  - id: lv\n    basis: raw\n    rungs:\n"
    "      - {id: low, from: 0, to: 2.5}\n"
    "      - {id: high, from: 2.5, to: 5}\n",
)


def edit(old: str, new: str, text: str = VALID) -> str:
    """The model with one piece of text replaced (which must occur exactly once)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def at(text: str, marker: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where the n-th `marker` starts in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(marker, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return line, column


def the_problem(text: str, source: str = SOURCE) -> Problem:
    problems = validate_model(text, source)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def assert_points_at(
    problem: Problem, text: str, marker: str, phrase: str, occurrence: int = 1
) -> None:
    line, column = at(text, marker, occurrence)
    assert str(problem).startswith(f"{problem.source}:{line}:{column}: "), str(problem)
    assert phrase in problem.message, str(problem)


def test_the_minimal_models_are_valid() -> None:
    assert validate_model(VALID, SOURCE) == []
    assert validate_model(RAW, SOURCE) == []


def test_problem_renders_as_source_line_column_message() -> None:
    problem = Problem("something is wrong", ("id",), 3, 7, "m.yaml")
    assert str(problem) == "m.yaml:3:7: something is wrong"


# -- schema: keys and types ---------------------------------------------------------------


def test_it_suggests_the_key_meant_by_a_typo() -> None:
    text = edit("        options:\n", "        optoins:\n")
    problems = validate_model(text, SOURCE)
    typo = next(p for p in problems if "optoins" in p.message)
    assert_points_at(typo, text, "optoins", "unknown key 'optoins'")
    assert "did you mean 'options'?" in typo.message


def test_it_lists_allowed_keys_when_nothing_is_close() -> None:
    text = edit("scoring:\n  levels: lv\n", "scoring:\n  levels: lv\n  zzzzzz: 1\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "zzzzzz", "unknown key 'zzzzzz' in scoring")
    assert "allowed keys: levels, bands" in problem.message


def test_it_reports_a_wrong_type_at_the_key() -> None:
    text = edit("estimated_minutes: 5", "estimated_minutes: five")
    problem = the_problem(text)
    assert_points_at(problem, text, "estimated_minutes", "estimated_minutes")
    assert "integer" in problem.message
    assert "'five'" in problem.message


def test_it_reports_a_wrong_type_deep_in_a_question() -> None:
    text = edit("        max: 5\n", "        max: 5\n        weight: heavy\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "weight: heavy", "dimensions[0].questions[1].weight")
    assert "number" in problem.message


def test_it_says_which_bound_types_a_rung_accepts() -> None:
    text = edit("{id: low, from: 0,", "{id: low, from: zero,")
    problem = the_problem(text)
    assert_points_at(problem, text, "from: zero", "ladders[0].rungs[0].from")
    assert "a number or a mapping {benchmark_times, plus}" in problem.message


def test_it_names_the_question_types_for_an_unknown_type() -> None:
    text = edit("        type: scale", "        type: slider")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: q2", "unknown type 'slider'")
    assert "'yesno'" in problem.message


def test_it_explains_an_invalid_id() -> None:
    text = edit("  - id: people", "  - id: People")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: People", "'People' is not a valid id")


def test_it_explains_an_invalid_version() -> None:
    text = edit("version: 1.0.0", 'version: "1.0"')
    problem = the_problem(text)
    assert_points_at(problem, text, "version", "is not a semantic version")


def test_it_asks_for_the_score_of_an_option_without_one() -> None:
    text = edit("            label: B\n            score: 1\n", "            label: B\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: b", "option has no score")
    assert "score: <points>" in problem.message


def test_it_names_a_missing_required_key() -> None:
    text = edit("estimated_minutes: 5\n", "")
    problem = the_problem(text)
    assert problem.line == 1
    assert "missing required key 'estimated_minutes'" in problem.message


# -- duplicates ---------------------------------------------------------------------------


def test_it_reports_a_duplicate_dimension_id() -> None:
    second = (
        "  - id: people\n    label: Again\n    questions: [{id: q9, type: yesno, label: Yes?}]\n"
    )
    text = VALID.replace("benchmarks:\n", second + "benchmarks:\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: people", "duplicate dimension id 'people'", occurrence=2)


def test_it_reports_a_duplicate_question_id() -> None:
    text = edit("      - id: q2", "      - id: q1")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: q1", "duplicate question id 'q1'", occurrence=2)


def test_it_reports_a_duplicate_option_id() -> None:
    text = edit("          - id: b", "          - id: a")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: a", "duplicate option id 'a'", occurrence=2)


def test_it_reports_a_duplicate_yaml_key_with_the_first_line() -> None:
    text = edit("    axis: ops\n", "    axis: ops\n    axis: ops\n")
    problem = the_problem(text)
    first_line, _ = at(text, "axis: ops")
    assert_points_at(problem, text, "axis: ops", "duplicate key 'axis'", occurrence=2)
    assert f"first at line {first_line}" in problem.message


# -- references ---------------------------------------------------------------------------


def test_it_reports_an_unknown_axis_with_a_suggestion() -> None:
    text = edit("    axis: ops", "    axis: opps")
    problem = the_problem(text)
    assert_points_at(problem, text, "axis: opps", "unknown axis 'opps'")
    assert "did you mean 'ops'?" in problem.message


def test_it_reports_an_unknown_ladder() -> None:
    text = edit("    stage: early\n", "    stage: early\n    bands: lvv\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "bands: lvv", "unknown ladder 'lvv'")
    assert "did you mean 'lv'?" in problem.message


def test_it_reports_an_unknown_scoring_ladder() -> None:
    text = edit("  levels: lv", "  levels: lvx")
    problems = validate_model(text, SOURCE)
    problem = next(p for p in problems if "unknown ladder" in p.message)
    assert_points_at(problem, text, "levels: lvx", "unknown ladder 'lvx'")


def test_it_lists_the_known_stages_for_an_unknown_stage() -> None:
    text = edit("    stage: early", "    stage: late")
    problem = the_problem(text)
    assert_points_at(problem, text, "stage: late", "unknown stage 'late'")
    assert "known: early" in problem.message


def test_it_reports_unknown_systems_and_kpis() -> None:
    action = (
        "actions:\n  - id: act\n    label: Do it\n    impact: {people: 10}\n"
        "    requires: [crmm]\n    kpis: [nps]\n"
    )
    text = VALID.replace("benchmarks:\n", action + "benchmarks:\n")
    system, kpi = validate_model(text, SOURCE)
    assert_points_at(system, text, "crmm", "unknown system 'crmm'")
    assert "did you mean 'crm'?" in system.message
    assert_points_at(kpi, text, "nps", "unknown KPI 'nps'")


def test_it_reports_an_unknown_dimension_in_benchmark_values() -> None:
    text = edit("      people: 40", "      peple: 40")
    problem = the_problem(text)
    assert_points_at(problem, text, "peple: 40", "unknown dimension 'peple'")
    assert "did you mean 'people'?" in problem.message


def test_it_reports_a_benchmark_off_the_score_scale() -> None:
    text = edit("      people: 40", "      people: 140")
    problem = the_problem(text)
    assert_points_at(problem, text, "people: 140", "outside the 0-100 score scale")


# -- ladders and levels -------------------------------------------------------------------


def test_it_reports_a_gap_between_rungs() -> None:
    text = edit("{id: high, from: 50,", "{id: high, from: 55,")
    problem = the_problem(text)
    assert_points_at(problem, text, "from: 55", "a gap between rung 'low' (to 50)")
    assert "rung 'high' (from 55)" in problem.message


def test_it_reports_an_overlap_between_rungs() -> None:
    text = edit("{id: high, from: 50,", "{id: high, from: 45,")
    problem = the_problem(text)
    assert_points_at(problem, text, "from: 45", "an overlap between rung 'low'")


def test_it_reports_a_gap_at_the_bottom_of_a_score_ladder() -> None:
    text = edit("{id: low, from: 0,", "{id: low, from: 10,")
    problem = the_problem(text)
    assert_points_at(problem, text, "from: 10", "a gap at the bottom")


def test_it_reports_a_gap_at_the_top_of_a_score_ladder() -> None:
    text = edit("from: 50, to: 100}", "from: 50, to: 90}")
    problem = the_problem(text)
    assert_points_at(problem, text, "to: 90", "a gap at the top")


def test_it_reports_raw_values_below_a_raw_ladder() -> None:
    text = edit("{id: low, from: 0,", "{id: low, from: 1,", RAW)
    problem = the_problem(text)
    assert_points_at(problem, text, "from: 1,", "raw values from 0 to 1 land on no rung")


def test_it_reports_raw_values_above_a_raw_ladder() -> None:
    text = edit("from: 2.5, to: 5}", "from: 2.5, to: 4}", RAW)
    problem = the_problem(text)
    assert_points_at(problem, text, "to: 4}", "raw values from 4 to 5 land on no rung")


def test_it_reports_a_raw_rung_no_answer_can_reach() -> None:
    bands = (
        "  - id: bands\n    basis: raw\n    rungs:\n"
        "      - {id: b1, from: 0, to: 5}\n"
        "      - {id: b2, from: 5, to: 6}\n"
        "      - {id: b3, from: 6, to: 9}\n"
    )
    text = edit("scoring:\n  levels: lv\n", bands + "scoring:\n  levels: lv\n  bands: bands\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "{id: b3", "rung 'b3' is unreachable")


def test_it_reports_a_level_no_ladder_reaches() -> None:
    text = edit(
        "  - id: high\n    label: High\n",
        "  - id: high\n    label: High\n  - id: top\n    label: Top\n",
    )
    problem = the_problem(text)
    assert_points_at(problem, text, "id: top", "level 'top' is unreachable")


def test_it_rejects_relative_bounds_on_a_raw_ladder() -> None:
    text = edit("{id: low, from: 0,", "{id: low, from: {benchmark_times: 1},", RAW)
    problem = the_problem(text)
    assert_points_at(problem, text, "basis: raw", "need basis 'score'")


# -- options and questions ----------------------------------------------------------------


def test_it_reserves_the_dont_know_option_id() -> None:
    text = edit("          - id: b", "          - id: dont_know")
    problem = the_problem(text)
    assert_points_at(problem, text, "id: dont_know", "'dont_know' is reserved")
    assert "allow_dont_know" in problem.message


def test_it_reports_options_that_all_score_the_same() -> None:
    text = edit("            score: 1", "            score: 0")
    problem = the_problem(text)
    assert_points_at(problem, text, "options:", "every option has the same score")


def test_it_reports_a_scale_whose_max_is_not_above_min() -> None:
    text = edit("        max: 5\n", "        max: 5\n        min: 5\n")
    problem = the_problem(text)
    assert_points_at(problem, text, "max: 5", "max (5) must be above min (5)")


def test_it_reports_a_dimension_nothing_feeds() -> None:
    text = edit(
        "      - id: q2\n        type: scale\n        label: Second question?\n        max: 5\n", ""
    )
    text = edit("        type: single\n", "        type: single\n        scored: false\n", text)
    problem = the_problem(text)
    assert_points_at(problem, text, "id: people", "dimension 'people' has no question")


# -- the file as a whole ------------------------------------------------------------------


def test_it_reports_every_schema_problem_at_once_in_file_order() -> None:
    text = edit("        max: 5\n", "        max: 5\n        weight: heavy\n")
    text = edit("estimated_minutes: 5", "estimated_minutes: five", text)
    problems = validate_model(text, SOURCE)
    assert [p.line for p in problems] == [at(text, "estimated_minutes")[0], at(text, "weight")[0]]


def test_it_reports_every_reference_problem_at_once_in_file_order() -> None:
    text = edit("      people: 40", "      peple: 40")
    text = edit("    axis: ops", "    axis: opps", text)
    problems = validate_model(text, SOURCE)
    assert [p.line for p in problems] == [at(text, "axis: opps")[0], at(text, "peple")[0]]


def test_load_model_raises_with_every_problem() -> None:
    text = edit("    axis: ops", "    axis: opps")
    with pytest.raises(InvalidModelError) as caught:
        load_model(text, SOURCE)
    assert caught.value.problems == validate_model(text, SOURCE)
    assert "tiny.yaml:" in str(caught.value)


def test_it_gives_the_line_of_a_syntax_error() -> None:
    text = edit("    label: People\n", "    label: People: the team\n")
    problem = the_problem(text)
    assert_points_at(problem, text, ": the team", "syntax error")


def test_it_rejects_tabs_used_for_indentation() -> None:
    text = edit("    axis: ops", "\taxis: ops")
    problem = the_problem(text)
    assert problem.line == at(text, "\taxis")[0]
    assert "syntax error" in problem.message


def test_it_reads_a_json_model() -> None:
    text = json.dumps(yaml.safe_load(VALID), indent=2)
    assert validate_model(text, "tiny.json") == []


def test_it_points_into_json_text() -> None:
    data = yaml.safe_load(VALID)
    question = data["dimensions"][0]["questions"][0]
    question["optoins"] = question.pop("options")
    text = json.dumps(data, indent=2)
    problems = validate_model(text, "tiny.json")
    typo = next(p for p in problems if "optoins" in p.message)
    assert_points_at(typo, text, '"optoins"', "did you mean 'options'?")


def test_it_reports_a_duplicate_key_in_json() -> None:
    text = '{\n  "id": "a",\n  "id": "b"\n}\n'
    problem = the_problem(text, "dup.json")
    assert_points_at(problem, text, '"id"', "duplicate key 'id' (first at line 2)", occurrence=2)


def test_it_gives_the_position_of_a_json_syntax_error() -> None:
    text = '{\n  "id": "a"\n  "version": "1.0.0"\n}\n'
    problem = the_problem(text, "bad.json")
    assert problem.line == 3
    assert "syntax error" in problem.message


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"], ids=["empty", "blank"])
def test_it_reports_an_empty_file(text: str) -> None:
    problem = the_problem(text)
    assert (
        str(problem) == f"{SOURCE}:1:1: a model file must hold a mapping of keys (id, version, ...)"
    )


@pytest.mark.parametrize("text", ["- id: tiny\n- id: other\n", "just words\n", "42\n"])
def test_it_reports_a_file_that_is_not_a_mapping(text: str) -> None:
    problem = the_problem(text)
    assert "must hold a mapping" in problem.message


BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def test_it_stops_a_billion_laughs_quickly() -> None:
    started = time.perf_counter()
    problem = the_problem(BILLION_LAUGHS)
    assert time.perf_counter() - started < 5
    assert "too large" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100 + "]" * 100,
        "a: " + "{b: " * 100 + "1" + "}" * 100,
        "a: " + "[" * 10_000 + "]" * 10_000,
    ],
    ids=["lists-100", "mappings-100", "lists-10000"],
)
def test_it_reports_deep_nesting_quickly(text: str) -> None:
    started = time.perf_counter()
    problem = the_problem(text)
    assert time.perf_counter() - started < 5
    assert "too deeply nested" in problem.message


def test_it_survives_very_deep_nesting() -> None:
    """A 200 kB file of nested brackets must give a problem, not crash the process."""
    script = (
        "from cxmaturity.core.model import validate_model\n"
        "depth = 100_000\n"
        "for p in validate_model('a: ' + '[' * depth + ']' * depth, 'deep.yaml'):\n"
        "    print(p)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr[-500:]}"
    assert "deep.yaml:" in done.stdout


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("id: !!python/object:os.system x\n", "unreadable value"),
        ("id: !!int nope\n", "unreadable value"),
        ("id: !!int ''\n", "unreadable value"),
        ("id: !!timestamp nope\n", "unreadable value"),
        ("!custom id: tiny\n", ""),
        ("? [a, b]\n: 1\n", "a key must be a plain word"),
        ("scoring:\n  <<: {levels: lv}\n", "merge keys ('<<') are not supported"),
    ],
    ids=[
        "python-tag",
        "bad-int",
        "empty-int",
        "bad-timestamp",
        "tagged-key",
        "complex-key",
        "merge-key",
    ],
)
def test_it_reports_odd_yaml_instead_of_raising(text: str, phrase: str) -> None:
    problems = validate_model(text, SOURCE)
    assert problems, "odd YAML must give at least one problem"
    assert any(phrase in p.message for p in problems), [str(p) for p in problems]
