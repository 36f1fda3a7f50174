"""Run every benchmark and print figures with ratios to baselines from the same run.

make bench                        # full sizes (the figures quoted in issues)
python bench/run.py --quick       # small sizes, a smoke run
python bench/run.py --only web    # one benchmark (repeat --only for several)
"""

from __future__ import annotations

import argparse
import importlib.machinery
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    aggregation,
    campaign_page,
    end_to_end,
    peer_stats,
    peers,
    planning,
    reports,
    scoring,
    web,
)

BENCHMARKS = (
    "scoring",
    "end-to-end",
    "aggregation",
    "campaign-page",
    "planning",
    "peer-stats",
    "peers",
    "reports",
    "web",
)


def engine_build() -> str:
    """How the scoring engine runs here: setup.py compiles it where a C compiler is at hand."""
    from cxmaturity.core.scoring import _engine

    if str(_engine.__file__).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return "scoring engine compiled (mypyc)"
    return "scoring engine in plain Python (not compiled: see setup.py)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument(
        "--only",
        action="append",
        choices=BENCHMARKS,
        help="run only this benchmark (repeatable; default: all)",
    )
    args = parser.parse_args()
    chosen = set(args.only or BENCHMARKS)
    respondents, rows = (300, 2_000) if args.quick else (20_000, 100_000)
    print(
        f"cx-maturity benchmarks · Python {platform.python_version()} · {os.cpu_count()} cores"
        f" · {engine_build()}"
    )
    if "scoring" in chosen:
        print(f"\nScoring throughput, one core, {respondents:,} respondents per model")
        print(f"  {'what':<44} {'respondents/s':>14} {'× baseline':>11}")
        for name, rate, ratio in scoring.run(respondents):
            print(f"  {name:<44} {rate:>14,.0f} {ratio:>11.3f}")
    if "end-to-end" in chosen:
        print(f"\nEnd to end, {rows:,} rows")
        print(f"  {'what':<44} {'seconds':>14} {'× baseline':>11}")
        for name, seconds, ratio in end_to_end.run(rows):
            print(f"  {name:<44} {seconds:>14.2f} {ratio:>11.2f}")
    if "aggregation" in chosen:
        print("\nCampaign aggregation (results page), cx-automation, best of several runs")
        print(
            f"  {'what':<44} {'wall ms':>9} {'CPU ms':>9} {'× baseline':>11}  goal: < 200 ms at 500"
        )
        for name, wall, cpu, ratio, verdict in aggregation.run():
            print(f"  {name:<44} {wall:>9.1f} {cpu:>9.1f} {ratio:>11.2f}  {verdict}")
    if "campaign-page" in chosen:
        count = 100 if args.quick else campaign_page.RESPONDENTS
        print(f"\nCampaign results page, {count} finished respondents, in-process, best of several")
        for database, page_rows in campaign_page.run(count).items():
            print(f"  {database}")
            if isinstance(page_rows, str):
                print(f"    {page_rows}")
                continue
            print(
                f"    {'what':<54} {'wall ms':>9} {'CPU ms':>9} {'× baseline':>11}  goal < 200 ms"
            )
            for name, wall, cpu, ratio, verdict in page_rows:
                print(f"    {name:<54} {wall:>9.1f} {cpu:>9.1f} {ratio:>11.1f}  {verdict}")
    if "planning" in chosen:
        planning.report(5 if args.quick else 30)
    if "peer-stats" in chosen:
        print(f"\nPeer benchmark statistics, {rows:,} organizations, 11 dimensions, one core")
        print(f"  {'what':<44} {'ms':>14} {'× baseline':>11}")
        for name, ms, ratio in peer_stats.run(rows):
            print(f"  {name:<44} {ms:>14,.2f} {'' if ratio is None else f'{ratio:.2f}':>11}")
    if "peers" in chosen:
        peers.report(args.quick)
    if "reports" in chosen:
        once, report_rows = reports.run(args.quick)
        print("\nReports (best of several; a long-lived worker)")
        for name, seconds in once:
            print(f"  once per process: {name:<46} {seconds:>6.2f} s")
        print(f"  {'what':<44} {'seconds':>14} {'× baseline':>11}  goal")
        for name, seconds, ratio, verdict in report_rows:
            print(f"  {name:<44} {seconds:>14.3f} {ratio:>11.2f}  {verdict}")
    if "web" in chosen:
        print(f"\nWeb load: {web.describe(args.quick)}", flush=True)
        for section in web.run(args.quick):
            print(f"\n  {section.title}")
            if section.skipped:
                print(f"    skipped: {section.skipped}")
                continue
            for note in section.notes:
                print(f"    {note}")
            print(
                f"  {'what':<38} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
                f" {'× baseline':>17}  {'goal':<28} {'':4}"
            )
            for r in section.rows:
                ratio = f"{r.ratio:.2f} {r.baseline}" if r.baseline else "1.00"
                verdict = {None: "", True: "pass", False: "FAIL"}[r.passed]
                errors = f"  ({r.load.errors:,} errors)" if r.load.errors else ""
                print(
                    f"  {r.scenario:<38} {r.load.rate:>7,.0f} {r.load.p50:>7.1f} {r.load.p95:>7.1f}"
                    f" {r.load.p99:>7.1f} {ratio:>17}  {r.goal:<28} {verdict:4}{errors}"
                )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
