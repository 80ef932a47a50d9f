"""The accounts' pages: sign up, sign in (rate-limited), profile, bookmarks and saved searches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from morgue.accounts import ratelimit
from morgue.accounts.addresses import client_address
from morgue.accounts.forms import SignInForm, SignUpForm
from morgue.accounts.models import Bookmark, SavedSearch
from morgue.accounts.roles import role_of
from morgue.archive.models import Article

BACKEND = "morgue.accounts.backends.UsernameOrEmailBackend"


def client_ip(request) -> str | None:
    """Return the address a request came from (through MORGUE_PROXY_COUNT trusted proxies)."""
    return client_address(request)


def signup(request):
    """A free account; the new reader is signed in at once."""
    if request.user.is_authenticated:
        return redirect("profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=BACKEND)
        messages.success(request, f"Welcome, {user.username}. Your account is ready.")
        return redirect(_next(request) or reverse("profile"))
    return render(request, "accounts/signup.html", {"form": form, "next": _next(request)})


class SignInView(auth_views.LoginView):
    """Django's sign-in, refusing further tries after too many failures for a name or an address."""

    template_name = "accounts/signin.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        # Counted before it is judged, so guesses sent in parallel cannot all slip under the limit.
        _, wait = ratelimit.begin_attempt(username, client_ip(request))
        if wait is not None:
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, f"Too many failed sign-in attempts. Try again in {ratelimit.describe_wait(wait)}.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        ratelimit.clear_failures(form.cleaned_data.get("username", ""))
        return super().form_valid(form)

    def form_invalid(self, form):
        # The attempt was recorded by begin_attempt: as it failed, it stays, as a failure.
        return super().form_invalid(form)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if allowed else ""


@login_required
def profile(request):
    """The reader's account: role, bookmarks, saved searches."""
    bookmarks = request.user.bookmarks.select_related("article").only(
        "created_at", "article__id", "article__headline", "article__published", "article__section", "article__withdrawn")
    return render(request, "accounts/profile.html", {
        "role": role_of(request.user),
        "bookmarks": bookmarks,
        "saved_searches": request.user.saved_searches.all(),
    })


@login_required
@require_POST
def add_bookmark(request):
    """Bookmark the article named in the form; back to where the reader was."""
    article = get_object_or_404(Article, pk=request.POST.get("article") or 0, withdrawn=False)
    try:
        with transaction.atomic():
            Bookmark.objects.create(user=request.user, article=article)
        messages.success(request, "Bookmarked.")
    except IntegrityError:
        messages.info(request, "Already in your bookmarks.")
    return redirect(_next(request) or reverse("profile"))


@login_required
@require_POST
def remove_bookmark(request, pk: int):
    Bookmark.objects.filter(user=request.user, pk=pk).delete()
    messages.success(request, "Bookmark removed.")
    return redirect(_next(request) or reverse("profile"))


@login_required
@require_POST
def save_search(request):
    """Keep the query in the form (the site's query language) on the profile."""
    query = " ".join(request.POST.get("q", "").split())[:500]
    if not query:
        messages.error(request, "There is no search to save.")
    else:
        SavedSearch.objects.get_or_create(user=request.user, query=query)
        messages.success(request, f"Search saved: {query}")
    return redirect(_next(request) or reverse("profile"))


@login_required
@require_POST
def remove_search(request, pk: int):
    SavedSearch.objects.filter(user=request.user, pk=pk).delete()
    messages.success(request, "Saved search removed.")
    return redirect(_next(request) or reverse("profile"))


# Password reset by e-mail and password change: Django's views with our templates.
class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, whose e-mail links to the paper's canonical address and speaks in its name."""

    def form_valid(self, form):
        from morgue.web.paper import canonical, current_paper

        self.request = canonical(self.request)
        self.extra_email_context = {"paper": current_paper()}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete"))
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
password_change = auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html", success_url=reverse_lazy("profile"))
signout = auth_views.LogoutView.as_view()
