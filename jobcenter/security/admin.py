"""The user admin, extended: role, centre, admin-rights and active changes are logged (RoleChange), and
setting an account inactive ends its sessions. Audit tables are read-only here."""

from django.contrib import admin

from jobcenter.admin import UserAdmin as JobcenterUserAdmin
from jobcenter.models import User
from jobcenter.security.models import DestructionLog, RoleChange, SecurityEvent
from jobcenter.security.services import role_changes_record, role_snapshot, sessions_end, user_deactivate

admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(JobcenterUserAdmin):
    def save_model(self, request, obj: User, form, change: bool) -> None:
        before = role_snapshot(User.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        role_changes_record(user=obj, before=before, by=request.user, via="admin")
        if change and before.get("active") == "1" and not obj.is_active:
            user_deactivate(user=obj, by=request.user, request=request, via="admin")
        elif not obj.is_active:
            sessions_end(user=obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "field", "old_value", "new_value", "by_username", "via"]
    list_filter = ["field", "via"]
    search_fields = ["username", "by_username"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "username", "ip_address", "by_username", "detail"]
    list_filter = ["kind"]
    search_fields = ["username"]


@admin.register(DestructionLog)
class DestructionLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "object_id", "reason", "fields"]
    list_filter = ["kind"]
