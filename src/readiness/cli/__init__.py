"""The command line: typer commands that parse arguments and call the library (:mod:`readiness.api`)."""


def main() -> None:
    from readiness.cli.launch import main as run

    run()
