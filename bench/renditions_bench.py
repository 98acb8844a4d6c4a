"""Uploads of 12-megapixel photos through the image library: time, peak memory and storage per
image, against Pillow's own decode-and-save of the same file in the same run (issue 17).

    nice -n 10 .venv/bin/python bench/renditions_bench.py [--count 1000] [--fresh 5]

For each of ``--count`` images: a distinct 4000x3000 photo-like JPEG is made outside the timed
part (the demo's ``render_photo`` with its own seed, a different ridge line, plus colour sensor
noise so the file is a camera's 3 to 4 MB rather than the demo's 0.9 MB and the decoder and
encoders do real work; ``--grain 0`` uploads the demo's photo as it is). Then, in turn:

- **reference**: Pillow alone decodes the same bytes in full once and saves one 1920-pixel JPEG
  (LANCZOS, quality 82, progressive, as the library's JPEG rendition);
- **upload**: ``images.services.image_create`` on the same bytes, on a fresh SQLite database and
  data folder: the checks (full decode), the re-encoded original without EXIF/GPS, the row, and
  every rendition (5 widths x AVIF/WebP/JPEG, two squares x 3, the card: 22 files).

The order of the two alternates from one image to the next, so a slow patch of the shared machine
falls on both. Reported: p50/p95/max of each and of upload / reference per image.

Memory, two ways, because Pillow's pixel buffers are C allocations that tracemalloc never sees:

- **in this process, every image**: the resident set's high-water mark (``VmHWM``) is reset before
  each upload (``/proc/self/clear_refs``, Linux) and read after it, so each image has its own
  peak, reported as it is and above the resident set just before the upload. That is what a
  server worker that takes one upload after another looks like. Before each step freed memory
  is handed back (``malloc_trim``, not timed), so "above" is not hidden by pages an earlier
  photo left in malloc's pools; the resident set after the last image against after the first
  shows whether it grows.
- **in fresh processes, ``--fresh`` images** (default 5, the first ones): each upload alone in a
  new Python with Django set up and the bytes in hand; its peak is ``ru_maxrss`` after the upload
  minus the resident set before it (what one upload costs a new worker), with tracemalloc's peak
  of Python allocations beside it (the bytes objects: upload, cleaned original, renditions).

Storage per image: the stored original plus every rendition, in bytes, read from the data folder.
The files of each image are deleted after they are measured (not timed) unless ``--keep``, so a
full run needs about 10 MB of disk at a time rather than 5 GB. Figures go to
bench/results/renditions.json.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.common import save_result  # noqa: E402

REFERENCE_WIDTH = 1920


def setup_django(tmp: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.local"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'renditions.sqlite3'}"
    os.environ["NEWSDESK_DATA_DIR"] = str(tmp / "data")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("MEDIA_ROOT", None)
    import django

    django.setup()


_NOISE: dict[int, object] = {}


def photo(seed: int, grain: int = 10) -> bytes:
    """A distinct 4000x3000 photo-like JPEG with camera EXIF and GPS: the demo's ridge at dusk
    for ``seed``, with colour sensor noise of ``grain`` levels (standard deviation) added, so
    the file is the size of a camera's (3 to 4 MB at quality 90 for the default 10; 0 gives
    the demo's own 0.9 MB file). The noise is cut from one larger field at an offset the seed
    picks, so every photo's grain differs without paying for new noise each time."""
    import random

    from PIL import Image, ImageChops

    from newsdesk.newsroom.demo.images.photo import render_photo

    data = render_photo(seed=seed)
    if not grain:
        return data
    with Image.open(io.BytesIO(data)) as source:
        exif = source.info.get("exif")
        picture = source.convert("RGB")
    if grain not in _NOISE:
        size = (picture.width + 400, picture.height + 300)
        _NOISE[grain] = Image.merge("RGB", [Image.effect_noise(size, grain) for _ in range(3)])
    rng = random.Random(seed)
    x, y = rng.randrange(400), rng.randrange(300)
    noise = _NOISE[grain].crop((x, y, x + picture.width, y + picture.height))
    out = io.BytesIO()
    ImageChops.add(picture, noise, 1.0, -128).save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def reference(data: bytes) -> int:
    """Pillow alone: decode the whole 12 MP JPEG once, save one 1920-pixel JPEG."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as source:
        source.load()
        height = round(source.height * REFERENCE_WIDTH / source.width)
        small = source.resize((REFERENCE_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return len(out.getvalue())


def upload(data: bytes, seed: int):
    from newsdesk.images.services import image_create

    return image_create(
        data=data, filename=f"bench-photo-{seed}.jpg", alt_text=f"A ridge at dusk ({seed})"
    )


def stored_bytes(image) -> tuple[int, int]:
    """(bytes of the stored original, bytes of its renditions) on disk."""
    from django.conf import settings

    from newsdesk.images import renditions

    media = Path(settings.MEDIA_ROOT)
    original = (media / image.file.name).stat().st_size
    folder = media / renditions.ROOT / str(image.pk)
    made = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return original, made


def remove_files(image) -> None:
    from django.conf import settings

    from newsdesk.images import renditions

    media = Path(settings.MEDIA_ROOT)
    shutil.rmtree(media / renditions.ROOT / str(image.pk), ignore_errors=True)
    (media / image.file.name).unlink(missing_ok=True)


def proc_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def trim() -> None:
    """Hands memory the allocator keeps after frees back to the system (glibc), so the resident
    set before a step holds what is live, not what an earlier photo left in malloc's pools."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def reset_high_water() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]

    return {
        "p50": statistics.median(ordered),
        "p95": at(0.95),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


def fresh_worker(seed: int, path: str) -> None:
    """One upload of the photo in ``path`` in this new process; prints its figures as JSON."""
    import json
    import tracemalloc

    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-renditions-fresh-"))
    try:
        setup_django(tmp)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from newsdesk.images.models import Image  # noqa: F401 - loaded before the baseline

        # Made by the parent: generating a photo here would leave its own peak in ru_maxrss.
        data = Path(path).read_bytes()
        # Import what the upload path imports, so the baseline holds the code, not the work.
        from newsdesk.images import pixels, renditions, services  # noqa: F401

        trim()
        before_kb = proc_kb("VmRSS")
        max_before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        reset = reset_high_water()
        tracemalloc.start()
        started = time.perf_counter()
        image = upload(data, seed)
        seconds = time.perf_counter() - started
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        max_after_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # The high-water mark since the reset when Linux allows it, else the process's.
        peak_kb = proc_kb("VmHWM") if reset else max_after_kb
        print(
            json.dumps(
                {
                    "seed": seed,
                    "seconds": seconds,
                    "rss_before_mb": before_kb / 1024,
                    "peak_rss_mb": peak_kb / 1024,
                    "peak_growth_mb": (peak_kb - before_kb) / 1024,
                    "maxrss_before_mb": max_before_kb / 1024,
                    "maxrss_after_mb": max_after_kb / 1024,
                    "tracemalloc_peak_mb": traced_peak / 2**20,
                    "width": image.width,
                    "height": image.height,
                }
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_fresh(seeds: list[int], grain: int) -> list[dict]:
    import json

    results = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-renditions-photo-") as folder:
        for seed in seeds:
            path = Path(folder) / f"{seed}.jpg"
            path.write_bytes(photo(seed, grain))
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(seed), "--photo", str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="images uploaded (default 1000)")
    parser.add_argument("--fresh", type=int, default=5, help="images also run in a new process")
    parser.add_argument("--keep", action="store_true", help="keep every image's files on disk")
    parser.add_argument("--grain", type=int, default=10, help="sensor noise; 0: demo photo")
    parser.add_argument("--seed", type=int, default=1000, help="seed of the first photo")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--photo", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        fresh_worker(args.worker, args.photo)
        return

    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-renditions-"))
    try:
        setup_django(tmp)
        from django.core.management import call_command
        from tqdm import tqdm

        call_command("migrate", verbosity=0)
        from newsdesk.images import pixels, renditions, services  # noqa: F401

        can_reset = reset_high_water()
        rows = []
        started_all = time.perf_counter()
        with tqdm(total=args.count, desc="Uploads", unit="image") as bar:
            for i in range(args.count):
                seed = args.seed + i
                data = photo(seed, args.grain)  # not timed
                ref_first = i % 2 == 0
                timings = {}
                for step in ("reference", "upload") if ref_first else ("upload", "reference"):
                    trim()  # not timed
                    if step == "upload":
                        rss_before = proc_kb("VmRSS")
                        reset_high_water()
                        t0 = time.perf_counter()
                        image = upload(data, seed)
                        timings["upload"] = time.perf_counter() - t0
                        hwm = proc_kb("VmHWM")
                    else:
                        t0 = time.perf_counter()
                        reference(data)
                        timings["reference"] = time.perf_counter() - t0
                original, made = stored_bytes(image)
                rows.append(
                    {
                        "seed": seed,
                        "upload_bytes": len(data),
                        "upload_s": timings["upload"],
                        "reference_s": timings["reference"],
                        "ratio": timings["upload"] / timings["reference"],
                        "rss_before_mb": rss_before / 1024,
                        "rss_peak_mb": hwm / 1024,
                        "rss_peak_above_mb": (hwm - rss_before) / 1024,
                        "rss_after_mb": proc_kb("VmRSS") / 1024,
                        "original_bytes": original,
                        "renditions_bytes": made,
                        "renditions": len(renditions._plan(image)),
                    }
                )
                if not args.keep:
                    remove_files(image)
                bar.set_postfix(
                    upload=f"{timings['upload']:.2f}s", ratio=f"{rows[-1]['ratio']:.2f}"
                )
                bar.update()
        wall = time.perf_counter() - started_all
        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    fresh = run_fresh([args.seed + i for i in range(min(args.fresh, args.count))], args.grain)

    summary = {
        "count": args.count,
        "grain": args.grain,
        "wall_s": wall,
        "load_average_at_end": os.getloadavg(),
        "cpus": os.cpu_count(),
        "nice": os.nice(0),
        "high_water_reset_per_image": can_reset,
        "upload_s": percentiles([r["upload_s"] for r in rows]),
        "reference_s": percentiles([r["reference_s"] for r in rows]),
        "ratio": percentiles([r["ratio"] for r in rows]),
        "rss_peak_mb": percentiles([r["rss_peak_mb"] for r in rows]),
        "rss_peak_above_mb": percentiles([r["rss_peak_above_mb"] for r in rows]),
        "rss_after_first_mb": rows[0]["rss_after_mb"],
        "rss_after_last_mb": rows[-1]["rss_after_mb"],
        "process_maxrss_mb": maxrss_mb,
        "upload_bytes": percentiles([r["upload_bytes"] for r in rows]),
        "original_bytes": percentiles([r["original_bytes"] for r in rows]),
        "renditions_bytes": percentiles([r["renditions_bytes"] for r in rows]),
        "stored_bytes": percentiles([r["original_bytes"] + r["renditions_bytes"] for r in rows]),
        "renditions_per_image": rows[0]["renditions"],
        "fresh": fresh,
    }
    save_result("renditions", {"summary": summary, "images": rows})

    def line(label: str, stats: dict, unit: str, scale: float = 1.0, digits: int = 2) -> None:
        print(
            f"{label:<44} p50 {stats['p50'] * scale:8.{digits}f}"
            f"  p95 {stats['p95'] * scale:8.{digits}f}"
            f"  max {stats['max'] * scale:8.{digits}f} {unit}"
        )

    print(
        f"\n{args.count} uploads of distinct 4000x3000 JPEGs in {wall:.0f} s "
        f"(load average at the end {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs, "
        f"nice {os.nice(0)})"
    )
    line("upload (checks, original, 22 renditions)", summary["upload_s"], "s")
    line("reference (Pillow: decode, one 1920px JPEG)", summary["reference_s"], "s")
    line("upload / reference, per image", summary["ratio"], "x")
    ratio_of_medians = summary["upload_s"]["p50"] / summary["reference_s"]["p50"]
    print(f"{'median upload / median reference':<44} {ratio_of_medians:.2f} x")
    if can_reset:
        line("peak RSS during the upload", summary["rss_peak_mb"], "MB", digits=0)
        line("  of which above the RSS just before", summary["rss_peak_above_mb"], "MB", digits=0)
    print(
        f"{'RSS after the first / last image':<44} {summary['rss_after_first_mb']:.0f} / "
        f"{summary['rss_after_last_mb']:.0f} MB; process max RSS {maxrss_mb:.0f} MB"
    )
    for f in fresh:
        print(
            f"fresh process, photo {f['seed']}: {f['seconds']:.2f} s,"
            f" peak RSS {f['peak_rss_mb']:.0f} MB"
            f" ({f['peak_growth_mb']:.0f} MB above the {f['rss_before_mb']:.0f} MB before), "
            f"tracemalloc peak {f['tracemalloc_peak_mb']:.1f} MB"
        )
    mb = 1e6
    line("uploaded file", summary["upload_bytes"], "MB", 1 / mb)
    line("stored original (re-encoded, no EXIF/GPS)", summary["original_bytes"], "MB", 1 / mb)
    line(
        f"renditions ({summary['renditions_per_image']} files)",
        summary["renditions_bytes"],
        "MB",
        1 / mb,
    )
    line("stored in all per image", summary["stored_bytes"], "MB", 1 / mb)
    print("figures: bench/results/renditions.json")


if __name__ == "__main__":
    main()
