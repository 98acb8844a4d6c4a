"""Hostile and malformed exports are refused with a sentence and a non-zero exit, before
anything is expanded, fetched or written."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.imports import wxr
from newsdesk.imports.errors import HostileExport, MalformedExport
from tests.imports.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_entity_expansion_is_refused_before_any_entity_is_expanded():
    with pytest.raises(HostileExport, match=r"laughs\.xml declares an entity \('ha'\)"):
        list(wxr.read(FIXTURES / "laughs.xml"))


def test_an_external_entity_is_refused_and_nothing_is_read():
    with pytest.raises(HostileExport, match=r"declares an external entity \('secret'\)"):
        list(wxr.read(FIXTURES / "outside.xml"))


def test_a_malformed_file_is_refused_with_its_line_column_and_reason():
    with pytest.raises(MalformedExport) as refused:
        list(wxr.read(FIXTURES / "broken.xml"))
    assert str(refused.value) == (
        "broken.xml is not well-formed XML: line 8, column 4: mismatched tag."
    )


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>Just a feed</title></channel></rss>')
    with pytest.raises(MalformedExport, match="WXR version missing"):
        list(wxr.read(feed))
    page = tmp_path / "page.xml"
    page.write_text("<html><body>no</body></html>")
    with pytest.raises(MalformedExport, match="no <rss> at its top"):
        list(wxr.read(page))


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("laughs.xml", "entity declarations are refused"),
        ("outside.xml", "declares an external entity"),
        ("broken.xml", "line 8, column 4: mismatched tag"),
    ],
)
def test_the_command_exits_non_zero_with_the_reason_and_writes_nothing(
    name, says, monkeypatch, capsys
):
    from django.core.management import load_command_class
    from django.db import connections

    from newsdesk.newsroom.models import Article

    # run_from_argv closes the connections when done; the test's transaction must survive.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        load_command_class("newsdesk.imports", "import").run_from_argv(
            ["newsdesk", "import", "wordpress", str(FIXTURES / name)]
        )
    assert exit_.value.code == 1
    assert says in capsys.readouterr().err
    assert not Article.objects.exists()


def test_a_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", "wordpress", str(FIXTURES / "nowhere.xml"))
