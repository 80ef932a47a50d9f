"""An article on the desk: correct it, read its history, revert, withdraw and restore it — each a new revision."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from morgue.archive.classify import KINDS as SECTION_KINDS
from morgue.archive.models import Article, Defect, StoryCluster
from morgue.desk.diff import revision_diff
from morgue.desk.editing import Change, DeskError, correct_article, restore_article, revert_article, withdraw_article
from morgue.desk.forms import CorrectionForm, ReasonForm
from morgue.desk.permissions import editor_required


def _change(request, form) -> Change:
    return Change(reason=form.cleaned_data["reason"], public_note=form.cleaned_data.get("public_note", ""), author=request.user)


@editor_required
def correct(request, pk: int):
    """The correction form: the article's fields, a required reason and an optional public note."""
    article = get_object_or_404(Article, pk=pk)
    form = CorrectionForm.for_article(article, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = correct_article(article, form.fields_changed(article), _change(request, form))
        except DeskError as exc:
            form.add_error(None, str(exc))
        else:
            if revision is None:
                form.add_error(None, "Nothing was changed, so no revision was made.")
            else:
                messages.success(request, f"Saved as revision {revision.number} ({revision.kind}).")
                return redirect("desk:history", pk=article.pk)
    sections = Article.objects.exclude(section="").values_list("section", flat=True).distinct().order_by("section")[:500]
    return render(request, "desk/correct.html", {"article": article, "form": form, "sections": sections})


@editor_required
def history(request, pk: int):
    """Every revision: who, when, why, the public note, and what changed against the previous one and against revision 0."""
    article = get_object_or_404(Article, pk=pk)
    revisions = list(article.revisions.select_related("author").order_by("number"))
    first = revisions[0]
    entries = []
    for previous, revision in zip([None, *revisions], revisions):
        entries.append({
            "revision": revision,
            "diff": revision_diff(previous, revision) if previous else [],
            "from_original": revision_diff(first, revision) if revision.number > 1 else [],
        })
    entries.reverse()  # newest first
    # The section model's open suggestions, and the article's same-story cluster, for the editor reading it.
    suggestions = Defect.objects.filter(article=article, status=Defect.OPEN, kind__in=SECTION_KINDS)
    cluster = StoryCluster.objects.filter(members__article=article).first()
    return render(request, "desk/history.html", {
        "article": article, "entries": entries, "current": revisions[-1].number, "reason_form": ReasonForm(),
        "suggestions": suggestions, "cluster": cluster,
    })


@editor_required
@require_POST
def revert(request, pk: int, number: int):
    """Bring back the text of an earlier revision, as a new revision."""
    article = get_object_or_404(Article, pk=pk)
    return _apply(request, article, lambda change: revert_article(article, number, change), "Reverted")


@editor_required
def withdraw(request, pk: int):
    """Take an article off the public site (a withdrawal revision); it stays in the archive."""
    article = get_object_or_404(Article, pk=pk)
    if request.method == "POST":
        return _apply(request, article, lambda change: withdraw_article(article, change), "Withdrawn")
    return render(request, "desk/withdraw.html", {"article": article, "form": ReasonForm(), "restore": False})


@editor_required
def restore(request, pk: int):
    """Put a withdrawn article back on the public site (a restoration revision)."""
    article = get_object_or_404(Article, pk=pk)
    if request.method == "POST":
        return _apply(request, article, lambda change: restore_article(article, change), "Restored")
    return render(request, "desk/withdraw.html", {"article": article, "form": ReasonForm(), "restore": True})


def _apply(request, article, action, done: str):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason: it is kept with the revision for the editors who come after you.")
        return redirect("desk:history", pk=article.pk)
    try:
        revision = action(_change(request, form))
    except DeskError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{done}: revision {revision.number}.")
    return redirect("desk:history", pk=article.pk)
