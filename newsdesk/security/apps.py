from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "newsdesk.security"
    label = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        from django.contrib import admin

        from newsdesk.security import checks  # noqa: F401  (registers the system checks)
        from newsdesk.security.forms import StaffLoginForm

        # The admin's own login, with an authentication code asked of staff who have a
        # confirmed TOTP device (see forms.StaffLoginForm and middleware.StaffOTPMiddleware).
        admin.site.login_form = StaffLoginForm
        admin.site.login_template = "security/admin_login.html"
