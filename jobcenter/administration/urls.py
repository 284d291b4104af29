from django.urls import path

from jobcenter.administration import views

app_name = "administration"

urlpatterns = [
    path("staff/", views.staff_list, name="staff"),
    path("staff/invite/", views.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_reactivate, name="staff_reactivate"),
    path("staff/<int:pk>/second-factor/reset/", views.staff_second_factor_reset, name="staff_second_factor_reset"),
    path("staff/<int:pk>/unlock/", views.staff_unlock, name="staff_unlock"),
    path("staff/<int:pk>/invitation/", views.staff_invitation_resend, name="staff_invitation_resend"),
    path("staff/<int:pk>/reassign/", views.staff_reassign, name="staff_reassign"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/add/", views.closed_day_add, name="closed_day_add"),
    path("calendar/<int:pk>/remove/", views.closed_day_remove, name="closed_day_remove"),
    path("centres/<int:pk>/", views.centre_detail, name="centre"),
    path("centres/<int:pk>/edit/", views.centre_edit, name="centre_edit"),
    path("centres/<int:pk>/booths/new/", views.booth_new, name="booth_new"),
    path("booths/<int:pk>/", views.booth_edit, name="booth_edit"),
    path("booths/<int:pk>/hours/", views.booth_hours, name="booth_hours"),
    path("booths/<int:pk>/hours/edit/", views.booth_hours_edit, name="booth_hours_edit"),
    path("legal/<slug:kind>/", views.legal_notice_edit, name="legal_notice_edit"),
    path("code-tables/", views.code_tables, name="code_tables"),
    path("consents/", views.consents, name="consents"),
    path("consents/<slug:kind>/new/", views.consent_new, name="consent_new"),
    path("notices/", views.notice_templates, name="notice_templates"),
    path("notices/<slug:template>/", views.notice_template, name="notice_template"),
    path("notices/<slug:template>/edit/", views.notice_template_edit, name="notice_template_edit"),
    path("notices/<slug:template>/restore/", views.notice_template_restore, name="notice_template_restore"),
]
