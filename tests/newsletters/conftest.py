import time

import pytest
from django.core import signing

from newsdesk.newsletters.forms import STARTED_SALT
from tests.smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server, and this process's mail going to it through Django's SMTP backend."""
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.SITE_URL = "http://testserver"
    yield server
    server.stop()


@pytest.fixture
def started():
    """The form's signed drawing time, as if drawn 30 s ago (a person's pace)."""
    return signing.dumps(int(time.time()) - 30, salt=STARTED_SALT)
