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

    import typer

    from readiness.cli import usage
    from readiness.cli.app import app

    collecting = gc.isenabled()
    gc.disable()
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    try:
        code = typer.main.get_command(app).main(prog_name="readiness", standalone_mode=False)
    except Exception as exc:
        if not usage.is_cli_exception(exc):
            raise
        code = usage.report(exc)
    finally:
        if collecting:
            gc.enable()
    sys.exit(code if isinstance(code, int) else 0)
