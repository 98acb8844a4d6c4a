import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR = FIXTURES / "harbour.xml"


def picture(kind: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, (40, 90, 120)).save(out, kind)
    return out.getvalue()


@pytest.fixture
def media_dir(tmp_path) -> Path:
    """The old site's wp-content/uploads tree, with the two attachments' files."""
    (tmp_path / "2019/05").mkdir(parents=True)
    (tmp_path / "2019/04").mkdir(parents=True)
    (tmp_path / "2019/05/patrol-boat.png").write_bytes(picture("PNG", (64, 48)))
    (tmp_path / "2019/04/lighthouse.jpg").write_bytes(picture("JPEG", (80, 60)))
    return tmp_path


@pytest.fixture
def run_import(db, media_dir):
    from newsdesk.imports.services import wordpress_import

    def run(path=HARBOUR, **options):
        options.setdefault("media_dir", media_dir)
        return wordpress_import(path=path, **options)

    return run


@pytest.fixture
def imported(run_import):
    return run_import()
