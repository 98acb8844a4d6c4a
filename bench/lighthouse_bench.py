"""Lighthouse performance of the demo's article page with a 4000x3000 photo (issue 17).

    .venv/bin/python bench/lighthouse_bench.py [--runs 3] [--presets mobile,desktop]

Serves the demo newsroom as `make run` does (granian, 2 workers, --backpressure 16, embedded
SQLite, page cache on) from a fresh data folder: migrate, load_demo, load_demo_views,
renditions, collectstatic. Then runs Lighthouse (npm `lighthouse`, installed once under
.cache/lighthouse/, never committed) with Debian's Chromium, performance category only, in
each preset (mobile: Lighthouse's default Moto G Power, 412 px at DPR 1.75, simulated slow 4G
and 4x CPU slowdown; desktop: 1350 px at DPR 1), alternating between:

- **photo**: the demo's first article, whose lead image is the 4000x3000 photo-like picture;
- **graphic** (the reference, same run): the demo's second article, whose lead image is one of
  the generated graphics, on the same server;
- **detailed**: the demo's third article with its lead image replaced (in the bench's own
  database, before the server starts) by a 4000x3000 JPEG uploaded through
  ``images.services.image_create``: the demo's ridge with colour texture at a 4-pixel scale
  added, so detail survives the reduction to a rendition (3.5 MB uploaded, a 960-pixel AVIF of
  about 110 KB, like a sharp photograph's or more). The demo's own photo is soft (painted small
  and scaled up): its 960-pixel AVIF is about 5 KB, which says little about a real photo's
  bytes on a slow connection.

Each page gets one unmeasured load first (the page cache then holds it: a reader's page is
served from there), then ``--runs`` Lighthouse runs; the median score is reported with LCP,
the LCP element, the image requested for it (it must be a rendition sized for the viewport,
never the original), every image the page fetched, and the failing audits. Lighthouse's own
CPU benchmark index of this machine is printed with each run: on a loaded machine its
simulated timings are longer. Figures go to bench/results/lighthouse.json, each report to
bench/results/lighthouse-<page>-<preset>-<n>.json.

``--commit REV`` serves that commit's code (``git archive`` into a temporary folder, first on
the Python path) instead of the working tree, so the figures describe a named commit even while
others edit the checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.common import Server, save_result  # noqa: E402

LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# As tests/browser/conftest.py: without the background-networking flags Chromium keeps trying
# to reach Google's hosts, which this closed network refuses.
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "photo": "army-fields-counter-drone-jammers-at-forward-outposts",
    "graphic": "howitzer-battalion-completes-first-live-fire-with-automated-loader",
    "detailed": "reservist-training-shifts-to-simulators-and-shorter-camps",
}
RESULTS = ROOT / "bench" / "results"


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(ROOT / ".cache" / "lighthouse"),
                "lighthouse@12",
            ],
            check=True,
        )


def lighthouse_version() -> str:
    package = LIGHTHOUSE.resolve().parents[1] / "package.json"
    return json.loads(package.read_text())["version"]


def run_lighthouse(url: str, preset: str, out: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    return json.loads(out.read_text())


def image_requests(report: dict) -> list[dict]:
    items = report["audits"]["network-requests"]["details"]["items"]
    return [
        {
            "url": item["url"],
            "transfer_bytes": item.get("transferSize", 0),
            "mime": item.get("mimeType", ""),
            "priority": item.get("priority", ""),
        }
        for item in items
        if item.get("resourceType") == "Image"
    ]


def lcp_facts(report: dict) -> dict:
    audits = report["audits"]
    element = None
    details = audits.get("largest-contentful-paint-element", {}).get("details", {})
    for table in details.get("items", []):
        for row in table.get("items", []):
            if isinstance(row.get("node"), dict):
                element = row["node"]
                break
        if element:
            break
    lcp_url = None
    prioritize = audits.get("prioritize-lcp-image", {}).get("details") or {}
    path = (prioritize.get("debugData") or {}).get("initiatorPath") or []
    if path:
        lcp_url = path[0]["url"]
    elif prioritize.get("items"):
        lcp_url = prioritize["items"][0].get("url")
    return {
        "element": (element or {}).get("snippet"),
        "selector": (element or {}).get("selector"),
        "image_url": lcp_url,
    }


def failing(report: dict) -> list[dict]:
    """Audits of the performance category that did not pass, with what they say."""
    out = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if score is None or audit.get("scoreDisplayMode") in ("notApplicable", "informative"):
            continue
        if score < 0.9:
            out.append(
                {
                    "id": ref["id"],
                    "weight": ref.get("weight", 0),
                    "score": score,
                    "display": audit.get("displayValue", ""),
                    "title": audit.get("title", ""),
                }
            )
    return sorted(out, key=lambda a: (-a["weight"], a["score"]))


def summarise(report: dict) -> dict:
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si_ms": audits["speed-index"]["numericValue"],
        "benchmark_index": report["environment"].get("benchmarkIndex"),
        "lcp": lcp_facts(report),
        "images": image_requests(report),
        "failing": failing(report),
        "weights": {
            ref["id"]: audits[ref["id"]].get("score")
            for ref in report["categories"]["performance"]["auditRefs"]
            if ref.get("weight")
        },
    }


def detailed_photo(seed: int = 7) -> bytes:
    """The demo's ridge at 4000x3000 with colour texture 4 pixels across (noise drawn at a
    quarter of the size and scaled up), so a 960-pixel rendition keeps detail to encode."""
    import io

    from PIL import Image, ImageChops

    from newsdesk.newsroom.demo.images.photo import render_photo

    with Image.open(io.BytesIO(render_photo(seed=seed))) as source:
        exif = source.info.get("exif")
        picture = source.convert("RGB")
    small = (picture.width // 4, picture.height // 4)
    texture = Image.merge("RGB", [Image.effect_noise(small, 24) for _ in range(3)]).resize(
        picture.size, Image.Resampling.BICUBIC
    )
    out = io.BytesIO()
    ImageChops.add(picture, texture, 1.0, -128).save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def upload_detailed(server: Server) -> None:
    """Uploads detailed_photo() and makes it the lead image of PAGES["detailed"]."""
    path = server.tmp / "detailed.jpg"
    path.write_bytes(detailed_photo())
    server.python(
        "import django; django.setup()\n"
        "from pathlib import Path\n"
        "from newsdesk.images.services import image_create\n"
        "from newsdesk.newsroom.models import Article\n"
        f"image = image_create(data=Path({str(path)!r}).read_bytes(), filename='detailed.jpg',"
        " alt_text='A ridge at dusk, its slopes covered in fine texture.', credit='Bench')\n"
        f"Article.objects.filter(slug={PAGES['detailed']!r}).update(lead_image=image)\n"
    )


def is_original(url: str) -> bool:
    """A library original (``/media/images/<name>.jpg``), not a rendition."""
    return "/media/images/" in url and "/renditions/" not in url


def rendition_width(url: str) -> int | None:
    match = re.search(r"/w(\d+)\.(avif|webp|jpg)$", url or "")
    return int(match.group(1)) if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--commit", help="serve this commit's code, not the working tree")
    args = parser.parse_args()
    presets = args.presets.split(",")
    install_lighthouse()
    if not Path(CHROME).exists():
        sys.exit(f"{CHROME} is missing: apt-get install chromium (or `make browser`)")

    code = None
    if args.commit:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", args.commit],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        code = Path(tempfile.mkdtemp(prefix="newsdesk-lighthouse-code-"))
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        # First on the path for every process the server starts (and no checkout in the
        # current folder to shadow it).
        os.environ["PYTHONPATH"] = str(code)
        os.chdir(code)
        print(f"serving commit {rev} from {code}")
    server = Server()
    server.env["SITE_URL"] = server.url
    try:
        server.prepare()
        server.manage("load_demo")
        server.manage("load_demo_views")
        server.manage("renditions")
        upload_detailed(server)
        server.start()
        urls = {}
        for page, slug in PAGES.items():
            path = server.python(
                "import django; django.setup()\n"
                "from newsdesk.newsroom.models import Article\n"
                f"a = Article.objects.get(slug={slug!r})\n"
                "print(a.get_absolute_url()); print(a.lead_image.width, a.lead_image.height)"
            ).split()
            urls[page] = server.url + path[0]
            print(f"{page}: {urls[page]} (lead image {path[1]}x{path[2]})")
            urllib.request.urlopen(urls[page], timeout=30).read()  # noqa: S310 - warm the cache

        results: dict[str, dict[str, list[dict]]] = {
            page: {preset: [] for preset in presets} for page in PAGES
        }
        for n in range(args.runs):
            for preset in presets:
                for page, url in urls.items():
                    out = RESULTS / f"lighthouse-{page}-{preset}-{n + 1}.json"
                    facts = summarise(run_lighthouse(url, preset, out))
                    results[page][preset].append(facts)
                    print(
                        f"run {n + 1} {preset:<7} {page:<8} score {facts['score']:3d}  "
                        f"LCP {facts['lcp_ms']:6.0f} ms  FCP {facts['fcp_ms']:6.0f} ms  "
                        f"TBT {facts['tbt_ms']:4.0f} ms  CLS {facts['cls']:.3f}  "
                        f"LCP image {facts['lcp']['image_url']}  "
                        f"(benchmark index {facts['benchmark_index']:.0f})"
                    )
    finally:
        server.stop()
        if code:
            os.chdir(ROOT)
            shutil.rmtree(code, ignore_errors=True)

    summary = {
        "lighthouse": lighthouse_version(),
        "runs": args.runs,
        "commit": args.commit and rev,
        "pages": {},
    }
    print(f"\nLighthouse {summary['lighthouse']}, {args.runs} run(s) each, medians:")
    for page in PAGES:
        for preset in presets:
            runs = results[page][preset]
            score = statistics.median(r["score"] for r in runs)
            lcp = statistics.median(r["lcp_ms"] for r in runs)
            last = runs[-1]
            originals = sorted(
                {i["url"] for r in runs for i in r["images"] if is_original(i["url"])}
            )
            lcp_urls = sorted({r["lcp"]["image_url"] or "-" for r in runs})
            summary["pages"][f"{page}/{preset}"] = {
                "scores": [r["score"] for r in runs],
                "median_score": score,
                "lcp_ms": [r["lcp_ms"] for r in runs],
                "median_lcp_ms": lcp,
                "lcp_image_urls": lcp_urls,
                "lcp_element": last["lcp"]["element"],
                "originals_requested": originals,
                "images": last["images"],
                "failing": last["failing"],
                "benchmark_index": [r["benchmark_index"] for r in runs],
            }
            print(
                f"{preset:<7} {page:<8} score {score:5.1f} {[r['score'] for r in runs]}  "
                f"LCP {lcp:6.0f} ms"
            )
            print(f"  LCP element: {last['lcp']['element']}")
            for url in lcp_urls:
                width = rendition_width(url)
                print(f"  LCP image: {url}" + (f" ({width} px wide rendition)" if width else ""))
            print(f"  originals requested: {originals or 'none'}")
            for image in last["images"]:
                print(f"  image: {image['url']} {image['transfer_bytes']:,} B {image['priority']}")
            for audit in last["failing"]:
                print(
                    f"  not passed: {audit['id']} (weight {audit['weight']}, "
                    f"score {audit['score']}) {audit['display']}"
                )
    target = save_result("lighthouse", {"summary": summary, "runs": results})
    print(f"figures: {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
