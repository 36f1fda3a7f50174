"""Aggregation of a campaign: the time to compute everything the results page shows.

For 50 and 500 respondents on cx-automation (sample_respondents, one industry, six
departments): `aggregate()` end to end, which scores every respondent, summarizes every
question, matrix facet and dimension (with agreement and department sides), builds the
aggregated answers and the consensus document, and scores it. The baseline, measured in
the same run and interleaved with it, is the part no aggregation can avoid: scoring the
same respondents one by one with Scorer.score. The ratio says what aggregating costs on
top of scoring; the goal for the whole campaign results page is under 200 ms at 500.

Both wall-clock and CPU time (time.process_time) are given, the best of several runs
each: on a busy machine the wall clock also counts the time spent waiting for a core;
CPU time is the work itself, and what a page sees on an idle core. The verdict is on
CPU time; compare the two columns to see how busy the machine was.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from cxmaturity.core.aggregation import Respondent, aggregate, checked_respondent
from cxmaturity.core.scoring import Context, Scorer, sample_respondents
from cxmaturity.models import builtin

MODEL = "cx-automation"
DEPARTMENTS = ("Marketing", "Sales", "Support", "IT", "Finance", None)
GOAL_MS = 200.0
REPEATS = 9


def best_ms(works: list[Callable[[], object]], repeats: int = REPEATS) -> list[tuple[float, float]]:
    """(wall ms, CPU ms) of the fastest of several runs of each work, run in turn so that
    every work sees the same machine."""
    wall = [float("inf")] * len(works)
    cpu = [float("inf")] * len(works)
    for _ in range(repeats):
        for n, work in enumerate(works):
            start, start_cpu = time.perf_counter(), time.process_time()
            work()
            cpu[n] = min(cpu[n], (time.process_time() - start_cpu) * 1000)
            wall[n] = min(wall[n], (time.perf_counter() - start) * 1000)
    return list(zip(wall, cpu, strict=True))


def respondents(scorer: Scorer, context: Context, count: int) -> list[Respondent]:
    docs = sample_respondents(scorer.model, count, seed=5, industry=context.industry)
    return [
        checked_respondent(
            scorer.reader,
            doc["respondent"],
            DEPARTMENTS[n % len(DEPARTMENTS)],
            doc["answers"],
            context,
        )
        for n, doc in enumerate(docs)
    ]


def run(counts: tuple[int, ...] = (50, 500)) -> list[tuple[str, float, float, float, str]]:
    """(name, wall ms, CPU ms, CPU ratio to the baseline of the same size, verdict) rows."""
    model = builtin(MODEL)
    scorer = Scorer(model)
    context = Context("retail", None, "250-999")
    rows: list[tuple[str, float, float, float, str]] = []
    for count in counts:
        people = respondents(scorer, context, count)
        aggregate(model, people, context=context, scorer=scorer)  # compile the plans first

        def score_all(people: list[Respondent] = people) -> object:
            return [scorer.score(p.answers) for p in people]

        def aggregate_all(people: list[Respondent] = people) -> object:
            return aggregate(model, people, context=context, scorer=scorer)

        (base_wall, base_cpu), (wall, cpu) = best_ms([score_all, aggregate_all])
        verdict = ("pass" if cpu < GOAL_MS else "FAIL") if count >= 500 else ""
        rows.append((f"baseline: Scorer.score × {count}", base_wall, base_cpu, 1.0, ""))
        rows.append((f"aggregate() {count} respondents", wall, cpu, cpu / base_cpu, verdict))
    return rows


def main() -> None:
    print(f"Campaign aggregation, {MODEL}, best of {REPEATS}")
    print(
        f"  {'what':<44} {'wall ms':>9} {'CPU ms':>9} {'× baseline':>11}"
        f"  goal: < {GOAL_MS:.0f} ms at 500"
    )
    for name, wall, cpu, ratio, verdict in run():
        print(f"  {name:<44} {wall:>9.1f} {cpu:>9.1f} {ratio:>11.2f}  {verdict}")


if __name__ == "__main__":
    main()
