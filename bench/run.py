"""Run every benchmark and print figures with ratios to baselines from the same run.

make bench                 # full sizes (the figures quoted in issues)
python bench/run.py --quick   # small sizes, a smoke run
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import end_to_end, scoring


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    respondents, rows = (300, 2_000) if args.quick else (20_000, 100_000)
    print(f"cx-maturity benchmarks · Python {platform.python_version()} · {os.cpu_count()} cores")
    print(f"\nScoring throughput, one core, {respondents:,} respondents per model")
    print(f"  {'what':<44} {'respondents/s':>14} {'× baseline':>11}")
    for name, rate, ratio in scoring.run(respondents):
        print(f"  {name:<44} {rate:>14,.0f} {ratio:>11.3f}")
    print(f"\nEnd to end, {rows:,} rows")
    print(f"  {'what':<44} {'seconds':>14} {'× baseline':>11}")
    for name, seconds, ratio in end_to_end.run(rows):
        print(f"  {name:<44} {seconds:>14.2f} {ratio:>11.2f}")


if __name__ == "__main__":
    main()
