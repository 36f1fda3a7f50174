"""`cxm score`: score answer files on a model, as a table, JSON or JSON Lines.

JSON Lines, the format for many respondents, takes one pass over the file: batches of
rows are checked and scored (by worker processes, for a large file) and their lines wait
in temporary part files until the whole file is checked, because a file with problems
gives no result at all unless --skip-invalid is given.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any

import click
import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cxmaturity.core.model import MaturityModel
from cxmaturity.core.scoring import Result, Scorer

from ._common import fail, resolve_model, writable
from ._inputs import Batch, InputError, Record, read_batches, read_records
from ._render import print_result, print_summary

POOL_MIN_ROWS = 20_000  # fewer rows are scored here: starting workers would cost more


@click.command()
@click.option(
    "--model",
    "model_ref",
    required=True,
    metavar="ID_OR_FILE",
    help="A built-in model id (see `cxm models list`) or a model file.",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--industry", help="Industry for rows that do not name one (finance, retail, telco, other)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    help="text: a readable table (default on a terminal); json: results with their "
    "explanation; jsonl: one line a row, in input order (the default on a pipe).",
)
@click.option("--explain", is_flag=True, help="Include the explanation in jsonl output.")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Score the valid rows and report invalid ones on stderr, instead of stopping.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write results here instead of standard output.",
)
def score(
    model_ref: str,
    file: Path,
    industry: str | None,
    fmt: str | None,
    explain: bool,
    skip_invalid: bool,
    output: Path | None,
) -> None:
    """Score FILE: one respondent (YAML/JSON) or one respondent a row (CSV, XLSX, JSON Lines).

    Spreadsheet columns are question ids, plus optional respondent, industry, region and
    size; a use-case matrix takes one column per item and facet (question.item.facet).
    `cxm template` writes an empty sheet. Answer `dont_know` or `not_applicable` to leave a
    question out of the score; an empty cell is unanswered and also left out.
    """
    model = resolve_model(model_ref)
    scorer = Scorer(model)
    if industry is not None:
        known = {i.id for i in model.industries} | {"other"}
        if industry not in known:
            raise click.BadParameter(
                f"unknown industry '{industry}'; use one of {', '.join(sorted(known))}",
                param_hint="--industry",
            )
    fmt = fmt or ("text" if sys.stdout.isatty() and output is None else "jsonl")
    if fmt == "jsonl":
        _score_lines(file, scorer, industry, explain, skip_invalid, output)
        return
    records = _read_all(file, scorer, industry)
    invalid = [r for r in records if r.answers is None]
    _report([r.problems for r in invalid], len(records), skip_invalid)
    valid = [r for r in records if r.answers is not None]
    target = str(writable(output)) if output else "-"
    with click.open_file(target, "wb" if fmt != "text" else "w") as out:
        _write(out, fmt, scorer, valid)
    if invalid:
        click.echo(f"cxm: skipped {len(invalid)} invalid respondent(s)", err=True)


def _report(invalid: list[tuple[str, ...]], total: int, skip_invalid: bool) -> None:
    """Print every problem; stop unless there are valid respondents to score and may be."""
    for problems in invalid:
        for problem in problems:
            click.echo(problem, err=True)
    if invalid and not skip_invalid:
        raise fail(
            f"{len(invalid)} of {total} respondent(s) have problems; nothing was scored "
            "(fix them, or pass --skip-invalid)"
        )
    if len(invalid) == total:
        raise fail("no valid respondent to score")


def _score_lines(
    file: Path,
    scorer: Scorer,
    industry: str | None,
    explain: bool,
    skip_invalid: bool,
    output: Path | None,
) -> None:
    """Check and score every respondent; write the JSON lines once the whole file is checked.

    Lines wait in part files of a temporary folder (one per process that scores), and go
    to the output in file order at the end, copied by the operating system.
    """
    with tempfile.TemporaryDirectory(prefix="cxm-score-") as parts:
        try:
            total, invalid, spans = _check_and_score(
                file, scorer, industry, explain, skip_invalid, Path(parts)
            )
        except InputError as exc:
            raise fail(str(exc)) from exc
        _report(invalid, total, skip_invalid)
        target = str(writable(output)) if output else "-"
        with click.open_file(target, "wb") as out:
            _copy(spans, out)
    if invalid:
        click.echo(f"cxm: skipped {len(invalid)} invalid respondent(s)", err=True)


def _check_and_score(
    file: Path,
    scorer: Scorer,
    industry: str | None,
    explain: bool,
    skip_invalid: bool,
    parts: Path,
) -> tuple[int, list[tuple[str, ...]], list[_Span]]:
    """How many respondents, the problems of each invalid one, and where the lines wait."""
    invalid: list[tuple[str, ...]] = []
    total = 0
    spans: list[_Span] = []

    def wanted() -> bool:
        """Whether lines are still worth making: not once a problem means none are written."""
        return skip_invalid or not invalid

    shown = _progress(threads=False) if sys.stderr.isatty() else nullcontext()
    batches = closing(_scored(file, scorer, industry, explain, wanted, parts))
    with shown as progress, batches as done_batches:
        task = progress.add_task("scoring", total=None) if progress else None
        for done in done_batches:
            if done.error is not None:
                raise InputError(done.error)
            total += done.count
            invalid += done.invalid
            if wanted() and done.lines is not None:
                spans.append(done.lines)
            if progress is not None and task is not None:
                progress.update(task, advance=done.count, refresh=True)
    return total, invalid, spans


@dataclass(frozen=True, slots=True)
class _Span:
    """Where a batch's lines wait: a part file, and the bytes from `start` on."""

    path: Path
    start: int
    length: int


@dataclass(frozen=True, slots=True)
class _Scored:
    """A batch done: its respondents, the problems of each invalid one, the others' lines.

    `error` is a problem with the file itself (a line the csv module refuses), which ends
    the command like any unreadable file.
    """

    count: int
    invalid: list[tuple[str, ...]]
    lines: _Span | None
    error: str | None = None


class _Part:
    """A part file that one process appends its batches' lines to."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"part-{os.getpid()}"
        self.file = self.path.open("ab")
        self.end = self.file.tell()

    def add(self, lines: list[bytes]) -> _Span:
        start = self.end
        for line in lines:
            self.file.write(line)
            self.file.write(b"\n")
        self.file.flush()
        self.end = self.file.tell()
        return _Span(self.path, start, self.end - start)


def _copy(spans: list[_Span], out: IO[bytes]) -> None:
    """The spans' bytes, in order, to `out`; by the operating system when it can."""
    out.flush()
    try:
        target = out.fileno()
    except (AttributeError, OSError, ValueError):  # a stream in memory, as in tests
        target = None
    for span in spans:
        with span.path.open("rb") as part:
            copied = _send(part.fileno(), target, span) if target is not None else 0
            if copied < span.length:
                part.seek(span.start + copied)
                out.write(part.read(span.length - copied))
                out.flush()  # before the next span goes straight to the file


def _send(source: int, target: int, span: _Span) -> int:
    """Copy what sendfile can of a span; the number of bytes copied."""
    copied = 0
    while copied < span.length:
        try:
            sent = os.sendfile(target, source, span.start + copied, span.length - copied)
        except (AttributeError, OSError):
            break
        if not sent:
            break
        copied += sent
    return copied


def _score_batch(scorer: Scorer, batch: Batch, explain: bool, write: bool, part: _Part) -> _Scored:
    """Check a batch and, if `write`, score its valid respondents as JSON lines."""
    count = 0
    invalid: list[tuple[str, ...]] = []
    lines: list[bytes] = []
    try:
        with _collecting_after():
            for record in batch.records(scorer.reader):
                count += 1
                if record.answers is None:
                    invalid.append(record.problems)
                elif write:
                    lines.append(orjson.dumps(scorer.score(record.answers, explain).to_dict()))
    except InputError as exc:
        return _Scored(count, invalid, None, str(exc))
    return _Scored(count, invalid, part.add(lines) if lines else None)


@contextmanager
def _collecting_after() -> Iterator[None]:
    """Garbage collection paused for a batch, which makes many objects that die young and
    no cycles: collecting while it runs would cost a third of the time for nothing."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _scored(
    file: Path,
    scorer: Scorer,
    industry: str | None,
    explain: bool,
    write: Callable[[], bool],
    parts: Path,
) -> Generator[_Scored, None, None]:
    """Every batch of the file done, in file order: here, or in workers for a large file."""
    batches = read_batches(file, industry)
    head: list[Batch] = []
    rows = 0
    for batch in batches:
        head.append(batch)
        rows += batch.size
        if rows >= POOL_MIN_ROWS:
            break
    workers = _cpus()
    if rows < POOL_MIN_ROWS or workers < 2:
        part = _Part(parts)
        try:
            for batch in chain(head, batches):
                yield _score_batch(scorer, batch, explain, write(), part)
        finally:
            part.file.close()
        return
    yield from _in_workers(chain(head, batches), scorer.model, explain, write, workers, parts)


def _in_workers(
    batches: Iterator[Batch],
    model: MaturityModel,
    explain: bool,
    write: Callable[[], bool],
    workers: int,
    parts: Path,
) -> Iterator[_Scored]:
    """Batches done by a pool of worker processes, a few ahead, yielded in file order."""
    forking = "fork" in multiprocessing.get_all_start_methods()
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork") if forking else None,
        initializer=_start_worker,
        initargs=(model, explain, parts),
    ) as pool:
        pending: deque[Future[_Scored]] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(_worker_batch, batch, write()))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


_worker: tuple[Scorer, bool, _Part] | None = None


def _start_worker(model: MaturityModel, explain: bool, parts: Path) -> None:
    """Set up a worker process: its own scorer and part file; Ctrl-C is for the main process."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (Scorer(model), explain, _Part(parts))
    gc.freeze()  # what is here now lives as long as the worker: no need to scan it again


def _worker_batch(batch: Batch, write: bool) -> _Scored:
    assert _worker is not None
    scorer, explain, part = _worker
    return _score_batch(scorer, batch, explain, write, part)


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _read_all(file: Path, scorer: Scorer, industry: str | None) -> list[Record]:
    try:
        if not sys.stderr.isatty():
            return list(read_records(file, scorer.reader, industry))
        with _progress() as progress:
            task = progress.add_task("reading", total=None)
            records = []
            for record in read_records(file, scorer.reader, industry):
                records.append(record)
                progress.advance(task)
            return records
    except InputError as exc:
        raise fail(str(exc)) from exc


def _write(out: IO[Any], fmt: str, scorer: Scorer, records: list[Record]) -> None:
    """A table (text) or results with their explanation (json)."""
    if fmt == "text":
        results = [(r.label, _score(scorer, r, False)) for r in records]
        console = Console(file=out, width=None if out is sys.stdout else 120)
        if len(results) == 1:
            print_result(console, scorer, results[0][1])
        else:
            print_summary(console, scorer.model, results)
        return
    items = [_score(scorer, r, True).to_dict() for r in records]
    out.write(orjson.dumps(items[0] if len(items) == 1 else items, option=orjson.OPT_INDENT_2))
    out.write(b"\n")


def _score(scorer: Scorer, record: Record, explain: bool) -> Result:
    assert record.answers is not None
    return scorer.score(record.answers, explain)


def _progress(threads: bool = True) -> Progress:
    """A progress display on standard error; without `threads`, it redraws only when told
    (no drawing thread while worker processes are forked)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=threads,
    )
