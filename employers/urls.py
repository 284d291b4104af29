from django.urls import path

from employers import api, board, talent, views

app_name = "employers"
urlpatterns = [
    # Public: job board, sign-up, invitations
    path("jobs/", board.board, name="board"),
    path("jobs/<int:pk>/", board.job, name="job"),
    path("jobs/<int:pk>/interest/", board.interest, name="interest"),
    path("signup/", views.signup, name="signup"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Public API (read-only JSON) and its OpenAPI 3 schema
    *api.urlpatterns,
    path("api/v1/schema/", api.schema, name="api_schema"),
    *api.fallback,
    # Employer portal
    path("portal/", views.portal, name="portal"),
    path("portal/company/", views.portal_company, name="portal_company"),
    path("portal/talent/", talent.search, name="talent"),
    path("portal/talent/<int:pk>/", talent.profile, name="talent_profile"),
    path("portal/talent/<int:pk>/request/", talent.request_referral, name="talent_request"),
    path("portal/invite/", views.portal_invite, name="portal_invite"),
    path("portal/vacancies/new/", views.portal_vacancy_new, name="portal_vacancy_new"),
    path("portal/vacancies/<int:pk>/", views.portal_vacancy, name="portal_vacancy"),
    path("portal/vacancies/<int:pk>/edit/", views.portal_vacancy_edit, name="portal_vacancy_edit"),
    path("portal/vacancies/<int:pk>/submit/", views.portal_vacancy_submit, name="portal_vacancy_submit"),
    path("portal/vacancies/<int:pk>/copy/", views.portal_vacancy_copy, name="portal_vacancy_copy"),
    path("portal/vacancies/<int:pk>/close/", views.portal_vacancy_close, name="portal_vacancy_close"),
    # Centre staff
    path("companies/", views.companies, name="companies"),
    path("companies/new/", views.company_new, name="company_new"),
    path("companies/<int:pk>/", views.company, name="company"),
    path("companies/<int:pk>/edit/", views.company_edit, name="company_edit"),
    path("companies/<int:pk>/verify/", views.company_verify, name="company_verify"),
    path("companies/<int:pk>/invite/", views.company_invite, name="company_invite"),
    path("companies/<int:pk>/vacancies/new/", views.company_vacancy_new, name="company_vacancy_new"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/<int:pk>/", views.vacancy, name="vacancy"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/publish/", views.vacancy_publish, name="vacancy_publish"),
    path("vacancies/<int:pk>/return/", views.vacancy_return, name="vacancy_return"),
    path("vacancies/<int:pk>/close/", views.vacancy_close, name="vacancy_close"),
    path("imports/new/", views.import_new, name="import_new"),
    path("imports/<int:pk>/", views.import_preview, name="import_preview"),
    path("bulletins/", views.bulletins, name="bulletins"),
    path("bulletins/new/", views.bulletin_generate, name="bulletin_generate"),
    path("bulletins/<int:pk>/pdf/", views.bulletin_download, name="bulletin_download"),
    path("interests/<int:pk>/handled/", views.interest_handle, name="interest_handle"),
]
