"""`cxm score` end to end over a generated CSV: read, check, score, write JSON lines.

The baseline, measured in the same run on the same file, reads the CSV with the
csv module and writes each row as a JSON line: the I/O floor any scorer pays.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

CXM = [sys.executable, "-m", "cxmaturity.cli"]
BASELINE = """
import csv, sys, orjson
with open(sys.argv[1], newline="", encoding="utf-8") as f, open(sys.argv[2], "wb") as out:
    for row in csv.DictReader(f):
        out.write(orjson.dumps(row) + b"\\n")
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(count: int, model_id: str = "cx-automation") -> list[tuple[str, float, float]]:
    """(name, seconds, ratio to the baseline) rows."""
    with tempfile.TemporaryDirectory() as tmp:
        sheet, out = Path(tmp, "answers.csv"), Path(tmp, "out.jsonl")
        generate = timed(
            [
                *CXM,
                "sample",
                "--model",
                model_id,
                "--count",
                str(count),
                "--seed",
                "1",
                "-o",
                str(sheet),
            ]
        )
        base = timed([sys.executable, "-c", BASELINE, str(sheet), str(out)])
        score = timed(
            [*CXM, "score", "--model", model_id, str(sheet), "--format", "jsonl", "-o", str(out)]
        )
        lines = sum(1 for _ in out.open("rb"))
        if lines != count:
            raise SystemExit(f"expected {count} result lines, got {lines}")
    return [
        (f"baseline: csv → JSON lines, {count:,} rows", base, 1.0),
        (f"cxm sample {model_id} --count {count:,}", generate, generate / base),
        (f"cxm score {model_id}, {count:,} rows → jsonl", score, score / base),
    ]
