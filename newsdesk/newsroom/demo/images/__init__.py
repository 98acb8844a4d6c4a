"""Procedural pictures for the demo newsroom, drawn with Pillow alone.

:func:`render_lead_image` paints a flat, poster-like scene for an article (palette, scene and
subject from its section and headline, see ``scenes.py``); :func:`render_portrait` an avatar;
:func:`render_photo` a photograph-like picture at full camera size (``photo.py``). All derive
everything from ``random.Random(seed)``: the same arguments give the same bytes.
Scenes are drawn at twice the output size and reduced, for clean anti-aliased edges while
staying well under 80 ms per 1200x675 image.
"""

from .lead import render_lead_image
from .photo import render_photo
from .portrait import render_portrait

__all__ = ["render_lead_image", "render_photo", "render_portrait"]
