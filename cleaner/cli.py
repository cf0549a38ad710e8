"""The `clean` command: a thin shell over the library. I/O lives here and in batch.

Two ways to run:

* stream: documents (a file, stdin, a folder's files, an archive's members)
  are cleaned one after another and printed to stdout, or to the one file
  named by ``-o``;
* folder: with ``-o OUT`` and a folder, an archive or several inputs, each
  document is written to its own file below OUT (batch.py), in ``-j``
  worker processes.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from cleaner import __version__
from cleaner.batch import (
    Document,
    Job,
    Outcome,
    clean_in_order,
    describe_error,
    job_for,
    plan,
    run_batch,
    write_atomic,
)
from cleaner.explain import explain, rules_table, safe
from cleaner.model import Result
from cleaner.pipeline import INPUT_FORMATS, Options
from cleaner.render import FORMATS, render, to_dict
from cleaner.rules import Rule, RuleError, RuleSet
from cleaner.sources import ArchiveError, is_archive, read_archive, walk

STDIN = "-"
STDIN_NAME = "<stdin>"


def _codes(value: str | None) -> list[str]:
    return [c for c in (value or "").replace(" ", ",").split(",") if c]


def _error_line(message: str) -> str:
    """One line on stderr per failure, inert on a terminal."""
    return "clean: error: " + safe(message.replace("\n", " "))


def _fail(message: str) -> None:
    click.echo(_error_line(message), err=True)


def _stdout_console() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def _emit(text: str) -> None:
    """Write document output to stdout; on a terminal, control characters are made inert first."""
    if text and sys.stdout.isatty():
        text = "\n".join(safe(line) for line in text.split("\n"))
    click.echo(text, nl=False)


def _list_rules(rules: RuleSet) -> None:
    if sys.stdout.isatty():
        _stdout_console().print(rules_table(rules.rules))
        return
    for rule in rules.rules:
        kind = "pattern" if isinstance(rule, Rule) else "structural"
        click.echo(f"{rule.code}\t{rule.category}\t{rule.name}\t{kind}\t{rule.reason}")


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


# --- stream mode -------------------------------------------------------------------------------------------------


def _file_documents(path: Path) -> Iterator[Document]:
    if is_archive(path):
        try:
            for member in read_archive(path):
                yield Document(f"{path}:{member.path}", member.data, member.error)
        except (ArchiveError, OSError) as exc:
            yield Document(str(path), error=describe_error(exc, str(path)))
        return
    try:
        yield Document(str(path), path.read_bytes())
    except OSError as exc:
        yield Document(str(path), error=describe_error(exc, str(path)))


def _stdin_document() -> Document:
    if sys.stdin is None:  # started with standard input closed
        return Document(STDIN_NAME, error="no standard input to read")
    try:
        return Document(STDIN_NAME, sys.stdin.buffer.read())
    except OSError as exc:
        return Document(STDIN_NAME, error=describe_error(exc))


def _documents(inputs: list[str]) -> Iterator[Document]:
    """Every document the inputs hold, in order: folders walked, archives opened."""
    for name in inputs:
        if name == STDIN:
            yield _stdin_document()
            continue
        path = Path(name)
        for file in walk(path) if path.is_dir() else [path]:
            yield from _file_documents(file)


class _StreamWriter:
    """Prints rendered documents one after another so that several still make one well-formed output.

    text and markdown: documents separated by a blank line (markdown: a ``---`` rule);
    json: one object for one input, an array when the inputs can hold several documents;
    jsonl: one line per document.
    """

    def __init__(self, fmt: str, as_array: bool) -> None:
        self.fmt = fmt
        self.as_array = as_array
        self.count = 0

    def add(self, result: Result) -> None:
        if self.fmt == "json" and self.as_array:
            body = json.dumps(to_dict(result), ensure_ascii=False, indent=2)
            _emit(("[\n" if self.count == 0 else ",\n") + body)
            self.count += 1
            return
        rendered = render(result, self.fmt)
        if not rendered:
            return
        if self.count and self.fmt in ("text", "markdown"):
            _emit("\n---\n\n" if self.fmt == "markdown" else "\n")
        _emit(rendered)
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json" and self.as_array:
            _emit("\n]\n" if self.count else "[]\n")


def _run_stream(
    inputs: list[str], output: Path | None, fmt: str, options: Options, show: bool, many: bool, workers: int
) -> int:
    if output is not None and inputs[0] != STDIN and output.resolve() == Path(inputs[0]).resolve():
        raise click.UsageError(f"-o {output}: refusing to overwrite the input")
    status = 0
    writer = _StreamWriter(fmt, as_array=many)
    console = _stdout_console() if show else None
    shown = 0
    for cleaned in clean_in_order(_documents(inputs), options, workers):
        result = cleaned.result
        if result is None:
            _fail(f"{cleaned.name}: {cleaned.error}")
            status = 1
            continue
        if output is not None:
            try:
                write_atomic(output, render(result, fmt))
            except Exception as exc:
                _fail(f"{cleaned.name}: {describe_error(exc)}")
                status = 1
                continue
        if console is not None:
            if shown:
                console.print()
            explain(result, console)
            shown += 1
        elif output is None:
            writer.add(result)
    if console is None and output is None:
        writer.close()
    return status


# --- folder mode -------------------------------------------------------------------------------------------------


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )


def _plan_folder_jobs(inputs: list[str], output: Path, fmt: str) -> list[Job]:
    if STDIN in inputs:
        raise click.UsageError("stdin ('-') cannot be mixed with folders, archives or several files")
    if output.exists() and not output.is_dir():
        raise click.UsageError(f"-o {output}: exists and is not a folder")
    folders = [Path(p) for p in inputs if Path(p).is_dir()]
    for folder in folders:
        if _inside(output, folder):
            raise click.UsageError(f"-o {output}: refusing to write inside the input folder {folder}")
    jobs: list[Job] = []
    for name in inputs:
        path = Path(name)
        jobs.extend(plan(path, output, fmt) if path.is_dir() else [job_for(path, Path(path.name), output, fmt)])
    targets = [job.out.resolve() for job in jobs]
    first_for: dict[Path, Path] = {}
    for job, target in zip(jobs, targets, strict=True):
        if target in first_for:
            raise click.UsageError(f"{first_for[target]} and {job.path} would both be written to {job.out}")
        first_for[target] = job.path
    sources = {job.path.resolve() for job in jobs}
    for job, target in zip(jobs, targets, strict=True):
        if target in sources or any(_inside(target, folder) for folder in folders):
            raise click.UsageError(f"-o {output}: {job.path} would be written over an input")
    return jobs


def _run_folder(inputs: list[str], output: Path, fmt: str, options: Options, workers: int, resume: bool) -> int:
    jobs = _plan_folder_jobs(inputs, output, fmt)
    failures: list[Outcome] = []

    def reporter(say: Callable[[str], None]) -> Callable[[list[Outcome]], None]:
        def report(outcomes: list[Outcome]) -> None:
            for outcome in outcomes:
                if outcome.error is not None:
                    failures.append(outcome)
                    say(_error_line(f"{outcome.name}: {outcome.error}"))

        return report

    if sys.stderr.isatty() and len(jobs) > 1:
        with _progress() as progress:
            task = progress.add_task("clean", total=len(jobs))
            report = reporter(lambda line: progress.console.print(Text(line), soft_wrap=True))

            def advance(outcomes: list[Outcome]) -> None:
                report(outcomes)
                progress.advance(task)

            outcomes = run_batch(jobs, fmt, options, workers, resume, advance)
    else:
        outcomes = run_batch(jobs, fmt, options, workers, resume, reporter(lambda line: click.echo(line, err=True)))
    skipped = sum(o.skipped for o in outcomes)
    done = len(outcomes) - skipped - len(failures)
    summary = f"clean: {done} cleaned, {len(failures)} failed"
    if skipped:
        summary += f", {skipped} skipped (up to date)"
    click.echo(f"{summary} -> {safe(str(output))}", err=True)
    return 1 if failures else 0


# --- the command -------------------------------------------------------------------------------------------------


def _run(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str,
    options: Options,
    show: bool,
    workers: int,
    resume: bool,
) -> int:
    if not paths and sys.stdin is not None and sys.stdin.isatty():
        raise click.UsageError("no PATH given and stdin is a terminal: name a file or folder, or pipe text in")
    inputs = list(paths) or [STDIN]
    if inputs.count(STDIN) > 1:
        raise click.UsageError("stdin ('-') can be read only once")
    many = len(inputs) > 1 or any(p != STDIN and (Path(p).is_dir() or is_archive(Path(p))) for p in inputs)
    if show and output is not None:
        raise click.UsageError("--explain shows the document on the terminal; it does not combine with -o")
    if output is not None and (many or output.is_dir()):
        return _run_folder(inputs, output, fmt, options, workers, resume)
    return _run_stream(inputs, output, fmt, options, show, many, workers)


def _exit_quietly_on_broken_pipe() -> NoReturn:
    # The reader went away (`clean ... | head`): stop without a traceback, and keep Python's
    # final flush from failing again on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
# A PATH that does not exist is a failed input (named, exit 1), not a usage error: the other inputs are still cleaned.
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File for one input; folder for a folder, an archive or several inputs.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format."
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read inputs (auto: sniffed).",
)
@click.option("--explain", is_flag=True, help="Show the document with removals marked, and why.")
@click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra rule file (TOML); may be repeated.",
)
@click.option("--select", default=None, help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", default=None, help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--list-rules", is_flag=True, help="List the rules in force and exit.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (output keeps the input order).",
)
@click.option("--resume", is_flag=True, help="With -o folder: skip inputs whose output is up to date.")
@click.version_option(__version__, "--version", prog_name="clean")
def main(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str,
    input_format: str,
    explain: bool,
    rule_files: tuple[Path, ...],
    select: str | None,
    ignore: str | None,
    list_rules: bool,
    jobs: int,
    resume: bool,
) -> None:
    """Remove boilerplate from scraped text and HTML; print the article.

    PATH is a file (.gz read transparently), a folder (cleaned recursively),
    an archive (.tar, .tar.gz, .tgz, .zip: each member is a document), or '-'
    for stdin. With no PATH, reads stdin.

    Exit status: 0 all inputs cleaned, 1 some input failed (each named on
    stderr; the others are still cleaned), 2 usage error.
    """
    try:
        try:
            rules = RuleSet.build(rule_files, _codes(select), _codes(ignore))
        except RuleError as exc:
            raise click.UsageError(str(exc)) from None
        if list_rules:
            _list_rules(rules)
            return
        options = Options(input_format=input_format, rules=rules)
        status = _run(paths, output, fmt, options, explain, jobs, resume)
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except BrokenPipeError:
        _exit_quietly_on_broken_pipe()
    except Exception as exc:
        _fail(describe_error(exc))
        sys.exit(1)
    sys.exit(status)


__all__ = ["main"]
