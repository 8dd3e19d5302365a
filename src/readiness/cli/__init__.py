"""The command line: typer commands (:mod:`readiness.cli.app`) that parse arguments and call the library."""

import atexit
import gc


def main() -> None:
    """Run the command line with the cyclic collector off: a short run whose objects all live to the end.

    Start-up allocates a few hundred thousand objects (pydantic, typer, the compiled rubric), none of them
    garbage; the collector would walk them repeatedly, and once more at exit. Freezing them at exit skips
    that last walk. The portfolio turns the collector back on (long runs). A caller's setting is restored.
    Usage errors are reported in the project's own style (:mod:`readiness.cli.usage`), signals and a closed
    pipe end the run with the exit codes a shell expects (:mod:`readiness.cli.streams`).
    """
    import sys

    from readiness.cli import streams
    from readiness.common import bytecode

    bytecode.ensure()

    collecting = gc.isenabled()
    gc.disable()
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    code: int | str | None = 0
    try:
        streams.configure()
        code = _run()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt as exc:  # outside a command (while starting up or parsing arguments)
        code = streams.exit_code_of(exc)
    except BrokenPipeError:
        streams.silence_stdout()
        code = streams.EXIT_BROKEN_PIPE
    finally:
        if collecting:
            gc.enable()
    failed = streams.flush()
    if code in (streams.EXIT_INTERRUPTED, streams.EXIT_TERMINATED):
        # Interrupted: skip interpreter teardown, where a worker pool's feeder thread may still write to a closed
        # pipe and print "Exception ignored" noise after the clean message. Everything was flushed above.
        import contextlib
        import os

        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os._exit(code)
    sys.exit(failed if failed is not None and not code else code)


def _run() -> int:
    import sys

    from readiness.cli import streams, usage
    from readiness.cli.app import command_line

    try:
        code = command_line(sys.argv[1:]).main(prog_name="readiness", standalone_mode=False)
    except Exception as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, KeyboardInterrupt):  # click turns an interrupt into Abort
            return streams.exit_code_of(cause)
        if isinstance(exc, BrokenPipeError) or not usage.is_cli_exception(exc):
            raise
        return usage.report(exc)
    return code if isinstance(code, int) else 0
