"""Media in an S3-compatible bucket shared by every node (docs/images.md, "Storage").

The bucket answers readers itself (or through a CDN), so each object carries the
Cache-Control that the embedded media view would have sent: a year and immutable for
renditions, whose names change whenever their content does, a day for originals. Its
Content-Type comes from the name's extension, from our own table: Python 3.11's knows no
WebP without the system's mime.types, and S3 would answer application/octet-stream.
"""

from __future__ import annotations

import posixpath

from storages.backends.s3 import S3Storage

from newsdesk.images.renditions import ROOT as RENDITIONS_ROOT
from newsdesk.site.views import IMMUTABLE, MEDIA_MAX_AGE

# Every extension pixels.ACCEPTED and the renditions store under.
CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        # ``name`` arrives with the bucket prefix (``location``) in front.
        relative = posixpath.relpath(name, self.location) if self.location else name
        if relative.startswith(RENDITIONS_ROOT + "/"):
            params["CacheControl"] = IMMUTABLE
        else:
            params.setdefault("CacheControl", MEDIA_MAX_AGE)
        content_type = CONTENT_TYPES.get(posixpath.splitext(name)[1].lstrip(".").lower())
        if content_type:
            params.setdefault("ContentType", content_type)
        return params
