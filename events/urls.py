from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    # The public calendar, seekers' sign-up and own registrations.
    path("", views.calendar, name="calendar"),
    path("<int:pk>/", views.public_detail, name="public_detail"),
    path("<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("mine/", views.my_registrations, name="my_registrations"),
    path("mine/<int:pk>/", views.my_registration, name="my_registration"),
    path("mine/<int:pk>/cancel/", views.my_registration_cancel, name="my_registration_cancel"),
    path("registrations/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    # Employers.
    path("employer/", views.employer_events, name="employer_events"),
    path("employer/<int:pk>/apply/", views.employer_apply, name="employer_apply"),
    path("employer/participations/<int:pk>/", views.employer_participation, name="employer_participation"),
    path("interviews/<int:pk>/outcome/", views.interview_outcome, name="interview_outcome"),
    path("interviews/<int:pk>/correct/", views.interview_correct, name="interview_correct"),
    path("participations/<int:pk>/on-the-spot/", views.on_the_spot, name="on_the_spot"),
    path("employer/room/new/", views.employer_room_request_create, name="employer_room_request_create"),
    path("employer/room/<int:pk>/", views.employer_room_request, name="employer_room_request"),
    path(
        "employer/room/<int:pk>/withdraw/",
        views.employer_room_request_withdraw,
        name="employer_room_request_withdraw",
    ),
    # Counselors.
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.manage_create, name="manage_create"),
    path("manage/series/new/", views.manage_series_create, name="manage_series_create"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/state/", views.manage_transition, name="manage_transition"),
    path("manage/<int:pk>/register/", views.manage_register, name="manage_register"),
    path("manage/<int:pk>/employers/new/", views.manage_participation_add, name="manage_participation_add"),
    path("manage/<int:pk>/prematching/", views.manage_prematching, name="manage_prematching"),
    path("manage/<int:pk>/schedule/", views.manage_schedule, name="manage_schedule"),
    path("manage/<int:pk>/check-in/", views.manage_checkin, name="manage_checkin"),
    path("manage/<int:pk>/report/", views.manage_report, name="manage_report"),
    path("manage/<int:pk>/report.xlsx", views.manage_report_xlsx, name="manage_report_xlsx"),
    path("manage/<int:pk>/report.pdf", views.manage_report_pdf, name="manage_report_pdf"),
    path("manage/registrations/<int:pk>/cancel/", views.manage_registration_cancel, name="manage_registration_cancel"),
    path("manage/participations/<int:pk>/", views.manage_participation, name="manage_participation"),
    path(
        "manage/participations/<int:pk>/state/",
        views.manage_participation_transition,
        name="manage_participation_transition",
    ),
    path("manage/participations/<int:pk>/slots/", views.manage_slots_generate, name="manage_slots_generate"),
    path("manage/sessions/<int:pk>/", views.manage_attendance, name="manage_attendance"),
    path("manage/series/<int:pk>/", views.manage_series_edit, name="manage_series_edit"),
    path("manage/series/<int:pk>/cancel/", views.manage_series_cancel, name="manage_series_cancel"),
    path("manage/<int:pk>/walk-in/", views.manage_walk_in, name="manage_walk_in"),
    path("manage/room-requests/", views.manage_room_requests, name="manage_room_requests"),
    path("manage/room-requests/<int:pk>/", views.manage_room_request, name="manage_room_request"),
    path("manage/room-requests/<int:pk>/accept/", views.manage_room_request_accept, name="manage_room_request_accept"),
    path(
        "manage/room-requests/<int:pk>/decline/",
        views.manage_room_request_decline,
        name="manage_room_request_decline",
    ),
]
