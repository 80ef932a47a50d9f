"""The editors' desk's URLs, under /desk/."""

from django.urls import path

from morgue.desk.views import articles, dashboard, lists, queue

app_name = "desk"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("defect/<int:pk>/", queue.defect, name="defect"),
    path("defect/<int:pk>/accept/", queue.accept, name="accept"),
    path("defect/<int:pk>/dismiss/", queue.dismiss, name="dismiss"),
    path("article/<int:pk>/correct/", articles.correct, name="correct"),
    path("article/<int:pk>/history/", articles.history, name="history"),
    path("article/<int:pk>/revert/<int:number>/", articles.revert, name="revert"),
    path("article/<int:pk>/withdraw/", articles.withdraw, name="withdraw"),
    path("article/<int:pk>/restore/", articles.restore, name="restore"),
    path("articles/", lists.articles, name="articles"),
    path("revisions/", lists.revisions, name="revisions"),
    path("rejections/", lists.rejections, name="rejections"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
