"""`cxm plan`: one respondent's answers in, a plan out (text or JSON); bad input, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ANSWERS = """\
industry: retail
answers:
  sp_api_readiness: partial
  sp_systems: [crm, commerce_billing]
  use_cases:
    ret_abandoned_cart: {status: full, technology: smart_automation, depth: two_way}
    ret_returns_refunds: {status: partial, technology: rule_based, depth: one_way}
"""
MATRIX = """\
answers:
  strategy_leadership_stage: ad-hoc
  voice_of_customer_stage: defined
  culture_people_stage: managed
  journey_design_stage: embedded
  data_technology_stage: defined
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@pytest.fixture
def matrix(tmp_path: Path) -> Path:
    path = tmp_path / "matrix.yaml"
    path.write_text(MATRIX, encoding="utf-8")
    return path


def test_text_plan(cxm, answers: Path) -> None:
    result = cxm("plan", "--model", "cx-automation", answers, "--budget", 6)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Vision", "Value", "Recommendations", "Implementation", "What-if", "Success"):
        assert heading in out
    assert "Best plan for 6 effort points" in out
    assert "[quick win]" in out
    assert "Re-assess in 12 months" in out


def test_json_plan_is_the_plan_contract(cxm, answers: Path) -> None:
    result = cxm("plan", "--model", "cx-automation", answers, "--budget", 6, "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["model"]["id"] == "cx-automation"
    assert plan["budget"]["budget"] == 6
    assert plan["budget"]["spent"] <= 6
    assert plan["selection"]["by"] == "budget"
    assert plan["recommendations"][0]["rank"] == 1


def test_targets_choices_and_output_file(cxm, matrix: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = cxm(
        "plan",
        "--model",
        "cx-matrix",
        matrix,
        "--target",
        "strategy_leadership=embedded",
        "--target",
        "voice_of_customer=70",
        "--choose",
        "appoint-cx-sponsor",
        "--priority-kpi",
        "nps",
        "--format",
        "json",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(out.read_text(encoding="utf-8"))
    targets = {t["dimension"]: t for t in plan["targets"]}
    assert targets["strategy_leadership"]["target_raw"] == 4
    assert targets["voice_of_customer"]["target"] == 70
    assert plan["selection"] == {"actions": ["appoint-cx-sponsor"], "by": "chosen"}
    assert plan["overall"]["target_band"]["id"] in ("defined", "managed", "market-leader")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "journey"], "is not DIM=SCORE"),
        (["--target", "nope=50"], "unknown dimension 'nope'"),
        (["--target", "journey=150"], "not a score from 0 to 100"),
        (["--budget", "-2"], "--budget"),
        (["--choose", "nope"], "unknown action 'nope'"),
        (["--choose", "act_fin_retention"], "does not apply to industry"),
        (["--priority-kpi", "smiles"], "unknown KPI"),
        (["--industry", "mining"], "unknown industry 'mining'"),
    ],
)
def test_bad_options_exit_1_with_a_message(
    cxm, answers: Path, args: list[str], message: str
) -> None:
    result = cxm("plan", "--model", "cx-automation", answers, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr


def test_bad_files_exit_1_with_a_message(cxm, tmp_path: Path) -> None:
    missing = cxm("plan", "--model", "cx-automation", tmp_path / "nope.yaml")
    assert missing.exit_code == 1
    assert "no such file" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("industry: retail\nanswers:\n  sp_systems: [spaceship]\n", encoding="utf-8")
    result = cxm("plan", "--model", "cx-automation", broken)
    assert result.exit_code == 1
    assert "spaceship" in result.stderr
    assert "nothing was planned" in result.stderr


def test_several_respondents_need_one_chosen(cxm, tmp_path: Path) -> None:
    sheet = tmp_path / "many.csv"
    sheet.write_text(
        "respondent,strategy_leadership_stage\nann,ad-hoc\nbob,managed\n", encoding="utf-8"
    )
    result = cxm("plan", "--model", "cx-matrix", sheet)
    assert result.exit_code == 1
    assert "--respondent" in result.stderr
    chosen = cxm("plan", "--model", "cx-matrix", sheet, "--respondent", "bob", "--format", "json")
    assert chosen.exit_code == 0, chosen.output
    plan = json.loads(chosen.stdout)
    assert plan["targets"][0]["current_raw"] == 3
    unknown = cxm("plan", "--model", "cx-matrix", sheet, "--respondent", "eve")
    assert unknown.exit_code == 1
    assert "no respondent 'eve'" in unknown.stderr


def test_unknown_model(cxm, answers: Path) -> None:
    result = cxm("plan", "--model", "no-such-model", answers)
    assert result.exit_code != 0
    assert "unknown model" in result.output
