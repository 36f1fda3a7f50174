"""`cxm score`: answer files in, results out (text, JSON, JSON Lines)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxmaturity.core.scoring import Scorer, columns, flatten, sample_respondents
from cxmaturity.models import builtin

ANSWERS_YAML = """\
industry: retail          # finance, retail, telco or other
region: europe
size: 250-999
answers:
  sp_api_readiness: partial
  sp_channel_mix: [sms, email]
  soph_handoff: dont_know
  soph_personalization: segments
  use_cases:
    ret_abandoned_cart: {status: full, technology: smart_automation, depth: two_way, channels: [email]}
notes:
  sp_api_readiness: "Only the order API is public."
"""


def _json(result_dict: dict[str, Any]) -> Any:
    """A result as it looks after a JSON round trip (what the CLI prints)."""
    return orjson.loads(orjson.dumps(result_dict))


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _sample_csv(cxm, tmp_path: Path, model_id: str, count: int, seed: int) -> Path:
    path = tmp_path / f"{model_id}-{seed}.csv"
    result = cxm("sample", "--model", model_id, "--count", count, "--seed", seed, "-o", path)
    assert result.exit_code == 0, result.output
    return path


def _score_rows(model_id: str, rows: list[dict[str, str]], explain: bool = False) -> list[Any]:
    """What the Scorer itself makes of these sheet rows (read with its own AnswerReader)."""
    scorer = Scorer(builtin(model_id))
    out = []
    for row in rows:
        answers, problems = scorer.reader.read_row(row)
        assert problems == [], problems
        out.append(_json(scorer.score(answers, explain).to_dict()))
    return out


def _dict_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _letter(header: list[str], name: str) -> str:
    return get_column_letter(header.index(name) + 1)


# -- one respondent: YAML / JSON -----------------------------------------------------------


@pytest.fixture
def answers_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS_YAML, encoding="utf-8")
    return path


def test_yaml_answers_as_json_follow_the_contract(cxm, answers_yaml: Path) -> None:
    result = cxm("score", "--model", "cx-automation", answers_yaml, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    model = builtin("cx-automation")
    assert data["model"] == {"id": "cx-automation", "version": model.version}
    assert data["industry"] == "retail"
    assert data["region"] == "europe"
    assert data["size"] == "250-999"
    assert {
        "model",
        "industry",
        "dimensions",
        "overall",
        "axes",
        "stages",
        "headroom",
        "excluded",
        "notes",
        "explanation",
    } <= set(data)
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in model.dimensions]
    for dim in data["dimensions"]:
        assert {"id", "label", "score", "raw", "level", "band", "benchmark"} <= set(dim)
        if dim["score"] is not None:
            assert 0 <= dim["score"] <= 100
    assert {"score", "raw", "level", "band"} <= set(data["overall"])
    assert 0 <= data["overall"]["score"] <= 100
    assert data["overall"]["level"]["id"] in {lv.id for lv in model.levels}
    assert isinstance(data["explanation"], dict)
    assert data["explanation"]
    explained = json.dumps(data["explanation"])
    assert "sp_api_readiness" in explained
    assert "soph_personalization" in explained


def test_yaml_answers_equal_the_scorer_used_directly(cxm, answers_yaml: Path) -> None:
    raw = yaml.safe_load(ANSWERS_YAML)
    expected = Scorer(builtin("cx-automation")).score_raw(raw, explain=True).to_dict()
    result = cxm("score", "--model", "cx-automation", answers_yaml, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _json(expected)


def test_json_answers_file_is_read_like_yaml(cxm, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(yaml.safe_load(ANSWERS_YAML)), encoding="utf-8")
    result = cxm("score", "--model", "cx-automation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["industry"] == "retail"


def test_yaml_answers_as_text_show_a_table(cxm, answers_yaml: Path) -> None:
    result = cxm("score", "--model", "cx-automation", answers_yaml, "--format", "text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "CX automation maturity" in out
    assert "industry: retail" in out
    assert "Overall" in out
    for dim in builtin("cx-automation").dimensions:
        assert str(dim.label) in out


def test_dont_know_answers_are_listed_as_excluded(cxm, answers_yaml: Path) -> None:
    result = cxm("score", "--model", "cx-automation", answers_yaml, "--format", "json")
    assert result.exit_code == 0, result.output
    excluded = json.loads(result.stdout)["excluded"]
    assert {"question": "soph_handoff", "item": None, "reason": "dont_know"} in excluded
    answered = {"sp_api_readiness", "sp_channel_mix", "soph_personalization", "use_cases"}
    assert not [e for e in excluded if e["question"] in answered and e["item"] is None]


def test_not_applicable_answers_are_listed_as_excluded(cxm, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  sus-ivr: not_applicable\n  sus-triage: helpdesk\n", "utf-8")
    result = cxm("score", "--model", "cx-journey-stages", path, "--format", "json")
    assert result.exit_code == 0, result.output
    excluded = json.loads(result.stdout)["excluded"]
    assert {"question": "sus-ivr", "item": None, "reason": "not_applicable"} in excluded


def test_dont_know_where_a_model_forbids_it_is_a_problem(cxm, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  strategy_leadership_stage: dont_know\n", "utf-8")
    result = cxm("score", "--model", "cx-matrix", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        rf"{re.escape(str(path))}:2:\d+: strategy_leadership_stage: 'dont_know' is not allowed",
        result.stderr,
    ), result.stderr


def test_a_dont_know_use_case_is_listed_as_excluded_with_its_item(cxm, tmp_path: Path) -> None:
    # The contract's `excluded` entries carry an `item`, and the model format says every
    # dont_know answer is "left out of the score and listed in the result's excluded".
    path = tmp_path / "a.yaml"
    path.write_text(
        "industry: retail\n"
        "answers:\n"
        "  use_cases:\n"
        "    ret_abandoned_cart: {status: full, technology: rule_based, depth: one_way}\n"
        "    ret_loyalty: dont_know\n",
        encoding="utf-8",
    )
    result = cxm("score", "--model", "cx-automation", path, "--format", "json")
    assert result.exit_code == 0, result.output
    excluded = json.loads(result.stdout)["excluded"]
    assert {"question": "use_cases", "item": "ret_loyalty", "reason": "dont_know"} in excluded, (
        excluded
    )


def test_a_misspelt_question_id_is_reported_at_its_line_and_column(cxm, tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(
        "industry: retail\nanswers:\n  sp_api_readiness: full\n  soph_handof: smart_routing\n",
        encoding="utf-8",
    )
    result = cxm("score", "--model", "cx-automation", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:4:3: soph_handof: unknown question 'soph_handof'" in result.stderr
    assert "soph_handoff" in result.stderr  # the id that was meant is among those listed


def test_a_bad_option_is_reported_at_its_line_and_column(cxm, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("answers:\n  cap_workload: 3\n  tool_usage: sometimes\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        rf"{re.escape(str(path))}:3:\d+: tool_usage: unknown option 'sometimes'", result.stderr
    ), result.stderr


def test_a_yaml_syntax_error_is_reported_at_its_line(cxm, tmp_path: Path) -> None:
    path = tmp_path / "syntax.yaml"
    path.write_text("answers:\n  cap_workload: 3\n  tool_usage: [basics\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: syntax error", result.stderr)


def test_a_misspelt_top_level_key_is_reported_at_its_own_line(cxm, tmp_path: Path) -> None:
    # `industy` is on line 1; the message must point there, not at `answers` on line 2.
    path = tmp_path / "typo.yaml"
    path.write_text("industy: retail\nanswers:\n  sp_api_readiness: full\n", "utf-8")
    result = cxm("score", "--model", "cx-automation", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:1:1: industy: unknown key 'industy'" in result.stderr, result.stderr


def test_a_misspelt_answers_key_is_reported_with_line_and_column(cxm, tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text("industry: retail\nanswer:\n  sp_api_readiness: full\n", "utf-8")
    result = cxm("score", "--model", "cx-automation", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        rf"^{re.escape(str(path))}:2:1: answer: unknown key 'answer'", result.stderr, re.M
    ), result.stderr


def test_an_enormous_whole_number_is_a_problem_not_a_crash(cxm, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("answers:\n  cap_workload: " + "9" * 400 + "\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "cap_workload" in result.stderr


def test_a_key_that_reads_as_an_impossible_date_is_a_problem_not_a_crash(
    cxm, tmp_path: Path
) -> None:
    path = tmp_path / "date.yaml"
    path.write_text("answers:\n  2020-13-45: basics\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(path) in result.stderr


# -- many respondents: CSV / JSON Lines ----------------------------------------------------


@pytest.mark.parametrize("model_id", ["cx-automation", "cx-curve"])
def test_csv_from_sample_scores_as_jsonl_in_input_order(
    cxm, tmp_path: Path, csv_rows, model_id: str
) -> None:
    count, seed = 12, 5
    path = _sample_csv(cxm, tmp_path, model_id, count, seed)
    result = cxm("score", "--model", model_id, path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = _jsonl(result.stdout)
    assert len(lines) == count
    assert all(line["explanation"] is None for line in lines)
    rows = csv_rows(path.read_text(encoding="utf-8"))
    industry = rows[0].index("industry")
    assert [line["industry"] for line in lines] == [row[industry] for row in rows[1:]]
    assert lines == _score_rows(model_id, _dict_rows(path))


def test_jsonl_is_the_default_on_a_pipe(cxm, tmp_path: Path) -> None:
    path = _sample_csv(cxm, tmp_path, "cx-matrix", 3, 1)
    result = cxm("score", "--model", "cx-matrix", path)
    assert result.exit_code == 0, result.output
    assert len(_jsonl(result.stdout)) == 3


def test_explain_adds_the_explanation_to_jsonl(cxm, tmp_path: Path) -> None:
    path = _sample_csv(cxm, tmp_path, "cx-curve", 4, 2)
    result = cxm("score", "--model", "cx-curve", path, "--format", "jsonl", "--explain")
    assert result.exit_code == 0, result.output
    lines = _jsonl(result.stdout)
    assert len(lines) == 4
    assert lines == _score_rows("cx-curve", _dict_rows(path), explain=True)
    assert all(isinstance(line["explanation"], dict) for line in lines)


def test_json_of_several_rows_is_a_list(cxm, tmp_path: Path) -> None:
    path = _sample_csv(cxm, tmp_path, "cx-matrix", 3, 4)
    result = cxm("score", "--model", "cx-matrix", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert len(data) == 3
    assert all(isinstance(item["explanation"], dict) for item in data)


def test_jsonl_from_sample_scores_like_the_scorer(cxm, tmp_path: Path) -> None:
    made = cxm(
        "sample", "--model", "cx-journey-stages", "--count", 6, "--seed", 8, "--format", "jsonl"
    )
    assert made.exit_code == 0, made.output
    path = tmp_path / "s.jsonl"
    path.write_bytes(made.stdout_bytes)
    result = cxm("score", "--model", "cx-journey-stages", path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    scorer = Scorer(builtin("cx-journey-stages"))
    docs = [json.loads(line) for line in made.stdout.splitlines()]
    assert len(docs) == 6
    assert _jsonl(result.stdout) == [_json(scorer.score_raw(doc).to_dict()) for doc in docs]


def test_output_option_writes_the_results_to_a_file(cxm, tmp_path: Path) -> None:
    path = _sample_csv(cxm, tmp_path, "cx-matrix", 3, 9)
    out = tmp_path / "results.jsonl"
    result = cxm("score", "--model", "cx-matrix", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(_jsonl(out.read_text(encoding="utf-8"))) == 3


def test_text_summary_of_many_rows_shows_each_respondent_in_full(cxm, tmp_path: Path) -> None:
    # The respondent is what tells the rows of the summary apart; "r00…" on every row
    # (the table squeezed into 120 columns) makes the table useless.
    path = _sample_csv(cxm, tmp_path, "cx-curve", 3, 1)
    out = tmp_path / "summary.txt"
    result = cxm("score", "--model", "cx-curve", path, "--format", "text", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "cx-curve 1.0.0: 3 respondents" in text
    for respondent in ("r000001", "r000002", "r000003"):
        assert respondent in text, text


# -- --industry ----------------------------------------------------------------------------


def test_industry_option_applies_only_to_rows_without_one(cxm, tmp_path: Path, csv_file) -> None:
    path = csv_file(
        tmp_path / "rows.csv",
        [
            ["respondent", "industry", "cap_workload", "tool_usage"],
            ["a", "", "3", "basics"],
            ["b", "finance", "4", "consistent"],
            ["c", "", "2", ""],
        ],
    )
    result = cxm("score", "--model", "cx-curve", path, "--industry", "telco")
    assert result.exit_code == 0, result.output
    assert [r["industry"] for r in _jsonl(result.stdout)] == ["telco", "finance", "telco"]
    plain = cxm("score", "--model", "cx-curve", path)
    assert plain.exit_code == 0, plain.output
    assert [r["industry"] for r in _jsonl(plain.stdout)] == ["other", "finance", "other"]


def test_industry_option_applies_to_a_yaml_file_without_one(cxm, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  cap_workload: 3\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path, "--industry", "retail", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["industry"] == "retail"


def test_industry_option_selects_the_industry_benchmark(cxm, tmp_path: Path) -> None:
    answers = {"sp_api_readiness": "partial", "soph_triggers": "contextual"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    scorer = Scorer(builtin("cx-automation"))
    benchmarks = {}
    for industry in ("finance", "telco"):
        result = cxm("score", "--model", "cx-automation", path, "--industry", industry)
        assert result.exit_code == 0, result.output
        (line,) = _jsonl(result.stdout)
        expected = scorer.score_raw({"industry": industry, "answers": answers}).to_dict()
        assert line == _json(expected)
        benchmarks[industry] = [d["benchmark"] for d in line["dimensions"]]
    assert benchmarks["finance"] != benchmarks["telco"]


def test_an_unknown_industry_option_is_refused_clearly(cxm, tmp_path: Path) -> None:
    path = _sample_csv(cxm, tmp_path, "cx-curve", 2, 1)
    result = cxm("score", "--model", "cx-curve", path, "--industry", "mars")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "unknown industry 'mars'" in result.stderr
    for industry in ("finance", "retail", "telco", "other"):
        assert industry in result.stderr


# -- invalid rows ----------------------------------------------------------------------------


@pytest.fixture
def curve_rows(cxm, tmp_path: Path, csv_rows) -> list[list[str]]:
    """Four valid cx-curve respondents, as CSV rows (header first)."""
    path = _sample_csv(cxm, tmp_path, "cx-curve", 4, 3)
    return csv_rows(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("question", "value", "phrase"),
    [
        ("tool_usage", "sometimes", "unknown option 'sometimes'"),
        ("cap_workload", "9", "expected a whole number from 1 to 5"),
        ("cap_workload", "2.5", "expected a whole number from 1 to 5"),
        ("proc_sops", "maybe", "expected yes or no"),
        ("tool_systems", "crm|fax", "unknown option 'fax'"),
        ("sla_first_response_email", "-4", "outside the allowed range"),
    ],
)
def test_an_invalid_cell_stops_the_file_and_names_row_column_and_question(
    cxm, tmp_path: Path, csv_file, curve_rows, question: str, value: str, phrase: str
) -> None:
    header = curve_rows[0]
    curve_rows[3][header.index(question)] = value  # spreadsheet row 4
    path = csv_file(tmp_path / "bad.csv", curve_rows)
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = f"{path}: row 4, column {_letter(header, question)}: {question}: "
    assert expected in result.stderr, result.stderr
    assert phrase in result.stderr
    assert "1 of 4 respondent(s) have problems; nothing was scored" in result.stderr


def test_an_unknown_column_names_its_letter_and_header(
    cxm, tmp_path: Path, csv_file, curve_rows
) -> None:
    curve_rows[0].append("tool_usages")
    for row in curve_rows[1:]:
        row.append("")
    curve_rows[2][-1] = "basics"  # row 3
    path = csv_file(tmp_path / "bad.csv", curve_rows)
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    letter = get_column_letter(len(curve_rows[0]))
    assert f"{path}: row 3, column {letter}: tool_usages: unknown question 'tool_usages'" in (
        result.stderr
    ), result.stderr


def test_skip_invalid_scores_the_valid_rows_and_reports_the_others(
    cxm, tmp_path: Path, csv_file, curve_rows
) -> None:
    header = curve_rows[0]
    curve_rows[2][header.index("tool_usage")] = "sometimes"  # row 3
    path = csv_file(tmp_path / "bad.csv", curve_rows)
    result = cxm("score", "--model", "cx-curve", path, "--skip-invalid")
    assert result.exit_code == 0, result.output
    lines = _jsonl(result.stdout)
    assert len(lines) == 3
    rows = _dict_rows(path)
    assert lines == _score_rows("cx-curve", [rows[i] for i in (0, 2, 3)])
    assert f"row 3, column {_letter(header, 'tool_usage')}: tool_usage" in result.stderr
    assert "skipped 1 invalid respondent" in result.stderr


def test_skip_invalid_with_no_valid_row_fails(cxm, tmp_path: Path, csv_file) -> None:
    path = csv_file(tmp_path / "bad.csv", [["tool_usage"], ["sometimes"], ["never"]])
    result = cxm("score", "--model", "cx-curve", path, "--skip-invalid")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no valid respondent" in result.stderr


def test_row_numbers_count_spreadsheet_rows_not_text_lines(cxm, tmp_path: Path, csv_file) -> None:
    # A quoted cell may hold a line break; the second respondent is still row 3 of the
    # sheet (as a spreadsheet program shows it), not line 4 of the text.
    path = csv_file(
        tmp_path / "multiline.csv",
        [["respondent", "cap_workload"], ["first\nrespondent", "3"], ["second", "9"]],
    )
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert f"{path}: row 3, column B: cap_workload:" in result.stderr, result.stderr


# -- XLSX ----------------------------------------------------------------------------------


def _sheet_rows(docs: list[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for doc in docs:
        row = flatten(doc["answers"])
        row.update({k: str(doc[k] or "") for k in ("respondent", "industry", "region", "size")})
        rows.append(row)
    return rows


def _filled_xlsx(cxm, tmp_path: Path, model_id: str, docs: list[dict[str, Any]]) -> Path:
    """`cxm template --format xlsx`, filled in with openpyxl as a person would."""
    path = tmp_path / f"{model_id}.xlsx"
    made = cxm("template", "--model", model_id, "--format", "xlsx", "-o", path)
    assert made.exit_code == 0, made.output
    book = load_workbook(path)
    sheet = book["answers"]
    header = [c.value for c in sheet[1]]
    assert header == [c.name for c in columns(builtin(model_id))]
    for n, cells in enumerate(_sheet_rows(docs), 2):
        for name, value in cells.items():
            sheet.cell(row=n, column=header.index(name) + 1, value=_typed(value))
    book.save(path)
    book.close()
    return path


def _typed(cell: str) -> Any:
    """Numbers as numbers, the way a spreadsheet stores what a person typed."""
    for kind in (int, float):
        try:
            return kind(cell)
        except ValueError:
            pass
    return cell or None


@pytest.mark.parametrize("model_id", ["cx-automation", "cx-curve", "cx-matrix"])
def test_xlsx_from_the_template_scores_like_the_same_rows(
    cxm, tmp_path: Path, model_id: str
) -> None:
    model = builtin(model_id)
    docs = list(sample_respondents(model, 5, 21))
    path = _filled_xlsx(cxm, tmp_path, model_id, docs)
    result = cxm("score", "--model", model_id, path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert _jsonl(result.stdout) == _score_rows(model_id, _sheet_rows(docs))


def test_an_invalid_xlsx_cell_names_row_column_and_question(cxm, tmp_path: Path) -> None:
    docs = list(sample_respondents(builtin("cx-curve"), 3, 4))
    docs[1]["answers"]["cap_workload"] = 7  # row 3
    path = _filled_xlsx(cxm, tmp_path, "cx-curve", docs)
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    header = [c.name for c in columns(builtin("cx-curve"))]
    letter = _letter(header, "cap_workload")
    assert f"{path}: row 3, column {letter}: cap_workload: expected a whole number" in (
        result.stderr
    ), result.stderr


def test_xlsx_whose_first_row_is_blank_is_refused(cxm, tmp_path: Path) -> None:
    # The first row must hold question ids; a sheet that starts lower has no header,
    # exactly like a CSV whose first line is empty. It must not "score" empty answers.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A2"] = "cap_workload"
    sheet["A3"] = 3
    path = tmp_path / "late-header.xlsx"
    book.save(path)
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""


# -- files that cannot be read -------------------------------------------------------------


def test_an_unsupported_suffix_is_refused(cxm, tmp_path: Path) -> None:
    path = tmp_path / "answers.txt"
    path.write_text("cap_workload: 3\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unsupported file type '.txt'" in result.stderr
    assert ".csv" in result.stderr
    assert ".xlsx" in result.stderr


def test_a_missing_file_is_refused(cxm, tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}: no such file" in result.stderr


def test_an_empty_csv_is_refused(cxm, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}: the file is empty" in result.stderr


def test_a_csv_with_only_a_header_has_nothing_to_score(cxm, tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("respondent,cap_workload\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no valid respondent" in result.stderr


def test_a_csv_that_is_not_utf8_is_refused(cxm, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("respondent,cap_workload\nJosé,3\n".encode("latin-1"))
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "not UTF-8" in result.stderr


def test_a_csv_with_a_huge_cell_is_refused_clearly(cxm, tmp_path: Path, csv_file) -> None:
    # Python's csv module stops at 131072 characters a field; that is a problem with the
    # file, to report like any other, not an unexpected error.
    path = csv_file(tmp_path / "huge.csv", [["respondent", "cap_workload"], ["a", "3" * 200_000]])
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(path) in result.stderr


def test_a_file_that_is_not_a_workbook_is_refused(cxm, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("respondent,cap_workload\n", "utf-8")
    result = cxm("score", "--model", "cx-curve", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}: not a readable XLSX workbook" in result.stderr
