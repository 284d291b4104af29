from django.urls import path

from resumes import views

app_name = "resumes"

urlpatterns = [
    path("", views.resume_list, name="list"),
    path("new/", views.resume_new, name="new"),
    path("<int:pk>/", views.resume_detail, name="detail"),
    path("<int:pk>/edit/", views.resume_edit, name="edit"),
    path("<int:pk>/delete/", views.resume_delete, name="delete"),
    path("<int:pk>/pdf/", views.resume_download, name="pdf"),
    path("<int:pk>/comments/", views.resume_comment, name="comment"),
    path("jobs/<int:pk>/apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/pdf/", views.application_download, name="application_pdf"),
    path("applications/<int:pk>/opinion/", views.application_opinion, name="application_opinion"),
]
