"""`cxm template` (empty answer sheets) and `cxm sample` (generated respondents)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxmaturity.core.scoring import columns, sample_respondents
from cxmaturity.models import builtin

BUILTINS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")


# -- template ------------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUILTINS)
@pytest.mark.parametrize("industry", [None, "retail"])
def test_csv_template_header_is_the_model_columns(
    cxm, csv_rows, model_id: str, industry: str | None
) -> None:
    args = ["template", "--model", model_id]
    if industry:
        args += ["--industry", industry]
    result = cxm(*args)
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert rows == [[c.name for c in columns(builtin(model_id), industry)]]
    assert rows[0][:4] == ["respondent", "industry", "region", "size"]


def test_csv_template_for_one_industry_keeps_only_its_use_cases(cxm, csv_rows) -> None:
    result = cxm("template", "--model", "cx-automation", "--industry", "telco")
    assert result.exit_code == 0, result.output
    header = csv_rows(result.stdout)[0]
    use_cases = [h for h in header if h.startswith("use_cases.")]
    assert use_cases
    assert all(h.startswith("use_cases.tel_") for h in use_cases), use_cases


def test_csv_template_can_be_written_to_a_file(cxm, tmp_path: Path, csv_rows) -> None:
    out = tmp_path / "t.csv"
    result = cxm("template", "--model", "cx-matrix", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert csv_rows(out.read_text(encoding="utf-8")) == [
        [c.name for c in columns(builtin("cx-matrix"))]
    ]


def test_template_refuses_an_unknown_industry(cxm) -> None:
    # Like `sample` and `score`, which refuse it: a typo must not silently give a sheet
    # without any use-case column.
    result = cxm("template", "--model", "cx-automation", "--industry", "retial")
    assert result.exit_code != 0, result.stdout[:300]
    assert "unknown industry 'retial'" in result.stderr


@pytest.mark.parametrize("model_id", ["cx-automation", "cx-curve"])
def test_xlsx_template_has_answers_questions_and_list_validations(
    cxm, tmp_path: Path, model_id: str
) -> None:
    out = tmp_path / "sheet.xlsx"
    result = cxm("template", "--model", model_id, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    cols = columns(builtin(model_id))
    book = load_workbook(out)
    try:
        assert set(book.sheetnames) == {"answers", "questions", "lists"}
        answers, guide, lists = book["answers"], book["questions"], book["lists"]
        assert [c.value for c in answers[1]] == [c.name for c in cols]
        assert [r[0] for r in guide.iter_rows(min_row=2, values_only=True)] == [
            c.name for c in cols
        ]
        rules = {}
        for rule in answers.data_validations.dataValidation:
            for cell_range in rule.sqref.ranges:
                rules[cell_range.coord] = rule
        single = [c for c in cols if c.choices and not c.multiple]
        assert single, "the model has single-choice columns"
        for n, col in enumerate(cols, 1):
            letter = get_column_letter(n)
            rule = rules.get(f"{letter}2:{letter}10000")
            if col not in single:
                assert rule is None, f"{col.name} (multiple or free) has a drop-down"
                continue
            assert rule is not None, f"no drop-down on {col.name} ({letter})"
            assert rule.type == "list"
            match = re.fullmatch(rf"=?lists!\${letter}\$1:\${letter}\$(\d+)", rule.formula1 or "")
            assert match, rule.formula1
            listed = [lists.cell(row=r, column=n).value for r in range(1, int(match[1]) + 1)]
            assert listed == list(col.choices)
        assert len(rules) == len(single)
    finally:
        book.close()


def test_xlsx_template_needs_an_output_file(cxm) -> None:
    result = cxm("template", "--model", "cx-matrix", "--format", "xlsx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--output is required for xlsx" in result.stderr


# -- sample --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_same_seed_gives_the_same_bytes(cxm, fmt: str) -> None:
    args = ("sample", "--model", "cx-automation", "--count", 20, "--format", fmt)
    first = cxm(*args, "--seed", 42)
    second = cxm(*args, "--seed", 42)
    other = cxm(*args, "--seed", 43)
    assert first.exit_code == second.exit_code == other.exit_code == 0
    assert first.stdout_bytes
    assert first.stdout_bytes == second.stdout_bytes
    assert first.stdout_bytes != other.stdout_bytes


def test_the_same_seed_gives_the_same_file(cxm, tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    for out in (one, two):
        result = cxm("sample", "--model", "cx-curve", "--count", 15, "--seed", 7, "-o", out)
        assert result.exit_code == 0, result.output
        assert f"wrote 15 respondents to {out}" in result.stderr
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize("count", [1, 7, 250])
def test_count_gives_that_many_rows(cxm, csv_rows, count: int) -> None:
    as_csv = cxm("sample", "--model", "cx-matrix", "--count", count)
    assert as_csv.exit_code == 0, as_csv.output
    rows = csv_rows(as_csv.stdout)
    assert len(rows) == count + 1
    assert rows[0] == [c.name for c in columns(builtin("cx-matrix"))]
    assert [r[0] for r in rows[1:]] == [f"r{n:06d}" for n in range(1, count + 1)]
    as_jsonl = cxm("sample", "--model", "cx-matrix", "--count", count, "--format", "jsonl")
    assert as_jsonl.exit_code == 0, as_jsonl.output
    assert len(as_jsonl.stdout.splitlines()) == count


def test_count_must_be_positive(cxm) -> None:
    result = cxm("sample", "--model", "cx-matrix", "--count", 0)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--count" in result.stderr


def test_jsonl_sample_is_the_generator_output(cxm) -> None:
    result = cxm(
        "sample", "--model", "cx-automation", "--count", 5, "--seed", 3, "--format", "jsonl"
    )
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert docs == list(sample_respondents(builtin("cx-automation"), 5, 3))


@pytest.mark.parametrize("model_id", BUILTINS)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_every_builtin_sample_scores_without_a_problem(
    cxm, tmp_path: Path, model_id: str, fmt: str
) -> None:
    path = tmp_path / f"sample.{fmt}"
    made = cxm("sample", "--model", model_id, "--count", 60, "--seed", 11, "--format", fmt)
    assert made.exit_code == 0, made.output
    path.write_bytes(made.stdout_bytes)
    result = cxm("score", "--model", model_id, path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 60


@pytest.mark.parametrize("model_id", BUILTINS)
def test_csv_and_jsonl_samples_of_one_seed_score_the_same(
    cxm, tmp_path: Path, model_id: str
) -> None:
    # Both files describe the same generated respondents; a respondent who ticked none
    # of a multi-choice question's options (an answer worth 0 points) must not turn into
    # "unanswered" (left out of the score) in the CSV.
    scored = {}
    for fmt in ("csv", "jsonl"):
        path = tmp_path / f"sample.{fmt}"
        made = cxm("sample", "--model", model_id, "--count", 30, "--seed", 0, "--format", fmt)
        assert made.exit_code == 0, made.output
        path.write_bytes(made.stdout_bytes)
        result = cxm("score", "--model", model_id, path, "--format", "jsonl")
        assert result.exit_code == 0, result.output
        scored[fmt] = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(scored["csv"]) == len(scored["jsonl"]) == 30
    differ = [
        n for n, (a, b) in enumerate(zip(scored["csv"], scored["jsonl"], strict=True), 1) if a != b
    ]
    details = []
    for n in differ:
        csv_out = {
            (e["question"], e["item"], e["reason"]) for e in scored["csv"][n - 1]["excluded"]
        }
        jsonl_out = {
            (e["question"], e["item"], e["reason"]) for e in scored["jsonl"][n - 1]["excluded"]
        }
        details.append(f"r{n:06d}: excluded only from CSV: {sorted(csv_out - jsonl_out)}")
    assert differ == [], "respondents scored differently from CSV and JSONL:\n" + "\n".join(details)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_sample_industry_option_is_respected(cxm, tmp_path: Path, csv_rows, fmt: str) -> None:
    made = cxm(
        "sample", "--model", "cx-automation", "--count", 12, "--industry", "telco", "--format", fmt
    )
    assert made.exit_code == 0, made.output
    if fmt == "csv":
        rows = csv_rows(made.stdout)
        assert rows[0] == [c.name for c in columns(builtin("cx-automation"), "telco")]
        industries = [r[rows[0].index("industry")] for r in rows[1:]]
    else:
        industries = [json.loads(line)["industry"] for line in made.stdout.splitlines()]
    assert industries == ["telco"] * 12
    path = tmp_path / f"s.{fmt}"
    path.write_bytes(made.stdout_bytes)
    scored = cxm("score", "--model", "cx-automation", path)
    assert scored.exit_code == 0, scored.output
    assert {json.loads(line)["industry"] for line in scored.stdout.splitlines()} == {"telco"}


def test_sample_without_industry_mixes_industries(cxm, csv_rows) -> None:
    made = cxm("sample", "--model", "cx-curve", "--count", 40, "--seed", 1)
    assert made.exit_code == 0, made.output
    rows = csv_rows(made.stdout)
    industries = {r[rows[0].index("industry")] for r in rows[1:]}
    assert len(industries) > 1


def test_sample_refuses_an_unknown_industry(cxm) -> None:
    result = cxm("sample", "--model", "cx-curve", "--count", 2, "--industry", "mars")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "unknown industry 'mars'" in result.stderr
