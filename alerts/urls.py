from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("new/", views.alert_new, name="new"),
    path("<int:pk>/stop/", views.alert_stop, name="stop"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
