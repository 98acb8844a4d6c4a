import time

import pytest
from django.core import signing

from newsdesk.comments.forms import STARTED_SALT
from tests.factories import ArticleFactory, make_contributor


def started(seconds_ago: int = 30) -> str:
    """The form's signed drawing time, as if the reader took ``seconds_ago`` to write."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=STARTED_SALT)


_ip = [0]


def next_ip() -> str:
    _ip[0] += 1
    return f"198.51.{_ip[0] // 250 % 250}.{_ip[0] % 250 + 1}"


def post(client, article, text, *, ip=None, name="Reader", **extra):
    """A reader's POST as a current browser sends it (Origin of the site itself)."""
    data = {"name": name, "text": text, "started": started(), **extra}
    headers = {"REMOTE_ADDR": ip or next_ip(), "HTTP_ORIGIN": "http://testserver"}
    url = extra.pop("url", None) or f"/comments/{article.pk}/"
    return client.post(url, data, **headers)


@pytest.fixture
def article(db):
    return ArticleFactory(contributors=[make_contributor(1)])
