"""Scoring throughput of the core library, per built-in model, on one core.

The baseline, measured in the same run, is the simplest possible scorer: a plain
Python function turning 60 numeric answers into 3 weighted means. The ratio says
how much of that floor our full results (levels, bands, benchmarks, stages,
headroom, exclusions) cost.

The scorer remembers what it has worked out (an item answer's values, a stage's
result for its items' answers, a dimension's result for its score), as any long-lived
scorer does. So that this helps here no more than in real use, the scorer first meets
one sample of respondents, and each timed run then scores a sample it has never seen.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from cxmaturity.core.scoring import Answers, Scorer, sample_respondents
from cxmaturity.models import BUILTIN_IDS, builtin


def best_rate(work: Callable[[], int], repeats: int = 3) -> float:
    """Items per second of the fastest of several runs (the least disturbed by noise)."""
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        count = work()
        best = max(best, count / (time.perf_counter() - start))
    return best


def baseline_rate(count: int) -> float:
    rng = random.Random(0)
    rows = [[rng.randint(0, 4) for _ in range(60)] for _ in range(count)]
    weights = [1.0 + (i % 3) for i in range(60)]

    def plain(row: list[int]) -> tuple[float, float, float]:
        out = []
        for start in (0, 20, 40):
            total = weight = 0.0
            for i in range(start, start + 20):
                total += weights[i] * row[i] / 4
                weight += weights[i]
            out.append(100 * total / weight)
        return out[0], out[1], out[2]

    def work() -> int:
        for row in rows:
            plain(row)
        return len(rows)

    return best_rate(work)


def model_rate(model_id: str, count: int, repeats: int = 3) -> float:
    model = builtin(model_id)
    scorer = Scorer(model)

    def sample(seed: int) -> list[Answers]:
        answers: list[Answers] = []
        for doc in sample_respondents(model, count, seed=seed):
            checked, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
            assert not problems, problems
            answers.append(checked)
        return answers

    for a in sample(10):  # what the scorer meets before: plans compiled, memos filled
        scorer.score(a)
    unseen = [sample(11 + n) for n in range(repeats)]

    def work() -> int:
        answers = unseen.pop()
        for a in answers:
            scorer.score(a)
        return len(answers)

    return best_rate(work, repeats)


def run(count: int) -> list[tuple[str, float, float]]:
    """(name, respondents per second, ratio to the baseline) rows."""
    base = baseline_rate(count)
    rows = [("baseline: 60 answers → 3 weighted means", base, 1.0)]
    for model_id in BUILTIN_IDS:
        rate = model_rate(model_id, count)
        rows.append((f"Scorer.score {model_id}", rate, rate / base))
    return rows
