"""The `clean` command: options mapped onto the engine (run.py), then a summary and an exit status.

Stream mode prints the documents to stdout (or the one ``-o`` file); folder mode writes each below ``-o OUT``.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Generator, Iterable
from contextlib import closing, nullcontext
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, NoReturn

import click

from cleaner import __version__
from cleaner.inputs.read import MAX_BYTES, STDIN, Document, Reading, describe_error, is_container, read_inputs
from cleaner.options import MarkupOptions
from cleaner.outputs import FORMATS, ONE_DOCUMENT, REGISTRY, terminal
from cleaner.outputs.write import STREAM_SUFFIXES, StreamFile, StreamWriter, remove_stale_temporaries, write_atomic
from cleaner.pipeline import INPUT_FORMATS, Options
from cleaner.rules import RuleError, RuleSet, codes
from cleaner.run import (
    UP_TO_DATE,
    Outcome,
    PlanError,
    Settings,
    deliver,
    folder_items,
    is_inside,
    plan_folder,
    run,
    source_of,
)


def _codes(value: str | None) -> list[str]:
    return [c for c in (value or "").replace(" ", ",").split(",") if c]


def _fail(message: str) -> None:
    click.echo(terminal.error_line(message), err=True)


def _usage(message: str) -> click.UsageError:
    """A usage error whose message (which may hold file names and rule texts) is inert on a terminal."""
    return click.UsageError(terminal.safe(message.replace("\n", " ")))


INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
TERMINATED = 143  # 128 + SIGTERM: a service manager, `kill`
BATCH_TIMEOUT = 30.0  # seconds a document of a batch may take unless --timeout says otherwise


@dataclass
class Job:
    """One invocation's choices, as the drivers below need them."""

    inputs: list[str]
    output: Path | None
    fmt: str
    options: Options
    workers: int = 1
    resume: bool = False
    timeout: float | None = None
    errors: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    reading: Reading = dataclass_field(default_factory=Reading)
    templates: bool = False  # --templates: find and remove site templates (TEMPLATE001) across the batch


@dataclass
class Tally:
    """What became of the documents of a run, for the summary, --errors and the exit status."""

    cleaned: int = 0
    up_to_date: int = 0
    failures: list[tuple[str, str]] = dataclass_field(default_factory=list)
    not_pages: Counter[str] = dataclass_field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failures.append((outcome.name, outcome.error))
        elif outcome.skipped == UP_TO_DATE:
            self.up_to_date += 1
        elif outcome.skipped is not None:
            self.not_pages[outcome.skipped] += 1
        else:
            self.cleaned += 1

    def summary(self, where: str) -> str:
        line = f"clean: {self.cleaned} cleaned, {len(self.failures)} failed"
        if self.up_to_date:
            line += f", {self.up_to_date} skipped (up to date)"
        if self.not_pages:
            kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.not_pages.items()))
            line += f", {sum(self.not_pages.values())} records skipped (not pages: {kinds})"
        return f"{line} -> {terminal.safe(where)}"

    def write_errors(self, path: Path | None) -> None:
        """--errors: one JSON line per failed input, so that a rerun can target them."""
        if path is not None:
            lines = [json.dumps({"path": name, "error": error}, ensure_ascii=False) for name, error in self.failures]
            write_atomic(path, "".join(line + "\n" for line in lines))


def _drive(
    job: Job,
    outcomes: Generator[Outcome, None, None],
    take: Callable[[Outcome], Outcome],
    where: str | None,
    total: int | None = None,
) -> Tally:
    """Run to the end: ``take`` each outcome (it may fail in the taking: a write), each failure said as it
    comes (a progress bar above them on a terminal), a summary when ``where`` names the destination of a
    batch. On Ctrl-C or SIGTERM the workers are stopped at once, what was written stays complete, and the
    way to resume is said."""
    tally = Tally()
    # On a terminal, unless the documents themselves go to it (stdout is that terminal).
    shown = where is not None and sys.stderr.isatty() and (job.output is not None or not sys.stdout.isatty())
    bar = terminal.progress() if shown else None

    def say(line: str) -> None:
        if bar is not None:
            bar.console.print(terminal.plain(line), soft_wrap=True)
        else:
            click.echo(line, err=True)

    try:
        with closing(outcomes), bar or nullcontext():
            task = bar.add_task("clean", total=total) if bar is not None else None
            for cleaned in outcomes:
                outcome = take(cleaned) if cleaned.error is None and cleaned.skipped is None else cleaned
                tally.add(outcome)
                if outcome.error is not None:
                    say(terminal.error_line(f"{outcome.name}: {outcome.error}"))
                if bar is not None and task is not None:
                    bar.advance(task)
    except KeyboardInterrupt as stop:
        tally.write_errors(job.errors)
        done = tally.cleaned + tally.up_to_date
        hint = "; run the same command with --resume to finish" if job.output is not None else ""
        click.echo(f"clean: interrupted after {done} documents: every output written is complete{hint}", err=True)
        sys.exit(TERMINATED if isinstance(stop, Terminated) else INTERRUPTED)
    tally.write_errors(job.errors)
    if where is not None:
        click.echo(tally.summary(where), err=True)
    return tally


def _settings(job: Job, many: bool, **kwargs: Any) -> Settings:
    timeout = job.timeout if job.timeout is not None else BATCH_TIMEOUT if many else None
    return Settings(job.options, job.fmt, timeout=timeout or None, **kwargs)


Survey = Callable[[], Iterable[Document | Outcome]]
"""Every document of the batch, read afresh, for the first pass that finds its site templates."""


def _survey(job: Job, many: bool, documents: Survey) -> Survey | None:
    """The first pass of a batch, when site templates are asked for (--templates) and not off: one document
    (TEMPLATE001 needs several pages), the rule deselected (--ignore TEMPLATE), or stdin among the inputs (it
    can be read only once)."""
    if not job.templates or not many or job.options.rules.get(codes.SITE_TEMPLATE) is None or STDIN in job.inputs:
        return None
    return documents


def _engine(
    job: Job, items: Iterable[Document | Outcome], settings: Settings, workers: int, survey: Survey | None = None
) -> Generator[Outcome, None, None]:
    everything = survey() if survey is not None else None
    if job.engine == "dask":
        from cleaner.cluster import ClusterError, run_on_dask  # dask is an extra: imported only when asked for

        try:
            return run_on_dask(items, settings, job.scheduler or "", everything)
        except ClusterError as exc:
            raise _usage(str(exc)) from None
    return run(items, settings, workers, everything)


def is_stream_file(output: Path | None, fmt: str) -> bool:
    """-o corpus.jsonl (or .jsonl.gz) with -f jsonl: one file of records, whatever the inputs."""
    return output is not None and fmt == "jsonl" and output.name.lower().endswith(STREAM_SUFFIXES)


def _run_stream(job: Job, show: bool, many: bool) -> int:
    output = job.output
    if output is not None and job.inputs[0] != STDIN and output.resolve() == Path(job.inputs[0]).resolve():
        raise _usage(f"-o {output}: refusing to overwrite the input")
    settings = _settings(job, many, pretty=output is None and sys.stdout.isatty(), keep_result=show)
    items: Iterable[Document | Outcome] = read_inputs(job.inputs, job.reading)
    if is_stream_file(output, job.fmt):
        assert output is not None
        if output.is_dir():
            raise _usage(f"-o {output}: is a folder")
        for name in job.inputs:  # the file grows while the inputs are read: never one of them, nor below one
            if name != STDIN and Path(name).exists() and is_inside(output, Path(name)):
                raise _usage(f"-o {output}: refusing to write over or inside the input {name}")
        sink = StreamFile(output, job.resume)
        items, where = sink.not_yet_written(read_inputs(job.inputs, job.reading), source_of), str(output)

        def take(outcome: Outcome) -> Outcome:
            sink.add(outcome.rendered or "")
            return outcome

        survey = _survey(job, many, lambda: read_inputs(job.inputs, job.reading))
        try:
            tally = _drive(job, _engine(job, items, settings, job.workers, survey), take, where)
        finally:  # interrupted: the .part file keeps the whole records written, for --resume
            sink.close(complete=sys.exc_info()[0] is None)
        return 1 if tally.failures else 0
    writer = StreamWriter(REGISTRY[job.fmt].framing if many else ONE_DOCUMENT, terminal.emit)
    console = terminal.stdout_console() if show else None

    def take_one(outcome: Outcome) -> Outcome:
        if console is not None and outcome.result is not None:
            if writer.count:
                console.print()
            terminal.explain(outcome.result, console)
            writer.count += 1
        elif output is not None:
            return deliver(replace(outcome, rendered=outcome.rendered or ""), output)
        else:
            writer.add(outcome.rendered or "")
        return outcome

    survey = _survey(job, many, lambda: read_inputs(job.inputs, job.reading))
    outcomes = _engine(job, items, settings, job.workers, survey)
    tally = _drive(job, outcomes, take_one, "stdout" if many else None)
    if console is None and output is None:
        writer.close()
    return 1 if tally.failures else 0


def _run_folder(job: Job) -> int:
    assert job.output is not None
    try:
        plan = plan_folder(job.inputs, job.output, job.fmt, job.reading.follow_links)
    except PlanError as exc:
        raise _usage(str(exc)) from None
    if job.resume:
        remove_stale_temporaries(job.output)
    settings = _settings(job, True, out_dir=job.output)
    # An archive's members are documents of their own: its count is known only once it is read.
    total = None if any(entry.archive for entry in plan) else len(plan)
    workers = job.workers if total is None or total > 1 else 1
    max_bytes = job.reading.max_bytes
    # Every document of the batch, those up to date included: the templates are those of the whole batch.
    survey = _survey(job, total is None or total > 1, lambda: folder_items(plan, settings, False, max_bytes))
    outcomes = _engine(job, folder_items(plan, settings, job.resume, max_bytes), settings, workers, survey)
    tally = _drive(job, outcomes, lambda outcome: outcome, str(job.output), total)
    return 1 if tally.failures else 0


def _run(job: Job, paths: tuple[str, ...], show: bool) -> int:
    if not paths and sys.stdin is not None and sys.stdin.isatty():
        raise _usage("no PATH given and stdin is a terminal: name a file or folder, or pipe text in")
    if job.inputs.count(STDIN) > 1:
        raise _usage("stdin ('-') can be read only once")
    many = len(job.inputs) > 1 or any(p != STDIN and (Path(p).is_dir() or is_container(Path(p))) for p in job.inputs)
    if show and job.output is not None:
        raise _usage("--explain shows the document on the terminal; it does not combine with -o")
    if job.engine == "dask" and not job.scheduler:
        raise _usage("--engine dask needs --scheduler ADDRESS (the address `dask scheduler` prints)")
    if job.output is not None and not is_stream_file(job.output, job.fmt) and (many or job.output.is_dir()):
        return _run_folder(job)
    return _run_stream(job, show, many)


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops a run the way Ctrl-C does (workers stopped, complete outputs only), with its own status."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _exit_quietly_on_broken_pipe() -> NoReturn:
    # The reader went away (`clean ... | head`): stop without a traceback, and keep Python's
    # final flush from failing again on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation (Python's default: 700)."""


def _collect_garbage_seldom() -> None:
    """The command's process owns its collector: what start-up imported stays (frozen out of every collection),
    and a page's thousands of short-lived objects, freed by reference counting, do not each time set off a
    collection that finds no cycle."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
# A PATH that does not exist or cannot be read is a failed input (named, exit 1), not a usage error: the other
# inputs are still cleaned.
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, readable=False, path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File for one input; folder for a folder, an archive or several inputs.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: text; jsonl for -o NAME.jsonl or NAME.jsonl.gz].",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read inputs (auto: sniffed).",
)
@click.option("--explain", is_flag=True, help="Show the document with removals marked, and why.")
@click.option("--formatting", is_flag=True, help="markdown/html: keep emphasis, strong, inline code (HTML input).")
@click.option("--links", is_flag=True, help="markdown/html: keep links (HTML input).")
@click.option("--images", is_flag=True, help="markdown/html: keep images, with their alt text (HTML input).")
@click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(path_type=Path),  # (read, and any failure named inert, by the rule reader)
    help="Extra rule file (TOML); may be repeated.",
)
@click.option("--select", default=None, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", default=None, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--list-rules", is_flag=True, help="List the rules in force and exit.")
@click.option(
    "--templates",
    is_flag=True,
    help="Across a batch, remove blocks that recur on many pages of one site (TEMPLATE001; reads every page twice).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (output keeps the input order).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="With -o: skip inputs whose output is up to date (a folder) or already written (a .jsonl file).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=None,
    help=f"Seconds one document may take before it fails (0: no limit) [default: {BATCH_TIMEOUT:g} for several].",
)
@click.option(
    "--errors",
    "errors_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write one JSON line per failed input (path, error) to this file.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are cleaned: local processes, or a Dask cluster.",
)
@click.option("--scheduler", default=None, help="With --engine dask: the scheduler's address (tcp://HOST:PORT).")
@click.option(
    "--follow-links",
    is_flag=True,
    help="In a folder, follow links to folders and to files outside it (by default named and not read).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_BYTES,
    show_default=True,
    help="Refuse a file or stdin larger than this many bytes (archive members: 64 MiB each).",
)
@click.version_option(__version__, "--version", prog_name="clean")
def main(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    input_format: str,
    explain: bool,
    formatting: bool,
    links: bool,
    images: bool,
    rule_files: tuple[Path, ...],
    select: str | None,
    ignore: str | None,
    list_rules: bool,
    templates: bool,
    jobs: int,
    resume: bool,
    timeout: float | None,
    errors_file: Path | None,
    engine: str,
    scheduler: str | None,
    follow_links: bool,
    max_bytes: int,
) -> None:
    """Remove boilerplate from scraped text and HTML; print the article.

    PATH is a file (.gz read transparently), a folder (cleaned recursively),
    an archive (.tar, .tar.gz, .tgz, .zip: each member is a document), a web
    archive (WARC or WET, gzipped or not: each page record is a document), or
    '-' for stdin. With no PATH, reads stdin.

    Exit status: 0 all inputs cleaned, 1 some input failed (each named on
    stderr; the others are still cleaned), 2 usage error, 130 interrupted (Ctrl-C),
    143 stopped by SIGTERM.
    """
    previous = signal.signal(signal.SIGTERM, _terminate)
    _collect_garbage_seldom()
    try:
        if fmt is None:
            fmt = "jsonl" if output is not None and output.name.lower().endswith(STREAM_SUFFIXES) else "text"
        try:
            try:
                rules = RuleSet.build(rule_files, _codes(select), _codes(ignore))
            except RuleError as exc:
                raise _usage(str(exc)) from None
            if list_rules:
                terminal.list_rules(rules)
                return
            markup = MarkupOptions(formatting=formatting, links=links, images=images)
            options = Options(input_format=input_format, rules=rules, markup=markup)
            inputs = list(paths) or [STDIN]
            job = Job(
                inputs,
                output,
                fmt,
                options,
                jobs,
                resume,
                timeout,
                errors_file,
                engine,
                scheduler,
                Reading(follow_links, max_bytes),
                templates,
            )
            status = _run(job, paths, explain)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _exit_quietly_on_broken_pipe()
        except Exception as exc:
            _fail(describe_error(exc))
            sys.exit(1)
        sys.exit(status)
    finally:  # called as a library (tests, a wrapper): the caller's handler comes back
        signal.signal(signal.SIGTERM, previous)


__all__ = ["main"]
