"""The archive's tables: originals, where they were found, articles and their revisions.

Two rules shape them (DESIGN.md): originals are never rewritten, and
revisions are never edited or deleted — an article's current text is its
newest revision, copied onto the article row only so lists are fast.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from morgue.archive.chain import revision_hash


class AppendOnlyError(Exception):
    """Raised when code tries to edit or delete a row that may only be appended."""


class IngestRun(models.Model):
    """One `morgue ingest` run: what it was asked to read and what it counted."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    paths = models.JSONField(default=list)
    workers = models.PositiveIntegerField(default=1)
    # running, finished, failed; "interrupted" when the process running it was found gone (killed).
    status = models.CharField(max_length=16, default="running")
    pid = models.IntegerField(null=True, blank=True)  # the process running it, while it runs
    host = models.CharField(max_length=255, blank=True, default="")  # ... and the machine it runs on
    # Every document read is stored, rejected or already known: documents = stored + rejected + skipped.
    documents = models.PositiveIntegerField(default=0)  # raw documents and rejections seen
    stored = models.PositiveIntegerField(default=0)  # new locations that hold an article
    skipped = models.PositiveIntegerField(default=0)  # locations already in the archive
    new_originals = models.PositiveIntegerField(default=0)
    new_articles = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"ingest run {self.pk} ({self.status})"


class Original(models.Model):
    """The exact bytes of one raw document, stored once in the originals store by SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField()
    kind = models.CharField(max_length=8)  # html, text, nitf, jsonl
    stored_at = models.DateTimeField(auto_now_add=True)
    run = models.ForeignKey(IngestRun, null=True, on_delete=models.SET_NULL, related_name="+")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("an original is never rewritten")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("an original is never deleted")

    def __str__(self) -> str:
        return self.sha256


class SourceLocation(models.Model):
    """A place an original was found: a file, a container member, a WARC record."""

    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the location key
    key = models.TextField()
    path = models.TextField()
    member = models.TextField(blank=True, default="")
    offset = models.BigIntegerField(null=True, blank=True)
    url = models.TextField(blank=True, default="")
    captured_at = models.DateTimeField(null=True, blank=True)
    original = models.ForeignKey(Original, on_delete=models.PROTECT, related_name="locations")
    run = models.ForeignKey(IngestRun, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.TextField(blank=True, default="")  # the path given to `morgue ingest`

    class Meta:
        indexes = [models.Index(fields=["source"])]

    def __str__(self) -> str:
        return self.key


class Article(models.Model):
    """One article; its fields mirror its newest revision (see Revision)."""

    original = models.OneToOneField(Original, on_delete=models.PROTECT, related_name="article")
    url = models.TextField(blank=True, default="")
    headline = models.TextField(blank=True, default="")
    byline = models.TextField(blank=True, default="")
    dateline = models.TextField(blank=True, default="")
    published = models.DateField(null=True, blank=True)  # None: the source gave no date
    modified = models.DateField(null=True, blank=True)
    section = models.CharField(max_length=200, blank=True, default="")
    body = models.JSONField(default=list)  # paragraphs
    notices = models.JSONField(default=list)
    language = models.CharField(max_length=16, blank=True, default="")
    withdrawn = models.BooleanField(default=False)
    # What extraction saw and left out; part of revision 0's record, not of the text.
    removed = models.JSONField(default=list)
    extractor = models.CharField(max_length=16, blank=True, default="")
    encoding = models.CharField(max_length=32, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    revision_count = models.PositiveIntegerField(default=1)
    # The revision number the audit last read (None: never audited); derived, not revised.
    audited_revision = models.IntegerField(null=True, blank=True)
    # The revision number `morgue classify` last read (None: never classified); derived, like audited_revision.
    classified_revision = models.IntegerField(null=True, blank=True)
    # The revision number `morgue enrich` last read (None: never enriched); derived, like audited_revision.
    enriched_revision = models.IntegerField(null=True, blank=True)
    enriched_at = models.DateTimeField(null=True, blank=True)  # when: a cached page showing its names is stale after it

    class Meta:
        indexes = [
            models.Index(fields=["section", "published"]),
            models.Index(fields=["published"]),
            models.Index(fields=["created_at"]),
        ]

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("an article is withdrawn by a revision, never deleted")

    def __str__(self) -> str:
        return self.headline or f"article {self.pk}"

    @property
    def year(self) -> int | None:
        return self.published.year if self.published else None


# The fields a revision records in full; the article mirrors the newest.
REVISED_FIELDS = ("headline", "byline", "dateline", "published", "modified", "section", "body", "notices", "language", "url", "withdrawn")


class Revision(models.Model):
    """One version of an article's text: revision 0 from extraction, then appended changes.

    Each revision carries a hash over its content and the previous revision's
    hash, so `morgue verify` can prove no revision was edited, removed or
    reordered after it was written.
    """

    EXTRACTION = "extraction"
    CORRECTION = "correction"
    # A transfer repair: mechanical, the wording unchanged. Stored as "fix" (the kind is hashed; see revision_kinds).
    FIX = REPAIR = "fix"
    RECATEGORISATION = "recategorisation"
    WITHDRAWAL = "withdrawal"
    RESTORATION = "restoration"
    KINDS = [(EXTRACTION, "as extracted"), (CORRECTION, "correction"), (FIX, "transfer repair"),
             (RECATEGORISATION, "recategorisation"), (WITHDRAWAL, "withdrawal"), (RESTORATION, "restoration")]

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=KINDS)
    headline = models.TextField(blank=True, default="")
    byline = models.TextField(blank=True, default="")
    dateline = models.TextField(blank=True, default="")
    published = models.DateField(null=True, blank=True)
    modified = models.DateField(null=True, blank=True)
    section = models.CharField(max_length=200, blank=True, default="")
    body = models.JSONField(default=list)
    notices = models.JSONField(default=list)
    language = models.CharField(max_length=16, blank=True, default="")
    url = models.TextField(blank=True, default="")
    withdrawn = models.BooleanField(default=False)
    reason = models.TextField(blank=True, default="")  # why, for the editors
    public_note = models.TextField(blank=True, default="")  # shown to readers
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    previous_hash = models.CharField(max_length=64, blank=True, default="")
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="one_revision_per_number")]
        ordering = ["article_id", "number"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("a revision is never edited; append a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("a revision is never deleted")

    def snapshot(self) -> dict:
        """Return the revised fields as plain data (the input of the hash)."""
        return {name: getattr(self, name) for name in REVISED_FIELDS}

    def compute_hash(self) -> str:
        """Return the hash this revision must carry, given its content and predecessor."""
        return revision_hash(
            self.previous_hash,
            self.number,
            self.kind,
            self.snapshot(),
            self.reason,
            self.public_note,
            self.author_id,
            self.created_at,
        )


class Rejection(models.Model):
    """A document or source that was not taken in, where it was and why."""

    key_hash = models.CharField(max_length=64, unique=True)
    key = models.TextField()
    path = models.TextField()
    member = models.TextField(blank=True, default="")
    offset = models.BigIntegerField(null=True, blank=True)
    stage = models.CharField(max_length=16)  # read or extract
    reason = models.CharField(max_length=64)
    detail = models.TextField(blank=True, default="")
    # For documents rejected by extraction the bytes are still kept: nothing is lost.
    original = models.ForeignKey(Original, null=True, blank=True, on_delete=models.PROTECT, related_name="rejections")
    run = models.ForeignKey(IngestRun, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["reason"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}"


class Defect(models.Model):
    """Something the transfer broke in an article, found by the audit; derived, so it may be re-found.

    Open defects are replaced when the audit runs again; a fixed or dismissed
    one stays as the record of what an editor (or `audit --fix safe`) did.
    """

    OPEN, FIXED, DISMISSED = "open", "fixed", "dismissed"
    STATUSES = [(s, s) for s in (OPEN, FIXED, DISMISSED)]

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="defects")
    revision_number = models.PositiveIntegerField()  # the revision the audit read
    kind = models.CharField(max_length=40)
    severity = models.CharField(max_length=10)  # high, medium, low, info
    field = models.CharField(max_length=20, blank=True, default="")
    paragraph = models.IntegerField(null=True, blank=True)
    start = models.IntegerField(null=True, blank=True)
    end = models.IntegerField(null=True, blank=True)
    explanation = models.TextField()
    excerpt = models.TextField(blank=True, default="")  # the text at the span, as found
    suggestion = models.TextField(null=True, blank=True)  # replacement text when a fix is safe and mechanical
    confidence = models.FloatField(null=True, blank=True)  # how sure a model is of its suggestion (section kinds), 0–1
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    found_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="resolved_defects")
    resolution_note = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["status", "severity"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in article {self.article_id}"


class ArchiveDefect(models.Model):
    """A defect of the archive as a whole (one URL, two articles; a section's size jumping), found by `morgue audit`."""

    kind = models.CharField(max_length=40)
    severity = models.CharField(max_length=10)
    subject = models.TextField()  # the URL, or "section/year"
    explanation = models.TextField()
    members = models.JSONField(default=list)  # article ids, URLs, or section and years
    found_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}"


class ArticleTopic(models.Model):
    """A topic of an article, finer than its section: one the source tagged it with, or one the topic model gave it.

    Derived for the model's (replaced each time `morgue classify` reads the
    article); the source's own tags are kept as they came.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="topics")
    topic = models.CharField(max_length=80)
    given = models.BooleanField(default=True)  # the source's tag; False: predicted by the topic model

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="one_row_per_article_topic")]
        indexes = [models.Index(fields=["topic", "article"])]

    def __str__(self) -> str:
        return self.topic


class StoryCluster(models.Model):
    """Articles that are the same story told more than once (reprints, updates, one page under two URLs).

    Derived by `morgue classify` (enrich/duplicates.py); readers are sent to
    the canonical member, and search shows one result per cluster.
    """

    canonical = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    # Set when an editor chose the canonical member; a later clustering keeps the choice.
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    size = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"story cluster {self.pk} ({self.size} articles)"


class ClusterMember(models.Model):
    """One article of a story cluster and how it relates to the canonical member."""

    RELATIONS = [("canonical", "canonical"), ("identical", "identical text"), ("edited", "same story, edited"),
                 ("update", "update")]

    article = models.OneToOneField(Article, on_delete=models.PROTECT, related_name="cluster_member")
    cluster = models.ForeignKey(StoryCluster, on_delete=models.CASCADE, related_name="members")
    relation = models.CharField(max_length=12, choices=RELATIONS)
    words_changed = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["cluster", "relation"])]


class ClusterSplit(models.Model):
    """An editor's word that an article is not the same story as others it was clustered with; kept for ever."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    apart_from = models.JSONField(default=list)  # the article ids it must not be clustered with
    reason = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class Entity(models.Model):
    """One real person, organisation or place named in the archive, its aliases gathered across articles.

    Derived by `morgue enrich` (enrich/entities.py finds the names; archive/entities.py decides which
    are one entity); the desk can rename, merge and split one, each a recorded ``EntityChange``.
    A merged entity keeps its row and points to the one it became (``merged_into``).
    """

    KINDS = [("person", "person"), ("organisation", "organisation"), ("place", "place")]

    kind = models.CharField(max_length=16, choices=KINDS)
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)  # the name folded (case, spaces, a leading "the"): one per kind
    slug = models.SlugField(max_length=220, unique=True)
    aliases = models.JSONField(default=list)  # every form printed
    country = models.CharField(max_length=2, blank=True, default="")  # places: ISO 3166 code, when unambiguous
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    articles = models.PositiveIntegerField(default=0)  # public articles that mention it
    mentions = models.PositiveIntegerField(default=0)
    quotes = models.PositiveIntegerField(default=0)  # direct quotations attributed to it
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    named_by_editor = models.BooleanField(default=False)  # renamed at the desk: enrichment never renames it back
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_entity_per_kind_and_key")]
        indexes = [models.Index(fields=["kind", "-articles"])]

    def __str__(self) -> str:
        return self.name


class EntityMention(models.Model):
    """A name in an article's current text, and the entity it names; replaced when the article is enriched again."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="mention_rows")
    paragraph = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True, default="")  # the title the text gives a person here

    class Meta:
        indexes = [models.Index(fields=["entity", "article"]), models.Index(fields=["article", "paragraph"])]


class ArticleQuote(models.Model):
    """A quotation (or indirect attribution) in an article's current text and its speaker; derived like mentions."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="quotations")
    paragraph = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    end_paragraph = models.PositiveIntegerField()
    text = models.TextField()
    speaker = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="quote_rows")
    speaker_text = models.CharField(max_length=200, blank=True, default="")  # "a source", when no entity
    cue = models.CharField(max_length=40, blank=True, default="")
    direct = models.BooleanField(default=True)
    speaker_by_editor = models.BooleanField(default=False)  # an editor named the speaker (SpeakerCorrection)

    class Meta:
        indexes = [models.Index(fields=["speaker", "article"]), models.Index(fields=["article", "paragraph"])]


class EntityChange(models.Model):
    """An editor's change to an entity or a quotation's speaker: append-only, kept for ever, replayed on re-enrichment."""

    RENAME, MERGE, SPLIT, SPEAKER = "rename", "merge", "split", "speaker"
    ACTIONS = [(RENAME, "rename"), (MERGE, "merge"), (SPLIT, "split"), (SPEAKER, "speaker")]

    action = models.CharField(max_length=10, choices=ACTIONS)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    other = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    detail = models.JSONField(default=dict)  # rename: old/new; split: the aliases moved; speaker: the quote's place
    reason = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("an entity change is kept for ever")


class SearchOutbox(models.Model):
    """A change the search index must apply, written in the same transaction as the change itself.

    The index records the id of the last entry it applied; after a crash it
    catches up from there, and `morgue reindex` rebuilds it from scratch.
    Entries are only ever appended; applied ones may be pruned.
    """

    UPSERT, DELETE = "upsert", "delete"

    article_id = models.BigIntegerField()
    action = models.CharField(max_length=8, default=UPSERT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.action} article {self.article_id}"
