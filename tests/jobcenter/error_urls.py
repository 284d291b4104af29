"""The project's URLs plus one that fails, for the 500 page's test."""

from django.urls import path

from jobcenter.urls import handler500
from jobcenter.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*project_urlpatterns, path("boom/", boom)]
__all__ = ["handler500", "urlpatterns"]
