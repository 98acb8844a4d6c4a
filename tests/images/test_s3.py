"""Media in an S3-compatible bucket: the upload, every rendition, a new focal point and the
deletion of an image, against moto's standalone S3 server started for this module, with the
bucket read through boto3 rather than the storage under test (docs/images.md, "Storage")."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.images import markup, renditions, services
from newsdesk.settings import env
from tests.conftest import parse
from tests.factories import ArticleFactory, make_image

pytestmark = pytest.mark.django_db

KEY_ID, SECRET = "testing-key-id", "testing-secret"  # moto takes any credentials
REGION = "us-east-1"
YEAR = "public, max-age=31536000, immutable"
DAY = "public, max-age=86400"
TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """moto's S3 server on a free local port, for this module only."""
    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"moto's server exited: {log.read_text()}")
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).close()
                break
            except urllib.error.HTTPError:
                break  # an answer all the same
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"moto's server did not answer: {log.read_text()}")
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def s3(s3_endpoint):
    """A boto3 client of its own: what the bucket holds, seen without the storage under test."""
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )


def public_read(bucket: str) -> dict:
    """The bucket policy docs/images.md gives: anyone may read, nobody may list."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


@pytest.fixture
def s3_environment(monkeypatch, s3_endpoint, s3):
    """The variables an ops person sets, with a new bucket per test (ids repeat after a
    rollback on SQLite)."""
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read(bucket)))
    for name, value in {
        "NEWSDESK_S3_BUCKET": bucket,
        "NEWSDESK_S3_ENDPOINT_URL": s3_endpoint,
        "NEWSDESK_S3_REGION": REGION,
        "AWS_ACCESS_KEY_ID": KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "NEWSDESK_S3_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    return bucket


def _use(settings, storage: dict, origins: list[str]) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    policy = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    policy["DIRECTIVES"]["img-src"] += origins  # as settings/base.py does
    settings.CONTENT_SECURITY_POLICY = policy


@pytest.fixture
def bucket(settings, s3_environment):
    """The default storage as settings/base.py makes it from those variables."""
    storage, origins = env.media_storage({"BACKEND": "unused"})
    assert storage["BACKEND"] == "newsdesk.images.storage.MediaS3Storage"
    _use(settings, storage, origins)
    return s3_environment


def keys(s3, bucket: str) -> set[str]:
    """Every object's name in the bucket."""
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {entry["Key"] for page in pages for entry in page.get("Contents", ())}


def heads(s3, bucket: str) -> dict[str, dict]:
    """Every object in the bucket, with the headers it is served with."""
    return {key: s3.head_object(Bucket=bucket, Key=key) for key in keys(s3, bucket)}


def expected_renditions(image) -> set[str]:
    widths = renditions.widths_for(image.width)
    specs = [(f"w{w}", fmt) for w in widths for fmt in renditions.FORMATS]
    specs += [(f"sq{side}", fmt) for side in (160, 400) for fmt in renditions.FORMATS]
    specs.append(("card", renditions.JPEG))
    return {renditions.name(image, spec, fmt) for spec, fmt in specs}


def test_an_upload_stores_the_original_and_every_rendition_with_type_and_caching(s3, bucket):
    image = make_image(size=(400, 240), fmt="PNG")
    stored = heads(s3, bucket)
    made = expected_renditions(image)
    assert len(made) == 2 * 3 + 2 * 3 + 1  # 320 and 400 wide; two squares; the card
    assert set(stored) == made | {image.file.name}
    assert image.file.name.startswith("images/") and image.file.name.endswith(".png")
    for key, head in stored.items():
        assert head["ContentType"] == TYPES[key.rsplit(".", 1)[1]], key
        assert head["CacheControl"] == (YEAR if key in made else DAY), key


def test_public_urls_point_at_the_bucket_and_answer_with_the_bytes(s3, bucket, s3_endpoint):
    image = make_image(size=(400, 240))
    for spec, fmt in (("w320", renditions.AVIF), ("card", renditions.JPEG)):
        url = markup.url(image, spec, fmt)
        name = renditions.name(image, spec, fmt)
        assert url == f"{s3_endpoint}/{bucket}/{name}"  # unsigned: no query string
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read()
            assert response.headers["Content-Type"] == fmt.mime_type
            assert response.headers["Cache-Control"] == YEAR
        assert body == s3.get_object(Bucket=bucket, Key=name)["Body"].read()
        assert body[:12].endswith(b"avif") if fmt is renditions.AVIF else body[:2] == b"\xff\xd8"
    assert image.file.url == f"{s3_endpoint}/{bucket}/{image.file.name}"


def test_a_new_focal_point_replaces_the_renditions_in_the_bucket(s3, bucket):
    image = make_image(size=(400, 240))
    old = expected_renditions(image)
    # An image whose id starts with this one's: a prefix without its slash would take it too.
    neighbour = f"{renditions.ROOT}/{image.pk}0/abc/w320.jpg"
    s3.put_object(Bucket=bucket, Key=neighbour, Body=b"another image's")
    image.focal_x = 0.8
    services.image_save(image=image, user=None)
    new = expected_renditions(image)
    assert old.isdisjoint(new)
    assert keys(s3, bucket) == new | {image.file.name, neighbour}


def test_deleting_an_image_leaves_nothing_of_it_in_the_bucket(s3, bucket):
    image = make_image(size=(400, 240))
    kept = make_image(size=(360, 200))
    neighbour = f"{renditions.ROOT}/{image.pk}0/abc/w320.jpg"
    s3.put_object(Bucket=bucket, Key=neighbour, Body=b"another image's")
    before = keys(s3, bucket)
    assert image.file.name in before
    services.image_delete(image=image)
    left = keys(s3, bucket)
    assert left == expected_renditions(kept) | {kept.file.name, neighbour}


def test_a_bucket_prefix_holds_everything_and_renditions_keep_their_caching(
    s3, settings, s3_environment, monkeypatch
):
    monkeypatch.setenv("NEWSDESK_S3_PREFIX", "/newsdesk/media/")
    _use(settings, *env.media_storage({"BACKEND": "unused"}))
    image = make_image(size=(360, 200))
    stored = heads(s3, s3_environment)
    made = {f"newsdesk/media/{name}" for name in expected_renditions(image)}
    assert set(stored) == made | {f"newsdesk/media/{image.file.name}"}
    assert {stored[key]["CacheControl"] for key in made} == {YEAR}
    assert markup.url(image, "card").endswith(
        f"/newsdesk/media/{renditions.folder(image)}/card.jpg"
    )
    image.focal_y = 0.1
    services.image_save(image=image, user=None)
    services.image_delete(image=image)
    assert keys(s3, s3_environment) == set()


def test_an_article_page_shows_its_lead_image_from_the_bucket(client, s3, bucket, s3_endpoint):
    image = make_image(size=(400, 240))
    article = ArticleFactory(lead_image=image)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    figure = parse(response).find("picture")
    sources = [figure.img["src"]] + [
        candidate.split()[0]
        for tag in [*figure.find_all("source"), figure.img]
        for candidate in tag["srcset"].split(",")
    ]
    assert len(sources) > 3
    stored = keys(s3, bucket)
    for url in sources:
        assert url.startswith(f"{s3_endpoint}/{bucket}/"), url
        assert url.removeprefix(f"{s3_endpoint}/{bucket}/") in stored, url
    assert f"img-src 'self' data: {s3_endpoint}" in response["Content-Security-Policy"]


def test_half_an_s3_configuration_is_refused(monkeypatch):
    monkeypatch.delenv("NEWSDESK_S3_BUCKET", raising=False)
    monkeypatch.setenv("NEWSDESK_S3_ENDPOINT_URL", "https://s3.example.test")
    with pytest.raises(ImproperlyConfigured, match="without NEWSDESK_S3_BUCKET"):
        env.media_storage({"BACKEND": "unused"})


def test_production_settings_put_media_in_the_bucket_behind_its_public_address(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "AWS_"))},
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
        "SECRET_KEY": "k" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "news.example.test",
        "NEWSDESK_PROXY_COUNT": "1",
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "NEWSDESK_S3_BUCKET": "newsroom-media",
        "NEWSDESK_S3_REGION": "eu-central-1",
        "NEWSDESK_S3_PUBLIC_URL": "https://media.example.test/",
    }
    script = (
        "import json; from django.conf import settings as s; print(json.dumps([s.STORAGES, "
        "s.NEWSDESK_SERVE_MEDIA, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    storages, serve_media, img_src = json.loads(done.stdout)
    options = storages["default"]["OPTIONS"]
    assert storages["default"]["BACKEND"] == "newsdesk.images.storage.MediaS3Storage"
    assert options["bucket_name"] == "newsroom-media"
    assert (options["default_acl"], options["querystring_auth"], options["file_overwrite"]) == (
        None,
        False,
        False,
    )
    assert (options["url_protocol"], options["custom_domain"]) == ("https:", "media.example.test")
    assert serve_media is False
    assert img_src == ["'self'", "data:", "https://media.example.test"]
    assert storages["staticfiles"]["BACKEND"].startswith("whitenoise")
