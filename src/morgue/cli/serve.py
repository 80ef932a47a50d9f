"""`morgue serve`: the archive website."""

from __future__ import annotations

import click

from morgue.cli.app import home_of, main, setup_home
from morgue.faults import explain


@main.command(short_help="Serve the archive website")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", type=click.IntRange(min=1),
              help="Threads per process (default: 8 with one process; 1 with --workers, each process answering "
                   "one request at a time, which spreads the load best).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Processes; above 1 the site runs on gunicorn (one or two per core; put nginx in front "
                   "for clients on the internet).")
@click.pass_context
def serve(ctx, host, port, threads, workers):
    """Serve the archive website (production WSGI server: waitress, or gunicorn with --workers). Ctrl-C stops it."""
    from morgue.django_setup import read_only_if_disk_full, require_archive

    require_archive(home_of(ctx))
    check_free(host, port)
    full = read_only_if_disk_full(home_of(ctx))
    if full:
        click.echo(f"warning: {full}\nServing the archive read-only until then: reading and search work; "
                   "sign-in, corrections and new pages in the cache wait for space.", err=True)
    home = setup_home(ctx, migrate=not full, existing=True)
    from django.conf import settings

    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append(host)
    from morgue.archive.searching import IndexFeeder, catch_up

    try:
        catch_up()
    except Exception as exc:  # noqa: BLE001 - reading works without an up-to-date index; say why and serve
        click.echo(f"warning: the search index was not brought up to date ({explain(exc) or exc}); "
                   "the site serves, and search catches up once this is mended", err=True)
    click.echo(f"Serving the archive in {settings.HOME} at http://{host}:{port}/  (Ctrl-C stops it)")
    if workers > 1:
        from morgue.web.serving import serve_with_workers

        serve_with_workers(home, host, port, workers, threads or 1)
        return
    import waitress
    from morgue.wsgi import application

    IndexFeeder().start()  # corrections reach search within a second
    waitress.serve(application, host=host, port=port, threads=threads or 8, ident="morgue")


def check_free(host: str, port: int) -> None:
    """Raise ClickException, naming the port and another to try, if ``host:port`` cannot be listened on."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot listen on {host!r} ({exc.strerror}): choose another --host "
                                   "(127.0.0.1, or 0.0.0.0 for every address)") from exc
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(f"port {port} on {host} is already in use (is morgue or another server running there?): "
                                           f"choose another with --port, e.g. --port {port + 1 if port < 65535 else 8000}") from exc
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise click.ClickException(f"this user may not listen on port {port} (ports below 1024 need root): "
                                           "choose another with --port, e.g. --port 8000") from exc
            raise
