"""What publishing pictures costs (readers.pictureshop with the default IMAGE_* settings).

The benchmark's corpus has no pictures (plain Pelican's build would only copy them), so their cost
is measured here on its own: three 4032×3024 phone photos encoded into an empty cache (cold: every
size and format), then 300 pictures placed from the warm cache into an empty output, as every
build after the first does (it reads picture.json and links the cached files).
"""

from __future__ import annotations

import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTOS, PLACED = 3, 300


def phone_photo(seed: int) -> bytes:
    """A 4032×3024 JPEG with many colours, soft shapes and noise, about as costly as a real one."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = 4032, 3024
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180),
                                Image.effect_noise((width, height), 40)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse((x, y, x + 500, y + 300), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(2)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def report(work: Path | None = None) -> list[str]:
    sys.path.insert(0, str(ROOT / "plugins"))
    from readers.pictureshop import PictureShop

    folder = Path(tempfile.mkdtemp(prefix="pictures-", dir=work))
    try:
        sources = []
        for seed in range(PHOTOS):
            source = folder / "content" / f"foto-{seed}.jpg"
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(phone_photo(seed))
            sources.append(source)
        cache = folder / "cache"
        cold = PictureShop(folder / "cold", cache)
        seconds = []
        for source in sources:
            started = time.process_time()
            cold.publish(str(source), f"images/{source.name}")
            seconds.append(time.process_time() - started)
        cold.save()
        files = len(list((folder / "cold").rglob("*.*")))
        picture = cold.pictures[f"images/{sources[0].name}"]
        warm = PictureShop(folder / "warm", cache)
        started = time.perf_counter()
        for number in range(PLACED):
            warm.publish(str(sources[number % PHOTOS]), f"images/{number:03d}/foto.jpg")
        placed = time.perf_counter() - started
        source_mb = sum(source.stat().st_size for source in sources) / PHOTOS / 1024 / 1024
        largest = (folder / "cold" / picture.path).stat().st_size / 1024
        return [f"pictures (IMAGE_* defaults): a 4032×3024 phone photo ({source_mb:.1f} MB) becomes "
                f"{picture.size[0]}×{picture.size[1]} ({largest:.0f} KB) with {files // PHOTOS} files "
                f"(widths {', '.join(map(str, picture.widths))}; {', '.join(picture.formats)}): cold "
                f"{statistics.median(seconds):.2f} s CPU each (median of {PHOTOS}); warm, from the cache: "
                f"{placed / PLACED * 1000:.2f} ms per picture ({PLACED} placed in {placed:.2f} s)"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print("\n".join(report()))
