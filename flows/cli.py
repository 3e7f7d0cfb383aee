"""`tadasu`: the command line (contract section 2).

Exit codes (for schedulers):
  0  the run completed (rejected documents are data, not failures, up to --max-reject-rate)
  1  the run failed (a shard failed, too many documents rejected, an invariant check failed, an
     unexpected error)
  2  the run could not start: bad usage, missing input, unwritable output, invalid glossary
"""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import sys
from pathlib import Path
from typing import Any

from . import server

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

EPILOG = """\
exit codes: 0 completed (even with some rejected documents), 1 the run failed (a shard failed, or more
than --max-reject-rate of the documents read were rejected), 2 could not start
(missing input, unwritable output, invalid glossary). Output: one Parquet folder per dataset
(documents, sentences, mentions, edits, candidates) and run.json under OUT.
"""


def _offline_env() -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {value}")
    return n


def _rate(value: str) -> float:
    try:
        r = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= r <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1: {value}")
    return r


def build_parser() -> argparse.ArgumentParser:
    from .flow import DEFAULT_INPUT, DEFAULT_MAX_REJECT_RATE, DEFAULT_OUT, DEFAULT_SHARD_SIZE
    from .ingest import DEFAULT_MAX_DOC_BYTES

    p = argparse.ArgumentParser(
        prog="tadasu",
        description="Normalize noisy Japanese text against a glossary into clean, aligned, "
        "entity-tagged Parquet datasets.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser(
        "run",
        help="run the normalize-corpus flow on files and folders",
        description="Run the Prefect flow normalize-corpus: read INPUT (.txt, .md, .jsonl, .jsonl.gz, "
        ".parquet; any Japanese encoding), normalize, write the datasets under OUT. Finished shards "
        "of an earlier run with the same input, glossary, pipeline and config are reused.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("inputs", nargs="*", metavar="INPUT", help=f"files or folders (default: {DEFAULT_INPUT})")
    r.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"output folder (default: {DEFAULT_OUT})")
    r.add_argument("--glossary", default=None, metavar="DIR", help="glossary folder (default: $TADASU_GLOSSARY, else the shipped one)")
    r.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="normalize shards in N processes (default: 1)")
    r.add_argument("--dask-address", default=None, metavar="ADDR",
                   help="send shards to an existing Dask scheduler (tcp://host:8786)")
    r.add_argument("--cluster", choices=("process", "dask"), default="process",
                   help="with --workers > 1: a process pool (default) or a local Dask cluster")
    r.add_argument("--shard-size", type=_positive, default=DEFAULT_SHARD_SIZE, metavar="N",
                   help=f"documents per shard (default: {DEFAULT_SHARD_SIZE})")
    r.add_argument("--max-doc-bytes", type=_positive, default=DEFAULT_MAX_DOC_BYTES, metavar="N",
                   help=f"larger documents are rejected unread (default: {DEFAULT_MAX_DOC_BYTES})")
    r.add_argument("--fail-fast", action="store_true",
                   help="stop at the first failing document or shard instead of rejecting it")
    r.add_argument("--max-reject-rate", type=_rate, default=DEFAULT_MAX_REJECT_RATE, metavar="R",
                   help="the run fails (exit 1, output still written) when more than this share of the documents "
                   f"read is rejected; input entries skipped unread do not count (0..1, default: "
                   f"{DEFAULT_MAX_REJECT_RATE}; 1: never)")
    r.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    r.add_argument("--force", action="store_true",
                   help="write into an existing non-empty folder that tadasu did not make (it then deletes "
                   "only files it wrote; still refused if the folder already holds documents/ ... or run.json)")

    g = sub.add_parser("glossary", help="glossary tools", description="Glossary tools.")
    gsub = g.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND")
    lint = gsub.add_parser("lint", help="validate a glossary; every problem names file and line",
                           description="Validate the glossary (default: the shipped one). Exit 1 on errors.")
    lint.add_argument("dir", nargs="?", default=None, metavar="DIR")
    add = gsub.add_parser("add-candidates", help="write a run's top unknown names as glossary entries to review",
                          description="Write the most frequent candidates of a run (OUT/candidates/) as a YAML stub "
                          "of glossary entries, with count, label guess and example as comments; `canonical` is left "
                          "empty for the curator (glossary lint names each entry still to fill in).")
    add.add_argument("out", metavar="OUT", help="output folder of a tadasu run")
    add.add_argument("--top", type=_positive, default=50, metavar="N", help="the N most frequent (default: 50)")
    add.add_argument("--label", choices=("PERSON", "ORG", "PRODUCT", "LOCATION", "EVENT"), default=None,
                     help="only candidates with this label guess")
    add.add_argument("--out", dest="out_file", default=None, metavar="FILE", help="write here (default: stdout)")
    add.add_argument("--glossary", default=None, metavar="DIR", help="ids kept apart from this glossary's (default: shipped)")

    s = sub.add_parser("serve", help="serve the flow as a Prefect deployment on a schedule",
                       description="Serve normalize-corpus as a Prefect deployment (runs until stopped).")
    s.add_argument("--cron", default=None, metavar="EXPR", help='cron schedule, e.g. "0 3 * * *"')
    s.add_argument("inputs", nargs="*", metavar="INPUT", help=f"files or folders (default: {DEFAULT_INPUT})")
    s.add_argument("--out", default=DEFAULT_OUT, metavar="DIR")
    s.add_argument("--glossary", default=None, metavar="DIR")
    s.add_argument("--workers", type=_positive, default=1, metavar="N")
    return p


def _err(msg: str) -> None:
    print(f"tadasu: error: {msg}", file=sys.stderr)


def _check_output(out: Path) -> str | None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".tadasu-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        return f"output folder {out} is not writable: {e.strerror or e}"
    return None


def _check_glossary(path: str | None) -> tuple[int, str | None]:
    """(exit code, message): lint messages on stderr for an invalid glossary."""
    from .process import GlossaryUnavailable, load_glossary

    try:
        load_glossary(path)
    except GlossaryUnavailable as e:
        return EXIT_USAGE, str(e)
    except Exception as e:  # noqa: BLE001 - show the linter's messages, not a traceback
        try:
            import contextlib

            from glossary import main_lint  # type: ignore[attr-defined]

            with contextlib.redirect_stdout(sys.stderr):  # a failed run reports on stderr only
                main_lint(path)
        except Exception:  # noqa: BLE001
            print(str(e), file=sys.stderr)
        where = path or "the shipped glossary"
        return EXIT_USAGE, f"invalid glossary {where} ({type(e).__name__}); see the messages above"
    return EXIT_OK, None


def _check_run(args: argparse.Namespace) -> tuple[int, Any]:
    """What a run needs, checked before anything starts: (exit code, what `discover` found)."""
    from .ingest import InputError, discover
    from .output import OutputRefused, check_target

    inputs = args.inputs or [_default_input()]
    try:
        discovered = discover(inputs)
    except InputError as e:
        _err(str(e))
        return EXIT_USAGE, None
    try:  # before anything is written there (the check below writes a probe file)
        check_target(args.out, inputs, args.force)
    except OutputRefused as e:
        _err(str(e))
        return EXIT_USAGE, None
    msg = _check_output(Path(args.out))
    if msg:
        _err(msg)
        return EXIT_USAGE, None
    if args.glossary and not Path(args.glossary).exists():
        _err(f"glossary not found: {args.glossary}")
        return EXIT_USAGE, None
    code, msg = _check_glossary(args.glossary)
    if code:
        _err(msg)
    return code, discovered


def cmd_run(args: argparse.Namespace, early: server.TemporaryServer | None = None) -> int:
    from .output import OutputRefused

    code, discovered = _check_run(args)
    if code:
        return code
    inputs = args.inputs or None

    _start_workers_early(args)
    interactive = sys.stderr.isatty() and not args.no_progress  # (log level: see main)
    from .flow import add_progress_callback, normalize_corpus, prime_plan, remove_progress_callback

    params = dict(
        inputs=[str(p) for p in (inputs or [_default_input()])],
        out=str(args.out),
        glossary=args.glossary,
        workers=args.workers,
        dask_address=args.dask_address,
        shard_size=args.shard_size,
        fail_fast=args.fail_fast,
        max_doc_bytes=args.max_doc_bytes,
        cluster=args.cluster,
        force=args.force,
        max_reject_rate=args.max_reject_rate,
    )
    from prefect.logging import get_logger

    if early is not None:  # the server is still booting: plan meanwhile
        prime_plan(params["inputs"], args.shard_size, args.max_doc_bytes, discovered)
    server.use(early, get_logger("tadasu"))
    progress = None
    callback = None
    if interactive:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("[bold]normalizing[/] shards"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[docs]} docs"), TimeElapsedColumn(), transient=True)
        bar = progress.add_task("shards", total=None, docs=0)

        def callback(done: int, total: int, docs: int) -> None:
            progress.update(bar, completed=done, total=total, docs=f"{docs:,}")

        add_progress_callback(callback)
        progress.start()
    try:
        state = normalize_corpus(**params, return_state=True)
    except KeyboardInterrupt:
        _err("interrupted; rerun the same command to resume")
        return 130
    finally:
        if progress is not None:
            progress.stop()
            remove_progress_callback(callback)
    if not state.is_completed():
        try:
            state.result()
            detail = state.message or state.name
        except OutputRefused as e:  # taken meanwhile by another run (the check above passed)
            _err(str(e))
            return EXIT_USAGE
        except Exception as e:  # noqa: BLE001
            detail = f"{type(e).__name__}: {e}" if type(e).__name__ == "RunFailed" else f"{type(e).__name__}: {e}"
        _err(f"run failed: {str(detail).splitlines()[0] if detail else state.name}")
        return EXIT_FAILED
    run = state.result()
    _print_summary(run)
    return EXIT_OK


def _start_workers_early(args: argparse.Namespace) -> None:
    """`--workers N > 1`: start the N worker processes now, so that they load the normalizer
    while this process plans the input and the temporary server boots; the flow takes them
    (`pool.take`)."""
    from normalizers import NormalizeConfig

    from . import pool

    if pool.wanted(args.workers, args.dask_address, args.cluster):
        pool.start_early(args.workers, args.glossary, NormalizeConfig().to_dict())


def _default_input() -> str:
    from .flow import DEFAULT_INPUT

    return DEFAULT_INPUT


def _print_summary(run: dict) -> None:
    d = run["documents"]
    sh = run["shards"]
    thr = run["throughput"]
    reasons = ", ".join(f"{k} {v}" for k, v in d["rejected_by_reason"].items()) or "none"
    labels = ", ".join(f"{k} {v}" for k, v in run["mentions_by_label"].items()) or "none"
    lines = [
        f"tadasu: {d['total']:,} documents: {d['ok']:,} ok, {d['rejected']:,} rejected ({reasons})",
        f"  mentions: {labels}; candidates: {run['candidates']:,}",
        f"  shards: {sh['processed']} processed, {sh['skipped']} reused; {run['seconds']:.1f} s, "
        f"{thr['docs_per_s']:.1f} docs/s, {thr['mb_per_s']:.2f} MB/s, workers {run['workers']}",
        f"  output: {run['out']} (run.json)",
    ]
    print("\n".join(lines))


def cmd_glossary(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.glossary_command == "add-candidates":
        from glossary.add_candidates import main_add_candidates

        return main_add_candidates(args.out, args.top, args.label, args.out_file, args.glossary)
    if args.glossary_command != "lint":
        parser.parse_args(["glossary", "--help"])
        return EXIT_USAGE
    try:
        from glossary import main_lint  # type: ignore[attr-defined]
    except ImportError as e:
        _err(f"the glossary package is not available: {e}")
        return EXIT_USAGE
    return int(main_lint(args.dir) or 0)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from .deploy import configured_api_url, serve
    except ImportError as e:
        _err(f"serving is not available: {e}")
        return EXIT_USAGE
    if not configured_api_url():
        # Without a server, Prefect would serve against a temporary one that stops with this
        # process: nobody could trigger or schedule its runs, and it waited forever.
        _err("tadasu serve needs a running Prefect server: set PREFECT_API_URL "
             "(e.g. PREFECT_API_URL=http://127.0.0.1:4200/api, or `prefect config set PREFECT_API_URL=...`); "
             "start one with `prefect server start` (see the README, \"Schedules\")")
        return EXIT_USAGE
    params = dict(out=args.out, glossary=args.glossary, workers=args.workers)
    if args.inputs:
        params["inputs"] = args.inputs
    serve(args.cron, **params)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    _offline_env()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["run"] and "--no-progress" not in argv and sys.stderr.isatty():
        # A progress bar, not log lines, on a terminal; read when Prefect is imported (below).
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Before the imports below (~2.8 s): the temporary server a run needs boots meanwhile.
    early = server.start_early(argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        try:
            if args.command == "run":
                return cmd_run(args, early)
            if args.command == "glossary":
                return cmd_glossary(args, parser)
            if args.command == "serve":
                return cmd_serve(args)
        except KeyboardInterrupt:
            return 130
        parser.print_help()
        return EXIT_USAGE
    finally:
        if early is not None and not early.in_use:
            early.stop()  # the run never started (bad usage) or used another server


def entry() -> None:
    """The `tadasu` command: `main`, and after a run no interpreter teardown.

    Tearing down what a run leaves in memory (Prefect, the glossary, polars) took 0.55 s of a
    5.5 s run on data/sample and writes nothing: by then every output file is written and
    closed, and the exit handlers have run (Prefect's log and event senders, the temporary
    server's stop). Registered before anything else, this handler runs after all the others."""
    code: list[int] = []

    def exit_now() -> None:
        if code:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code[0])

    if sys.argv[1:2] == ["run"]:
        atexit.register(exit_now)
    code.append(main())
    sys.exit(code[0])


if __name__ == "__main__":
    entry()
