"""The command line: typer commands (:mod:`readiness.cli.app`) that parse arguments and call the library."""

import atexit
import gc


def main() -> None:
    """Run the command line with the cyclic collector off: a short run whose objects all live to the end.

    Start-up allocates a few hundred thousand objects (pydantic, typer, the compiled rubric), none of them
    garbage; the collector would walk them repeatedly, and once more at exit. Freezing them at exit skips
    that last walk. The portfolio turns the collector back on (long runs). A caller's setting is restored.
    """
    import sys

    from readiness.cli import streams

    collecting = gc.isenabled()
    gc.disable()
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    code: int | str | None = 0
    try:
        streams.configure()
        from readiness.cli.app import app

        app()
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
    sys.exit(failed if failed is not None and not code else code)
