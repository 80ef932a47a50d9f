"""The `morgue` command group, and the one place where errors become messages.

Every command is registered on ``main`` by its module in this package. An
error morgue raises on purpose (MorgueError) and a fault of the machine (a
full disk, a locked database; see ``morgue.faults``) reach the user as one
line and a non-zero exit; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from morgue import __version__
from morgue.errors import MorgueError
from morgue.faults import explain

HOME_HELP = "Archive home folder (database, originals). Default: $MORGUE_HOME or ./morgue-archive."


class MorgueGroup(click.Group):
    """A click group whose commands' known errors are printed as one line, never as a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            message = message_of(exc)
            if message is None:
                raise
            raise click.ClickException(message) from exc


def message_of(exc: BaseException) -> str | None:
    """Return the one line a user is shown for ``exc``, or None when it is a bug (whose traceback is worth having)."""
    if isinstance(exc, MorgueError):
        return str(exc)
    if type(exc).__name__ == "ImproperlyConfigured":  # Django's, from the settings the environment gave
        return str(exc)
    return explain(exc)


def home_of(ctx: click.Context) -> Path:
    """Return the archive home the command line names (--home, else MORGUE_HOME, else ./morgue-archive)."""
    from morgue.home import archive_home

    named = ctx.find_root().obj.get("home")
    return Path(named).expanduser().resolve() if named else archive_home()


def setup_home(ctx: click.Context, migrate: bool = True, *, existing: bool = False) -> Path:
    """Open the archive home named on the command line (created unless ``existing``); return it."""
    from morgue.django_setup import setup

    return setup(ctx.obj.get("home"), migrate=migrate, existing=existing)


@click.group(cls=MorgueGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), envvar="MORGUE_HOME", help=HOME_HELP)
@click.option("--debug", is_flag=True, help="Show the full traceback of an error instead of its one-line message.")
@click.version_option(__version__, prog_name="morgue")
@click.pass_context
def main(ctx: click.Context, home: str | None, debug: bool) -> None:
    """morgue: keep a newspaper's legacy archive byte for byte, extract its articles, publish them.

    \b
    Start:   morgue demo, then morgue serve (a demo paper at http://127.0.0.1:8000/)
    Yours:   morgue init --name "The Paper", morgue ingest PATH..., morgue serve
    Errors are one line; --debug shows the traceback. `morgue COMMAND --help` tells more.
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home
    ctx.obj["debug"] = debug
