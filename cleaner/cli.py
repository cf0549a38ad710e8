"""The `clean` command: a thin shell over the library. I/O lives here and in batch."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cleaner import __version__
from cleaner.batch import Job, Outcome, output_name, plan, run_batch, write_atomic
from cleaner.explain import explain, rules_table, safe
from cleaner.model import Result
from cleaner.pipeline import INPUT_FORMATS, Options, clean_bytes
from cleaner.render import FORMATS, render, to_dict
from cleaner.rules import Rule, RuleError, RuleSet

STDIN = "-"


def _codes(value: str | None) -> list[str]:
    return [c for c in (value or "").replace(" ", ",").split(",") if c]


def _fail(message: str) -> None:
    click.echo(f"clean: error: {safe(message)}", err=True)


def _stdout_console() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=True)


def _emit(text: str) -> None:
    """Write document output to stdout, inert if stdout is a terminal."""
    click.echo(safe_for_terminal(text), nl=False)


def safe_for_terminal(text: str) -> str:
    if sys.stdout.isatty():
        return "\n".join(safe(line) for line in text.split("\n"))
    return text


def _read_input(name: str) -> bytes:
    if name == STDIN:
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _list_rules(rules: RuleSet) -> None:
    if sys.stdout.isatty():
        _stdout_console().print(rules_table(rules.rules))
        return
    for rule in rules.rules:
        kind = "pattern" if isinstance(rule, Rule) else "structural"
        click.echo(f"{rule.code}\t{rule.category}\t{rule.name}\t{kind}\t{rule.reason}")


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )


def _run_folder_jobs(jobs: list[Job], fmt: str, options: Options, workers: int, resume: bool) -> int:
    failures: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        if outcome.error is not None:
            failures.append(outcome)
            _fail(f"{outcome.path}: {outcome.error}")

    if sys.stderr.isatty() and len(jobs) > 1:
        with _progress() as progress:
            task = progress.add_task("clean", total=len(jobs))

            def advance(outcome: Outcome) -> None:
                progress.advance(task)
                report(outcome)

            outcomes = run_batch(jobs, fmt, options, workers, resume, advance)
    else:
        outcomes = run_batch(jobs, fmt, options, workers, resume, report)
    skipped = sum(o.skipped for o in outcomes)
    done = len(outcomes) - skipped - len(failures)
    summary = f"clean: {done} cleaned, {len(failures)} failed"
    if skipped:
        summary += f", {skipped} skipped (up to date)"
    click.echo(summary, err=True)
    return 1 if failures else 0


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=str))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File for one input; folder for a folder (required then)."
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
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes for folders."
)
@click.option("--resume", is_flag=True, help="Skip inputs whose output is already up to date.")
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

    PATH is a file, a folder (cleaned recursively into -o), or '-' for stdin.
    With no PATH, reads stdin.
    """
    try:
        rules = RuleSet.build(rule_files, _codes(select), _codes(ignore))
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    if list_rules:
        _list_rules(rules)
        return
    options = Options(input_format=input_format, rules=rules)
    inputs = list(paths) or [STDIN]
    folders = [Path(p) for p in inputs if p != STDIN and Path(p).is_dir()]
    if folders or (output is not None and len(inputs) > 1):
        sys.exit(_run_many(inputs, folders, output, fmt, options, jobs, resume))
    sys.exit(_run_files(inputs, output, fmt, options, explain))


def _run_many(
    inputs: list[str], folders: list[Path], output: Path | None, fmt: str, options: Options, workers: int, resume: bool
) -> int:
    if output is None:
        raise click.UsageError("a folder needs -o/--output OUT: the folder to write cleaned files to")
    if STDIN in inputs:
        raise click.UsageError("stdin ('-') cannot be mixed with folders or several files")
    if output.exists() and not output.is_dir():
        raise click.UsageError(f"-o {output}: exists and is not a folder")
    for folder in folders:
        if _inside(output, folder):
            raise click.UsageError(f"-o {output}: refusing to write inside the input folder {folder}")
    jobs: list[Job] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            jobs.extend(plan(path, output, fmt))
        else:
            jobs.append(Job(path, output / output_name(Path(path.name), fmt)))
    targets = [job.out for job in jobs]
    if len(set(targets)) != len(targets):
        raise click.UsageError("two inputs would be written to the same output file")
    return _run_folder_jobs(jobs, fmt, options, workers, resume)


def _run_files(inputs: list[str], output: Path | None, fmt: str, options: Options, show: bool) -> int:
    if output is not None and inputs[0] != STDIN and output.resolve() == Path(inputs[0]).resolve():
        raise click.UsageError(f"-o {output}: refusing to overwrite the input")
    status = 0
    results: list[Result] = []
    for name in inputs:
        source = "<stdin>" if name == STDIN else name
        try:
            result = clean_bytes(_read_input(name), options, source=source)
        except (OSError, ValueError, RecursionError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            _fail(f"{source}: {message}")
            status = 1
            continue
        results.append(result)
        if show:
            explain(result, _stdout_console())
        elif output is None and not (fmt == "json" and len(inputs) > 1):
            _emit(render(result, fmt))
    if output is not None and results:
        write_atomic(output, render(results[0], fmt))
    elif fmt == "json" and len(inputs) > 1 and not show:
        _emit(json.dumps([to_dict(r) for r in results], ensure_ascii=False, indent=2) + "\n")
    return status


__all__ = ["main"]
