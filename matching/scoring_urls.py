from django.urls import path

from matching import scoring_views

urlpatterns = [
    path("vacancies/<int:pk>/candidates/", scoring_views.vacancy_candidates, name="vacancy_candidates"),
    path("seekers/<int:pk>/vacancies/", scoring_views.seeker_vacancies, name="seeker_vacancies"),
    path("weights/", scoring_views.match_weights, name="match_weights"),
]
