from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "List the staff accounts and their roles (passwords are shown only when created)."

    def handle(self, *args, **options):
        users = get_user_model().objects.filter(is_staff=True).prefetch_related("groups")
        self.stdout.write("Staff logins (passwords were printed when the demo was loaded;")
        self.stdout.write(" set a new one with `.venv/bin/newsdesk changepassword NAME`):")
        for user in users.order_by("username"):
            roles = ", ".join(g.name for g in user.groups.all()) or (
                "Superuser" if user.is_superuser else "staff"
            )
            self.stdout.write(f"  {user.username:<12} {roles}")
