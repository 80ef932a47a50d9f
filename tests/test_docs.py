"""The docs tell the truth: every command, option and setting a user can reach is documented."""

import re
from pathlib import Path

import click

from morgue.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_every_command_and_option_is_in_the_readme():
    for name, command in main.commands.items():
        assert f"morgue {name}" in README, f"README does not show `morgue {name}`"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                flag = max(param.opts, key=len)
                assert flag in README, f"README does not mention {flag} of `morgue {name}`"


def test_every_environment_setting_is_in_the_readme():
    names = set()
    for module in ("settings.py", "home.py"):
        source = (ROOT / "src/morgue" / module).read_text()
        names |= set(re.findall(r'environ\.get\(\s*"([A-Z_]+)"', source))
        names |= set(re.findall(r'environ\["([A-Z_]+)"\]', source))
    assert names >= {"MORGUE_HOME", "DATABASE_URL", "MORGUE_SECRET_KEY"}
    for name in names:
        assert name in README, f"README does not document {name}"


def test_readme_gives_the_two_commands():
    assert "make run" in README and "make test" in README
