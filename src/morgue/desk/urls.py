"""The editors' desk's URLs, under /desk/."""

from django.urls import path

import morgue.web.converters  # noqa: F401 - registers the bounded <id:>, <year:> and <md:> converters

from morgue.desk.views import articles, clusters, dashboard, entities, lists, queue

app_name = "desk"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("defect/<id:pk>/", queue.defect, name="defect"),
    path("defect/<id:pk>/accept/", queue.accept, name="accept"),
    path("defect/<id:pk>/dismiss/", queue.dismiss, name="dismiss"),
    path("sections/accept/", queue.accept_sections, name="accept_sections"),
    path("clusters/", clusters.cluster_list, name="clusters"),
    path("cluster/<id:pk>/", clusters.cluster, name="cluster"),
    path("cluster/<id:pk>/split/", clusters.split, name="split_cluster"),
    path("cluster/<id:pk>/canonical/", clusters.canonical, name="cluster_canonical"),
    path("entities/", entities.entity_list, name="entities"),
    path("entity/<id:pk>/", entities.entity, name="entity"),
    path("entity/<id:pk>/rename/", entities.rename, name="entity_rename"),
    path("entity/<id:pk>/merge/", entities.merge, name="entity_merge"),
    path("entity/<id:pk>/split/", entities.split, name="entity_split"),
    path("entity/<id:pk>/speaker/", entities.speaker, name="entity_speaker"),
    path("article/<id:pk>/correct/", articles.correct, name="correct"),
    path("article/<id:pk>/history/", articles.history, name="history"),
    path("article/<id:pk>/revert/<id:number>/", articles.revert, name="revert"),
    path("article/<id:pk>/withdraw/", articles.withdraw, name="withdraw"),
    path("article/<id:pk>/restore/", articles.restore, name="restore"),
    path("articles/", lists.articles, name="articles"),
    path("revisions/", lists.revisions, name="revisions"),
    path("rejections/", lists.rejections, name="rejections"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
