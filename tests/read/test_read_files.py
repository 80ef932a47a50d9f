"""Finding files: folders, hidden names, order, links, and paths that are not readable files."""

import json
import os
import socket
import tempfile
from pathlib import Path

import pytest

from morgue.read.document import Rejection, SourceLocation
from morgue.read.sources import read_sources

from .builders import documents, page, read_all, rejections

NOBODY = 65534


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b/2.html", "b/10.html", "a.txt", "c/deep/er/x.html", "B.html"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page(name))

    items = read_all([tmp_path])

    assert [doc.location.path for doc in items] == [
        str(tmp_path / name) for name in ["B.html", "a.txt", "b/10.html", "b/2.html", "c/deep/er/x.html"]
    ]
    assert [doc.data for doc in items] == [
        page(name) for name in ["B.html", "a.txt", "b/10.html", "b/2.html", "c/deep/er/x.html"]
    ]


def test_rerun_sees_the_same_locations(tmp_path):
    for i in range(20):
        (tmp_path / f"{(i * 7) % 20}.html").write_bytes(page(str(i)))

    first = [item.location.key() for item in read_sources([tmp_path])]
    second = [item.location.key() for item in read_sources([tmp_path])]

    assert first == second and len(first) == 20


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index.html").write_bytes(page("git"))
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "story.html").write_bytes(page("Story"))

    items = read_all([tmp_path])

    assert [doc.location.path for doc in items] == [str(tmp_path / "story.html")]


def test_hidden_files_are_read_when_asked_to(tmp_path):
    (tmp_path / ".hidden.html").write_bytes(page("Hidden"))

    assert read_all([tmp_path]) == []
    assert len(read_all([tmp_path], skip_hidden=False)) == 1
    # Named explicitly, a hidden file is read whatever the option says.
    assert len(read_all([tmp_path / ".hidden.html"])) == 1


def test_unclassifiable_files_are_rejected_not_dropped(tmp_path):
    (tmp_path / "notes.md").write_bytes(b"# Notes for the desk\n")

    [rejection] = read_all([tmp_path])

    assert rejection == Rejection(
        SourceLocation(str(tmp_path / "notes.md")),
        "unknown-format",
        "text in a .md file, not a kind of document that is read",
    )


def test_locations_are_absolute_and_resolved(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_bytes(page("A"))
    monkeypatch.chdir(tmp_path / "sub")

    [doc] = read_all(["a.html"])
    [missing] = read_all(["../nothing.html"])

    assert doc.location.path == str(tmp_path / "sub" / "a.html")
    assert missing.location.path == str(tmp_path / "nothing.html")


def test_single_path_string_is_one_path(tmp_path):
    (tmp_path / "a.html").write_bytes(page("A"))

    assert len(documents(read_sources(str(tmp_path / "a.html")))) == 1


def test_missing_path_is_not_found_and_the_run_goes_on(tmp_path):
    (tmp_path / "here.html").write_bytes(page("Here"))

    items = read_all([tmp_path / "gone.html", tmp_path / "here.html"])

    assert items[0] == Rejection(
        SourceLocation(str(tmp_path / "gone.html")),
        "not-found",
        "no such file or folder (or a symbolic link to nothing)",
    )
    assert items[1].data == page("Here")


def test_fifo_socket_and_device_are_not_a_file_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe")  # opening this for reading would block for ever
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        items = read_all([tmp_path, "/dev/null"])
    finally:
        server.close()

    assert [(item.location.path, item.reason) for item in items] == [
        (str(tmp_path / "pipe"), "not-a-file"),
        (str(tmp_path / "sock"), "not-a-file"),
        ("/dev/null", "not-a-file"),
    ]
    assert [item.detail for item in items] == [
        "a FIFO (named pipe), not a regular file",
        "a socket, not a regular file",
        "a device, not a regular file",
    ]


def test_symlinks_in_a_folder_are_not_followed_but_listed_with_their_target(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "story.html").write_bytes(page("Story"))
    (tmp_path / "src" / "passwd.html").symlink_to("/etc/passwd")  # the attack: publish a system file
    (tmp_path / "src" / "copy.html").symlink_to(tmp_path / "src" / "story.html")

    items = read_all([tmp_path / "src"])

    assert [doc.location.path for doc in documents(items)] == [str(tmp_path / "src" / "story.html")]
    assert [(Path(r.location.path).name, r.reason) for r in rejections(items)] == [
        ("copy.html", "symlink"), ("passwd.html", "symlink"),
    ]
    assert "/etc/passwd" in rejections(items)[1].detail and "--follow-symlinks" in rejections(items)[1].detail


def test_follow_symlinks_reads_links_inside_the_sources_only(tmp_path):
    (tmp_path / "src" / "a").mkdir(parents=True)
    (tmp_path / "src" / "a" / "story.html").write_bytes(page("Story"))
    (tmp_path / "outside.html").write_bytes(page("Outside"))
    (tmp_path / "src" / "b.html").symlink_to(tmp_path / "src" / "a" / "story.html")  # the same file again
    (tmp_path / "src" / "c.html").symlink_to(tmp_path / "outside.html")
    (tmp_path / "src" / "d.html").symlink_to("/etc/passwd")

    items = read_all([tmp_path / "src"], follow_symlinks=True)

    # The link inside is followed, and the file it names read once, at its real place.
    assert [doc.location.path for doc in documents(items)] == [str(tmp_path / "src" / "a" / "story.html")]
    assert [(Path(r.location.path).name, r.reason) for r in rejections(items)] == [
        ("c.html", "outside-sources"), ("d.html", "outside-sources"),
    ]


def test_symlink_loops_end(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.html").write_bytes(page("Story"))
    (tmp_path / "a" / "back").symlink_to(tmp_path)  # a link to a parent folder
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")

    items = read_all([tmp_path], follow_symlinks=True)

    assert [doc.location.path for doc in documents(items)] == [str(tmp_path / "a" / "story.html")]
    assert [(item.location.path.rsplit("/", 1)[1], item.reason) for item in items[1:]] == [
        ("nowhere", "not-found"),
        ("self", "not-found"),
    ]
    assert "loops" in items[2].detail


def test_a_path_named_twice_is_read_once(tmp_path):
    (tmp_path / "story.html").write_bytes(page("Story"))
    items = read_all([tmp_path / "story.html", tmp_path, tmp_path / "story.html"])
    assert len(items) == 1


def test_linked_file_named_on_the_command_line_is_located_at_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "story.html").write_bytes(page("Story"))
    (tmp_path / "link.html").symlink_to(tmp_path / "real" / "story.html")

    items = read_all([tmp_path / "link.html"])

    assert items[0].location.path == str(tmp_path / "real" / "story.html")


def _read_as_nobody(paths) -> list[tuple[str, str]]:
    """Run read_sources in a child process without root's rights; return (path, reason-or-kind) pairs.

    Root reads a chmod 000 file anyway, so the child drops to ``nobody``
    first when the tests run as root.
    """
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            result = [
                (item.location.path, getattr(item, "reason", None) or item.kind) for item in read_sources(paths)
            ]
            with os.fdopen(write_end, "w") as out:
                json.dump(result, out)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        output = answer.read()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the reader failed in the child process"
    return [tuple(pair) for pair in json.loads(output)]


@pytest.fixture
def open_folder():
    """A folder that ``nobody`` may enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="morgue-read-"))
    folder.chmod(0o755)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o700)
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()


def test_unreadable_file_is_rejected_and_the_run_goes_on(open_folder):
    (open_folder / "a-locked.html").write_bytes(page("Locked"))
    (open_folder / "a-locked.html").chmod(0o000)
    (open_folder / "b-open.html").write_bytes(page("Open"))
    (open_folder / "b-open.html").chmod(0o644)

    result = _read_as_nobody([str(open_folder)])

    assert result == [
        (str(open_folder / "a-locked.html"), "unreadable"),
        (str(open_folder / "b-open.html"), "html"),
    ]


def test_unreadable_folder_is_rejected_and_the_run_goes_on(open_folder):
    (open_folder / "locked").mkdir()
    (open_folder / "locked" / "x.html").write_bytes(page("X"))
    (open_folder / "locked").chmod(0o000)
    (open_folder / "open.html").write_bytes(page("Open"))
    (open_folder / "open.html").chmod(0o644)

    result = _read_as_nobody([str(open_folder)])

    assert result == [
        (str(open_folder / "locked"), "unreadable"),
        (str(open_folder / "open.html"), "html"),
    ]
