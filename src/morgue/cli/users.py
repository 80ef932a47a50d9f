"""`morgue user`: accounts from the command line."""

from __future__ import annotations

import sys

import click

from morgue.cli.app import main, setup_home
from morgue.cli.words import count


@main.group()
def user():
    """Accounts: create readers, editors and admins; list them."""


@user.command("create", short_help="Add a reader, editor (--editor) or admin (--admin)")
@click.argument("name")
@click.option("--editor", is_flag=True, help="Put the user in the editors group (the editors' desk).")
@click.option("--admin", is_flag=True, help="Make the user an admin (users and roles, Django admin); admins are editors too.")
@click.option("--email", default="", help="The user's e-mail address (for password reset).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input instead of a prompt.")
@click.pass_context
def user_create(ctx, name, editor, admin, email, password_stdin):
    """Create the account NAME (a reader unless --editor or --admin); the password is asked for."""
    setup_home(ctx, existing=True)
    from morgue.accounts.roles import AccountError, create_account, role_of

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise click.ClickException("a password is needed")
    try:
        account = create_account(name, password, email=email, editor=editor, admin=admin)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {account.username} ({role_of(account)})")


@user.command("list", short_help="List the accounts and their roles")
@click.pass_context
def user_list(ctx):
    """List the accounts with their role, e-mail address and last sign-in."""
    setup_home(ctx, existing=True)
    from django.contrib.auth import get_user_model
    from morgue.accounts.roles import role_of

    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    click.echo(f"{'user':<24} {'role':<7} {'active':<6} {'last sign-in':<17} e-mail")
    for account in users:
        last = f"{account.last_login:%Y-%m-%d %H:%M}" if account.last_login else "never"
        click.echo(f"{account.username:<24} {role_of(account):<7} {'yes' if account.is_active else 'no':<6} {last:<17} {account.email}")
    click.echo(f"{count(users.count(), 'account')}")
