"""The real `cxm` entry point: exit codes, and no traceback ever reaching a person."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cxmaturity.cli import main as main_module
from cxmaturity.cli import models_cmd
from cxmaturity.cli.main import cli


def _run(cmd: list[str], env: dict[str, str], *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cmd, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=60,
        check=False,
    )


def _no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert "unexpected error" not in done.stderr, done.stderr


# -- the guard in main() -------------------------------------------------------------------


def _boom() -> list[object]:
    raise RuntimeError("boom")


def test_an_unexpected_error_exits_2_with_one_line(monkeypatch, capsys) -> None:
    monkeypatch.delenv("CXM_DEBUG", raising=False)
    monkeypatch.setattr(models_cmd, "all_builtin", _boom)
    monkeypatch.setattr(sys, "argv", ["cxm", "models", "list"])
    with pytest.raises(SystemExit) as exit_info:
        main_module.main()
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    unexpected = [line for line in captured.err.splitlines() if "unexpected error" in line]
    assert unexpected == ["cxm: unexpected error: RuntimeError: boom"]
    assert "CXM_DEBUG=1" in captured.err


def test_cxm_debug_lets_the_traceback_through(monkeypatch) -> None:
    monkeypatch.setenv("CXM_DEBUG", "1")
    monkeypatch.setattr(models_cmd, "all_builtin", _boom)
    monkeypatch.setattr(sys, "argv", ["cxm", "models", "list"])
    with pytest.raises(RuntimeError, match="boom"):
        main_module.main()


def test_a_handled_problem_keeps_its_own_exit_code(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.delenv("CXM_DEBUG", raising=False)
    monkeypatch.setattr(
        sys, "argv", ["cxm", "score", "--model", "cx-curve", str(tmp_path / "x.csv")]
    )
    with pytest.raises(SystemExit) as exit_info:
        main_module.main()
    assert exit_info.value.code == 1
    assert "no such file" in capsys.readouterr().err


def test_output_into_a_missing_directory_is_reported(tmp_path: Path) -> None:
    # A wrong -o is the user's mistake: say so (exit 1, naming the path), don't call it
    # "unexpected error ... this is a bug".
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  cap_workload: 3\n", encoding="utf-8")
    out = tmp_path / "no-such-dir" / "out.file"
    commands = [
        ["score", "--model", "cx-curve", answers, "--format", "jsonl"],
        ["score", "--model", "cx-curve", answers, "--format", "text"],
        ["template", "--model", "cx-matrix"],
        ["template", "--model", "cx-matrix", "--format", "xlsx"],
        ["sample", "--model", "cx-matrix", "--count", "2"],
        ["sample", "--model", "cx-matrix", "--count", "2", "--format", "jsonl"],
    ]
    wrong = []
    for args in commands:
        result = CliRunner().invoke(cli, [str(a) for a in (*args, "-o", out)])
        if result.exit_code != 1 or str(out) not in result.stderr:
            escaped = result.exception if not isinstance(result.exception, SystemExit) else None
            wrong.append(f"{' '.join(map(str, args))}: exit {result.exit_code}, {escaped!r}")
    assert wrong == []


# -- the installed command -----------------------------------------------------------------


def test_the_installed_command_runs_and_exits_0(cxm_exe, subprocess_env, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    done = _run(cxm_exe, subprocess_env, "sample", "--model", "cx-matrix", "--count", 3, "-o", out)
    assert done.returncode == 0, done.stderr
    _no_traceback(done)
    scored = _run(cxm_exe, subprocess_env, "score", "--model", "cx-matrix", out)
    assert scored.returncode == 0, scored.stderr
    assert len(scored.stdout.splitlines()) == 3  # JSON Lines on a pipe


def test_python_dash_m_runs_the_same_cli(subprocess_env) -> None:
    done = _run(
        [sys.executable, "-m", "cxmaturity.cli"],
        subprocess_env,
        "models",
        "list",
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    assert '"cx-journey-stages"' in done.stdout


def test_usage_errors_exit_2_without_a_traceback(cxm_exe, subprocess_env, tmp_path: Path) -> None:
    done = _run(cxm_exe, subprocess_env, "score", "--model", "cx-nope", tmp_path / "a.yaml")
    assert done.returncode == 2
    _no_traceback(done)
    assert "cx-automation" in done.stderr
    directory = _run(cxm_exe, subprocess_env, "score", "--model", "cx-curve", tmp_path)
    assert directory.returncode == 2
    _no_traceback(directory)
    assert "is a directory" in directory.stderr
    assert directory.stdout == ""


BINARY = bytes(range(256)) * 64 + b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"


def test_a_binary_file_gets_a_message_and_exit_1(cxm_exe, subprocess_env, tmp_path: Path) -> None:
    for suffix in (".csv", ".yaml", ".json", ".jsonl", ".xlsx"):
        path = tmp_path / f"binary{suffix}"
        path.write_bytes(BINARY)
        done = _run(cxm_exe, subprocess_env, "score", "--model", "cx-curve", path)
        assert done.returncode == 1, (suffix, done.stderr)
        _no_traceback(done)
        assert done.stdout == "", suffix
        assert str(path) in done.stderr, (suffix, done.stderr)


def test_a_damaged_workbook_gets_a_message_and_exit_1(
    cxm_exe, subprocess_env, tmp_path: Path
) -> None:
    # A real workbook whose sheet XML was cut short (an interrupted copy or download):
    # openpyxl opens it, and only fails while reading the rows.
    good = tmp_path / "good.xlsx"
    made = _run(
        cxm_exe, subprocess_env, "template", "--model", "cx-curve", "--format", "xlsx", "-o", good
    )
    assert made.returncode == 0, made.stderr
    bad = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(name, data)
    done = _run(cxm_exe, subprocess_env, "score", "--model", "cx-curve", bad)
    _no_traceback(done)
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert str(bad) in done.stderr


def test_a_closed_pipe_ends_quietly(cxm_exe, subprocess_env) -> None:
    with subprocess.Popen(
        [*cxm_exe, "sample", "--model", "cx-matrix", "--count", "200000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"respondent,")
        process.stdout.close()
        err = process.stderr.read().decode("utf-8", "replace")
        code = process.wait(timeout=60)
    assert "Traceback" not in err
    assert "unexpected error" not in err
    assert code in (0, 1)


# -- commands loaded when asked for ---------------------------------------------------------


def test_every_command_is_found_under_its_own_name() -> None:
    names = cli.list_commands(click.Context(cli))
    assert names == sorted(main_module.COMMANDS)
    for name in names:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None
        assert command.name == name
    assert cli.get_command(click.Context(cli), "nothing") is None


def test_scoring_a_csv_loads_neither_the_planner_nor_openpyxl_nor_django(tmp_path: Path) -> None:
    """`cxm score` starts in a fraction of the time when it loads only what scoring needs."""
    sheet = tmp_path / "answers.csv"
    made = CliRunner().invoke(cli, ["sample", "--model", "cx-matrix", "--count", "3", "-o", sheet])
    assert made.exit_code == 0, made.output
    probe = (
        "import sys\n"
        "from cxmaturity.cli.main import cli\n"
        f"cli.main(['score', '--model', 'cx-matrix', {str(sheet)!r}, '--format', 'jsonl'],"
        " standalone_mode=False)\n"
        "heavy = ('openpyxl', 'django', 'weasyprint', 'cxmaturity.core.planning')\n"
        "print('LOADED', [m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert "LOADED []" in done.stdout, done.stdout[-500:]
