"""`cxm models list | show | validate | schema`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cxmaturity.models import BUILTIN_IDS, builtin

BUILTINS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")
NARROW = {"COLUMNS": "80"}  # what a standard terminal, or a pipe, gives rich


def test_the_four_builtin_ids_are_the_ones_the_readme_lists() -> None:
    assert set(BUILTIN_IDS) == set(BUILTINS)


# -- list ----------------------------------------------------------------------------------


def test_list_as_json_gives_the_four_models_with_their_versions(cxm) -> None:
    result = cxm("models", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == list(BUILTINS)
    for row in rows:
        assert row["version"] == builtin(row["id"]).version
        assert row["dimensions"] == len(builtin(row["id"]).dimensions)
        assert row["questions"] > 0


def test_list_as_text_names_every_model_id_in_full(cxm) -> None:
    # The id is what a person has to type next (`cxm models show ID`), so it must be
    # readable in a standard 80-column terminal or pipe, not cut to "cx-journey-st…".
    result = cxm("models", "list", env=NARROW)
    assert result.exit_code == 0, result.output
    for model_id in BUILTINS:
        assert model_id in result.stdout, f"{model_id!r} missing from:\n{result.stdout}"


def test_list_as_text_names_every_model_id_on_a_wide_terminal(cxm) -> None:
    result = cxm("models", "list", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for model_id in BUILTINS:
        assert model_id in result.stdout


# -- show ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", BUILTINS)
def test_show_as_json_gives_the_whole_model(cxm, model_id: str) -> None:
    result = cxm("models", "show", model_id, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    model = builtin(model_id)
    assert data["id"] == model_id
    assert data["version"] == model.version
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in model.dimensions]


def test_show_as_text_gives_title_levels_and_dimensions(cxm) -> None:
    result = cxm("models", "show", "cx-matrix", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "CX maturity matrix" in out
    assert "(cx-matrix 1.0.0)" in out
    for level in ("Ad-hoc", "Defined", "Managed", "Embedded"):
        assert level in out
    for dim in builtin("cx-matrix").dimensions:
        assert dim.id in out


def test_show_of_an_unknown_id_names_the_builtin_models(cxm) -> None:
    result = cxm("models", "show", "cx-nope")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "cx-nope" in result.stderr
    for model_id in BUILTINS:
        assert model_id in result.stderr


def test_show_of_an_unknown_id_does_not_blame_an_option_the_command_lacks(cxm) -> None:
    # `models show` takes a positional ID_OR_FILE; it has no --model option, so the
    # message must not send the user looking for one.
    result = cxm("models", "show", "cx-nope")
    assert result.exit_code != 0
    assert "--model" not in result.stderr, result.stderr


def test_score_with_an_unknown_model_names_the_builtin_models(cxm, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {}\n", encoding="utf-8")
    result = cxm("score", "--model", "cx-nope", answers)
    assert result.exit_code != 0
    assert result.stdout == ""
    for model_id in BUILTINS:
        assert model_id in result.stderr


def test_show_of_a_model_file_reads_that_file(cxm, tmp_path: Path, models_dir: Path) -> None:
    text = (models_dir / "cx-matrix.yaml").read_text(encoding="utf-8")
    assert text.count("\nid: cx-matrix\n") == 1
    path = tmp_path / "my-matrix.yaml"
    path.write_text(text.replace("\nid: cx-matrix\n", "\nid: my-matrix\n"), encoding="utf-8")
    as_json = cxm("models", "show", path, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["id"] == "my-matrix"
    as_text = cxm("models", "show", path, env={"COLUMNS": "120"})
    assert as_text.exit_code == 0, as_text.output
    assert "(my-matrix 1.0.0)" in as_text.stdout


def test_show_of_a_broken_model_file_prints_its_problems(
    cxm, tmp_path: Path, models_dir: Path
) -> None:
    path = _broken_matrix(tmp_path, models_dir)
    result = cxm("models", "show", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(
        rf"^{re.escape(str(path))}:\d+:\d+: unknown key 'optoins'", result.stderr, re.M
    ), result.stderr


# -- validate ------------------------------------------------------------------------------


def _broken_matrix(tmp_path: Path, models_dir: Path) -> Path:
    """cx-matrix with `options:` misspelt on its first question."""
    text = (models_dir / "cx-matrix.yaml").read_text(encoding="utf-8")
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace("        options:", "        optoins:", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("model_id", BUILTINS)
def test_validate_accepts_each_builtin_model_file(cxm, models_dir: Path, model_id: str) -> None:
    path = models_dir / f"{model_id}.yaml"
    result = cxm("models", "validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"{path}: valid" in result.stderr


def test_validate_points_at_the_line_and_column_of_a_typo(
    cxm, tmp_path: Path, models_dir: Path
) -> None:
    path = _broken_matrix(tmp_path, models_dir)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "optoins:" in text)
    column = lines[line - 1].index("optoins") + 1
    result = cxm("models", "validate", path)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out, result.output
    pattern = re.compile(rf"^{re.escape(str(path))}:\d+:\d+: ")
    assert all(pattern.match(o) for o in out), out
    typo = [o for o in out if "optoins" in o]
    assert typo == [
        f"{path}:{line}:{column}: unknown key 'optoins' in dimensions[0].questions[0]; "
        "did you mean 'options'?"
    ]
    assert "problem" in result.stderr


def test_validate_checks_several_files_at_once(cxm, tmp_path: Path, models_dir: Path) -> None:
    good = models_dir / "cx-curve.yaml"
    broken = _broken_matrix(tmp_path, models_dir)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = cxm("models", "validate", good, broken, empty)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert any(o.startswith(f"{broken}:") and "optoins" in o for o in out), out
    assert any(o.startswith(f"{empty}:1:1: ") for o in out), out
    assert not any(o.startswith(str(good)) for o in out), out
    assert f"{good}: valid" in result.stderr
    assert re.search(r"\b\d+ problems found", result.stderr)


def test_validate_reports_a_file_that_is_not_utf8(cxm, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: caf\xe9\ntitle: Déjà vu\n".encode("latin-1"))
    result = cxm("models", "validate", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert str(path) in result.stderr
    assert "utf-8" in result.stderr.lower()


def test_validate_reports_a_missing_file(cxm, tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    result = cxm("models", "validate", path)
    assert result.exit_code == 1
    assert str(path) in result.stderr


def test_validate_reports_a_key_that_yaml_reads_as_an_impossible_date(
    cxm, tmp_path: Path, models_dir: Path
) -> None:
    # `2020-13-45:` is a YAML timestamp with month 13: a mistake in the file, which
    # must come back as PATH:LINE:COLUMN, not as an escaped ValueError.
    text = (models_dir / "cx-matrix.yaml").read_text(encoding="utf-8")
    path = tmp_path / "date-key.yaml"
    path.write_text(text.replace("locale: en\n", "locale: en\n2020-13-45: x\n", 1), "utf-8")
    result = cxm("models", "validate", path)
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: ", result.stdout, re.M), result.output


# -- schema --------------------------------------------------------------------------------


def test_schema_prints_the_committed_json_schema(cxm, schema_path: Path) -> None:
    result = cxm("models", "schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert isinstance(schema, dict)
    assert "properties" in schema
    assert {"id", "version", "dimensions"} <= set(schema["properties"])
    assert result.stdout == schema_path.read_text(encoding="utf-8")


def test_the_committed_schema_is_up_to_date(subprocess_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxmaturity.cli.schema_file", "--check"],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
