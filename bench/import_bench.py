"""A big WordPress import: time and memory of `newsdesk import wordpress` on a generated export
(issue 18's benchmark), first run and a second run of the unchanged file.

    nice -n 10 .venv/bin/python bench/import_bench.py [--posts 20000] [--comments 100000]
        [--attachments 5000] [--small 10] [--postgres]

What it does, in a fresh data folder and database (SQLite by default, ``--postgres`` a new
database on BENCH_PG_URL):

1. Writes a WXR 1.2 file (not timed): ``--posts`` posts over 12 categories and 400 tags,
   spread over ten years, in every state the importer reads (mostly published, some drafts,
   pending, private, future), about a fifth of them with two Co-Authors Plus bylines, bodies of
   four to nine paragraphs in block-editor or classic markup with a link to an earlier post and
   now and then a ``[caption]`` picture; ``--comments`` comments spread over the posts, a
   third of them replies (some to replies), in every approval state, 2% over the 300-character
   limit; ``--attachments`` attachments, each a distinct small JPEG (480x360) in the
   ``--media-dir`` tree, a featured image of one post in four.
2. **Reference, same file, same machine, just before the import**: defusedxml's ``iterparse``
   over the whole file twice (the importer reads it twice), clearing each element, nothing
   else. The import's time is reported against it (import / parse): what the work behind the
   reading costs, in a figure a busy shared machine moves less than seconds.
3. **The import** as a user runs it: ``manage.py import wordpress FILE --media-dir DIR`` in its
   own process; its peak resident set (``ru_maxrss`` from ``wait4``) and the resident set
   sampled every half second, reported at each tenth of the run (flat memory: the late samples
   are no higher than the early ones beyond noise).
4. **The second run** of the same unchanged file: time and peak memory (it should write
   nothing; the report's "created" and "updated" counts are checked to be zero).
5. With ``--small N`` (default 10), the same three steps first on a file N times smaller, so
   the peak memory of the two sizes can be compared: memory that grows with the file shows
   as a larger peak for the large file beyond the maps of ids (a few hundred bytes a post).

Figures go to bench/results/import.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.common import PG_URL, save_result  # noqa: E402

SITE = "https://old-desk.example"
WORDS = (
    "battalion brigade corvette frigate radar sortie drill harbour runway convoy ministry "
    "procurement budget artillery howitzer launcher missile interceptor satellite patrol "
    "destroyer submarine engineer logistics garrison reserve command exercise coast border "
    "island strait airfield hangar squadron pilot sailor marine cadet academy treaty summit "
    "delegation tender contract prototype trial engine armour sensor network signal"
).split()
CATEGORIES = [
    ("army", "Army"),
    ("navy", "Navy"),
    ("air-force", "Air Force"),
    ("industry", "Industry"),
    ("policy", "Policy"),
    ("budget", "Budget"),
    ("space", "Space"),
    ("cyber", "Cyber"),
    ("exercises", "Exercises"),
    ("diplomacy", "Diplomacy"),
    ("opinion", "Opinion"),
    ("analysis", "Analysis"),
]
STATES = ["publish"] * 86 + ["draft"] * 5 + ["pending"] * 3 + ["private"] * 3 + ["future"] * 3
APPROVALS = ["1"] * 85 + ["0"] * 7 + ["spam"] * 5 + ["trash"] * 3


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, k=n)
    return " ".join(words).capitalize() + "."


def small_jpeg(seed: int) -> bytes:
    """A distinct 480x360 JPEG: a few coloured blocks placed by the seed."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (480, 360), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(440), rng.randrange(320)
        w, h = rng.randrange(20, 200), rng.randrange(20, 160)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def write_export(path: Path, media: Path, posts: int, comments: int, attachments: int) -> dict:
    """The WXR file and the uploads tree; returns what it holds."""
    rng = random.Random(20261207)
    start = datetime(2016, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 11, 1, tzinfo=UTC) - start).total_seconds()
    authors = [(f"writer{i}", f"Writer {i} Kim") for i in range(1, 31)]
    tags = [(f"topic-{i}", f"Topic {i}") for i in range(400)]
    post_ids = [1000 + i for i in range(posts)]
    times = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(posts))
    featured = {}  # post index -> attachment id
    per_post = [0] * posts
    for _ in range(comments):
        per_post[rng.randrange(posts)] += 1
    comment_id = 1
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            ' xmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Old Desk</title><link>{SITE}</link><description>Benchmark</description>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"<wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for i, (login, name) in enumerate(authors, start=2):
            out.write(
                f"<wp:author><wp:author_id>{i}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(login + '@old-desk.example')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for i, (slug, name) in enumerate(CATEGORIES, start=10):
            out.write(
                f"<wp:category><wp:term_id>{i}</wp:term_id>"
                f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
                f"<wp:category_parent>{cdata('')}</wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for i, (slug, name) in enumerate(tags, start=100):
            out.write(
                f"<wp:tag><wp:term_id>{i}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
            )
        for a in range(attachments):
            attachment_id = 100_000 + a
            when = times[rng.randrange(posts)]
            rel = f"{when:%Y/%m}/picture-{a}.jpg"
            (media / rel).parent.mkdir(parents=True, exist_ok=True)
            (media / rel).write_bytes(small_jpeg(a))
            featured[rng.randrange(posts) if a >= posts // 4 else a * 4 % posts] = attachment_id
            out.write(
                "<item>"
                f"<title>{cdata(f'Picture {a}')}</title>"
                f"<link>{SITE}/?attachment_id={attachment_id}</link>"
                f"<dc:creator>{cdata(authors[a % len(authors)][0])}</dc:creator>"
                f"<content:encoded>{cdata('')}</content:encoded>"
                f"<excerpt:encoded>{cdata(sentence(rng, 8))}</excerpt:encoded>"
                f"<wp:post_id>{attachment_id}</wp:post_id>"
                f"<wp:post_date_gmt>{cdata(f'{when:%Y-%m-%d %H:%M:%S}')}</wp:post_date_gmt>"
                f"<wp:post_name>{cdata(f'picture-{a}')}</wp:post_name>"
                f"<wp:status>{cdata('inherit')}</wp:status>"
                f"<wp:post_type>{cdata('attachment')}</wp:post_type>"
                f"<wp:attachment_url>{cdata(f'{SITE}/wp-content/uploads/{rel}')}"
                "</wp:attachment_url>"
                "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
                f"<wp:meta_value>{cdata(rel)}</wp:meta_value></wp:postmeta>"
                "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
                f"<wp:meta_value>{cdata(sentence(rng, 6))}</wp:meta_value></wp:postmeta>"
                "</item>\n"
            )
        for p in range(posts):
            post_id, when = post_ids[p], times[p]
            slug = f"{'-'.join(rng.choices(WORDS, k=4))}-{p}"
            state = rng.choice(STATES)
            if state == "future":
                when = datetime(2027, 6, 1, tzinfo=UTC) + timedelta(hours=p % 500)
            paragraphs = [sentence(rng, rng.randrange(20, 60)) for _ in range(rng.randrange(4, 10))]
            if p > 0 and rng.random() < 0.3:
                paragraphs[1] += (
                    f' See <a href="{SITE}/?p={post_ids[rng.randrange(p)]}">earlier</a>.'
                )
            picture = featured.get(p)
            if picture and rng.random() < 0.3:
                paragraphs.insert(
                    2,
                    f'[caption id="attachment_{picture}" align="aligncenter" width="480"]'
                    f'<img class="wp-image-{picture}" src="{SITE}/wp-content/uploads/x.jpg" '
                    f'alt="" width="480" height="360" /> {sentence(rng, 5)}[/caption]',
                )
            if p % 2:
                body = "\n\n".join(
                    f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"
                    for text in paragraphs
                )
            else:
                body = "\n\n".join(paragraphs)
            cats = rng.sample(CATEGORIES, k=rng.choice([1, 1, 2]))
            post_tags = rng.sample(tags, k=rng.randrange(0, 5))
            author = authors[p % len(authors)][0]
            terms = "".join(
                f'<category domain="category" nicename="{s}">{cdata(escape(n))}</category>'
                for s, n in cats
            ) + "".join(
                f'<category domain="post_tag" nicename="{s}">{cdata(n)}</category>'
                for s, n in post_tags
            )
            if p % 5 == 0:
                second = authors[(p + 7) % len(authors)][0]
                terms += "".join(
                    f'<category domain="author" nicename="cap-{login}">{cdata(login)}</category>'
                    for login in (author, second)
                )
            meta = (
                "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{cdata(str(picture))}</wp:meta_value></wp:postmeta>"
                if picture
                else ""
            )
            thread = []
            first_of_post = comment_id
            for c in range(per_post[p]):
                parent = 0
                if c and rng.random() < 1 / 3:
                    parent = rng.randrange(first_of_post, comment_id)
                text = sentence(rng, rng.randrange(8, 40))
                if rng.random() < 0.02:
                    text = " ".join([text] * 12)
                said = when + timedelta(minutes=10 + 7 * c)
                thread.append(
                    "<wp:comment>"
                    f"<wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata(f'Reader {comment_id % 5000}')}"
                    "</wp:comment_author>"
                    "<wp:comment_author_email>"
                    f"{cdata(f'reader{comment_id % 5000}@mail.example')}</wp:comment_author_email>"
                    f"<wp:comment_date_gmt>{cdata(f'{said:%Y-%m-%d %H:%M:%S}')}"
                    "</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(text)}</wp:comment_content>"
                    f"<wp:comment_approved>{cdata(rng.choice(APPROVALS))}</wp:comment_approved>"
                    f"<wp:comment_type>{cdata('comment')}</wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent>"
                    "</wp:comment>"
                )
                comment_id += 1
            out.write(
                "<item>"
                f"<title>{cdata(sentence(rng, 9)[:-1])}</title>"
                f"<link>{SITE}/{when:%Y/%m/%d}/{slug}/</link>"
                f"<dc:creator>{cdata(author)}</dc:creator>"
                f"<content:encoded>{cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{cdata(sentence(rng, 25))}</excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_date_gmt>{cdata(f'{when:%Y-%m-%d %H:%M:%S}')}</wp:post_date_gmt>"
                f"<wp:post_modified_gmt>{cdata(f'{when:%Y-%m-%d %H:%M:%S}')}"
                "</wp:post_modified_gmt>"
                f"<wp:comment_status>{cdata('open')}</wp:comment_status>"
                f"<wp:post_name>{cdata(slug)}</wp:post_name>"
                f"<wp:status>{cdata(state)}</wp:status>"
                f"<wp:post_type>{cdata('post')}</wp:post_type>"
                f"<wp:is_sticky>{1 if p == posts - 1 else 0}</wp:is_sticky>"
                f"{terms}{meta}{''.join(thread)}</item>\n"
            )
        out.write("</channel>\n</rss>\n")
    return {
        "posts": posts,
        "comments": comment_id - 1,
        "attachments": attachments,
        "file_mb": path.stat().st_size / 1e6,
    }


def parse_reference(path: Path) -> float:
    """Seconds for defusedxml's iterparse over the file twice, clearing as it goes."""
    from defusedxml.ElementTree import iterparse

    started = time.perf_counter()
    for _ in range(2):
        for _event, element in iterparse(str(path), events=("end",)):
            if element.tag == "item":
                element.clear()
    return time.perf_counter() - started


def rss_kb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) if match else None


def run_import(path: Path, media: Path, env: dict) -> dict:
    """One `import wordpress` in its own process: wall time, peak RSS, RSS samples, report."""
    samples: list[tuple[float, int]] = []
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "import",
            "wordpress",
            str(path),
            "--media-dir",
            str(media),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=None,  # the progress bars, to the terminal
        text=True,
    )
    done = threading.Event()

    def sample():
        while not done.wait(0.5):
            kb = rss_kb(proc.pid)
            if kb:
                samples.append((time.perf_counter() - started, kb))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"the import failed (exit {proc.returncode}):\n{output}")
    tenths = []
    for k in range(1, 11):
        at = [kb for t, kb in samples if t <= seconds * k / 10]
        tenths.append(round(at[-1] / 1024) if at else None)
    return {
        "seconds": seconds,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "rss_by_tenth_mb": tenths,
        "report": output,
    }


def counts(report: str, *words: str) -> int:
    """The sum of the report's numbers before each of ``words`` ("  articles: 12 created")."""
    total = 0
    for word in words:
        total += sum(int(n) for n in re.findall(rf"(\d+) {word}\b", report))
    return total


def one_size(label: str, posts, comments, attachments, postgres: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"newsdesk-import-{label}-"))
    pg_name = f"newsdesk_bench_{uuid.uuid4().hex[:8]}" if postgres else None
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.local",
        "NEWSDESK_DATA_DIR": str(tmp / "data"),
        "DATABASE_URL": f"{PG_URL}/{pg_name}" if postgres else f"sqlite:///{tmp / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    try:
        if postgres:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        media = tmp / "uploads"
        media.mkdir()
        print(f"[{label}] writing the export...", file=sys.stderr)
        held = write_export(tmp / "export.xml", media, posts, comments, attachments)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
            env=env,
            check=True,
        )
        print(f"[{label}] reference: parsing the file twice...", file=sys.stderr)
        reference = parse_reference(tmp / "export.xml")
        print(f"[{label}] first import...", file=sys.stderr)
        first = run_import(tmp / "export.xml", media, env)
        print(f"[{label}] second import of the same file...", file=sys.stderr)
        second_reference = parse_reference(tmp / "export.xml")
        second = run_import(tmp / "export.xml", media, env)
        wrote_again = counts(second["report"], "created", "updated")
        return {
            "label": label,
            **held,
            "parse_twice_s": reference,
            "first": first,
            "first_over_parse": first["seconds"] / reference,
            "second_parse_twice_s": second_reference,
            "second": second,
            "second_over_parse": second["seconds"] / second_reference,
            "second_run_wrote": wrote_again,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if postgres:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", pg_name],
                check=False,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--attachments", type=int, default=5_000)
    parser.add_argument("--small", type=int, default=10, help="also a file this many times smaller")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()
    sizes = []
    if args.small and args.small > 1:
        sizes.append(
            (
                "small",
                args.posts // args.small,
                args.comments // args.small,
                args.attachments // args.small,
            )
        )
    sizes.append(("full", args.posts, args.comments, args.attachments))
    results = [one_size(*size, args.postgres) for size in sizes]
    for result in results:
        for run in ("first", "second"):
            result[run]["report_tail"] = result[run].pop("report").splitlines()[-40:]
    target = save_result(
        "import",
        {"when": datetime.now(UTC).isoformat(), "postgres": args.postgres, "runs": results},
    )
    print(
        "| file | posts / comments / attachments | MB | parse x2 | first import "
        "(x parse) | peak RSS | RSS at 1/10 .. 10/10 | second run (x parse) | its peak | "
        "written again |"
    )
    print("|---|---|---:|---:|---|---:|---|---|---:|---:|")
    for r in results:
        first, second = r["first"], r["second"]
        print(
            f"| {r['label']} | {r['posts']:,} / {r['comments']:,} / {r['attachments']:,} "
            f"| {r['file_mb']:.0f} | {r['parse_twice_s']:.1f} s "
            f"| {first['seconds']:.0f} s ({r['first_over_parse']:.0f} x) "
            f"| {first['peak_rss_mb']:.0f} MB "
            f"| {' '.join(str(x) for x in first['rss_by_tenth_mb'])} "
            f"| {second['seconds']:.0f} s ({r['second_over_parse']:.1f} x) "
            f"| {second['peak_rss_mb']:.0f} MB | {r['second_run_wrote']} |"
        )
    print(f"figures: {target}")
    print(json.dumps([r["first"]["report_tail"][-12:] for r in results], indent=1))


if __name__ == "__main__":
    main()
