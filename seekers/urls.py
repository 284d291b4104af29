from django.urls import path

from seekers import views

app_name = "seekers"
urlpatterns = [
    # The resident
    path("me/", views.home, name="home"),
    path("me/register/", views.register_self, name="register_self"),
    path("me/profile/", views.my_profile, name="my_profile"),
    path("me/consents/", views.consents, name="consents"),
    path("me/book/", views.book, name="book"),
    path("signup/", views.signup, name="signup"),
    path("claim/", views.claim, name="claim"),
    # Bookings
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/reschedule/", views.booking_reschedule, name="booking_reschedule"),
    path("bookings/<int:pk>/outcome/", views.booking_outcome, name="booking_outcome"),
    path("day/", views.day, name="day"),
    # Staff
    path("", views.seeker_list, name="list"),
    path("export/", views.export, name="export"),
    path("import/", views.import_seekers, name="import"),
    path("access-records/", views.access_records, name="access_records"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/status/", views.set_status, name="status"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/renew/", views.renew, name="renew"),
    path("<int:pk>/claim-code/", views.claim_code, name="claim_code"),
    path("<int:pk>/consultations/new/", views.consultation_new, name="consultation_new"),
    path("<int:pk>/bookings/new/", views.booking_new, name="booking_new"),
]
