"""Location keys that cannot collide: rewrite the keys of earlier runs that the new escaping changes.

Before, a key was path + "!" + member + "@" + offset, unescaped, so a file
named ``x.zip!m.html`` and member ``m.html`` of ``x.zip`` shared one key.
Keys are now escaped (see ``morgue.read.document.escape_key_part``); only
paths holding one of ``\\ ! @ #`` and members holding ``\\ @ #`` change, so
only those rows are read. A stored member's "!" is taken as the nesting
separator it almost always was.
"""

from django.db import migrations
from django.db.models import Q

from morgue.read.document import SourceLocation, member_segment


def _new_key(row) -> str:
    member = "!".join(member_segment(part) for part in row.member.split("!")) if row.member else ""
    return SourceLocation(row.path, member, row.offset).key()


def rewrite_keys(apps, schema_editor):
    import hashlib

    for model_name in ("SourceLocation", "Rejection"):
        model = apps.get_model("archive", model_name)
        changed = Q()
        for char in "\\!@#":
            changed |= Q(path__contains=char)
        for char in "\\@#":
            changed |= Q(member__contains=char)
        batch = []
        for row in model.objects.filter(changed).iterator(chunk_size=1000):
            row.key = _new_key(row)
            row.key_hash = hashlib.sha256(row.key.encode("utf-8", "surrogateescape")).hexdigest()
            batch.append(row)
            if len(batch) >= 1000:
                model.objects.bulk_update(batch, ["key", "key_hash"])
                batch = []
        model.objects.bulk_update(batch, ["key", "key_hash"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_search_outbox")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
