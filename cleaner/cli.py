"""The `clean` command: options mapped onto the engine (run.py), then a summary and an exit status.

Stream mode prints the documents to stdout (or the one ``-o`` file); folder mode writes each below ``-o OUT``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

import click
from rich.text import Text

from cleaner import __version__
from cleaner.inputs.archives import is_archive
from cleaner.inputs.read import STDIN, describe_error, read_inputs
from cleaner.options import MarkupOptions
from cleaner.outputs import FORMATS, ONE_DOCUMENT, REGISTRY, terminal
from cleaner.outputs.write import StreamWriter, write_atomic
from cleaner.pipeline import INPUT_FORMATS, Options
from cleaner.rules import RuleError, RuleSet
from cleaner.run import Outcome, PlanError, Settings, folder_items, plan_folder, run


def _codes(value: str | None) -> list[str]:
    return [c for c in (value or "").replace(" ", ",").split(",") if c]


def _fail(message: str) -> None:
    click.echo(terminal.error_line(message), err=True)


def _run_stream(
    inputs: list[str], output: Path | None, fmt: str, options: Options, show: bool, many: bool, workers: int
) -> int:
    if output is not None and inputs[0] != STDIN and output.resolve() == Path(inputs[0]).resolve():
        raise click.UsageError(f"-o {output}: refusing to overwrite the input")
    settings = Settings(options, fmt, pretty=output is None and sys.stdout.isatty(), keep_result=show)
    writer = StreamWriter(REGISTRY[fmt].framing if many else ONE_DOCUMENT, terminal.emit)
    console = terminal.stdout_console() if show else None
    status = 0
    for outcome in run(read_inputs(inputs), settings, workers):
        if outcome.error is not None:
            _fail(f"{outcome.name}: {outcome.error}")
            status = 1
        elif console is not None and outcome.result is not None:
            if writer.count:
                console.print()
            terminal.explain(outcome.result, console)
            writer.count += 1
        elif output is not None:
            try:
                write_atomic(output, outcome.rendered or "")
            except Exception as exc:
                _fail(f"{outcome.name}: {describe_error(exc)}")
                status = 1
        else:
            writer.add(outcome.rendered or "")
    if console is None and output is None:
        writer.close()
    return status


def _summarise(outcomes: Iterable[Outcome], say: Callable[[str], None], advance: Callable[[], None]) -> list[int]:
    """Each failure said as it comes; counts of cleaned, failed and skipped documents."""
    counts = [0, 0, 0]
    for outcome in outcomes:
        if outcome.error is not None:
            say(terminal.error_line(f"{outcome.name}: {outcome.error}"))
        counts[1 if outcome.error is not None else 2 if outcome.skipped else 0] += 1
        advance()
    return counts


def _run_folder(inputs: list[str], output: Path, fmt: str, options: Options, workers: int, resume: bool) -> int:
    try:
        plan = plan_folder(inputs, output, fmt)
    except PlanError as exc:
        raise click.UsageError(str(exc)) from None
    settings = Settings(options, fmt, out_dir=output)
    outcomes = run(folder_items(plan, settings, resume), settings, workers if len(plan) > 1 else 1)
    if sys.stderr.isatty() and len(plan) > 1:
        with terminal.progress() as bar:
            # An archive's members are documents of their own: its count is known only once it is read.
            task = bar.add_task("clean", total=None if any(entry.archive for entry in plan) else len(plan))

            def say(line: str) -> None:
                bar.console.print(Text(line), soft_wrap=True)

            done, failed, skipped = _summarise(outcomes, say, lambda: bar.advance(task))
    else:
        done, failed, skipped = _summarise(outcomes, lambda line: click.echo(line, err=True), lambda: None)
    summary = f"clean: {done} cleaned, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped (up to date)"
    click.echo(f"{summary} -> {terminal.safe(str(output))}", err=True)
    return 1 if failed else 0


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
@click.option("--formatting", is_flag=True, help="markdown/html: keep emphasis, strong, inline code (HTML input).")
@click.option("--links", is_flag=True, help="markdown/html: keep links (HTML input).")
@click.option("--images", is_flag=True, help="markdown/html: keep images, with their alt text (HTML input).")
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
    formatting: bool,
    links: bool,
    images: bool,
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
            terminal.list_rules(rules)
            return
        markup = MarkupOptions(formatting=formatting, links=links, images=images)
        options = Options(input_format=input_format, rules=rules, markup=markup)
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
