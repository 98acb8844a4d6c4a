"""Which scene and subject a lead image shows, from its section and headline.

The demo content relies on :func:`scene_for`: each article's alt text describes the subject this
function chooses for its headline, so changing a keyword means checking those alt texts.
"""

# (subject, headline keywords) in priority order per scene; the first match wins, and the last
# entry of each scene, with no keywords, is its default subject.
SUBJECTS = {
    "land": [
        ("drone", ("drone", "unmanned", "robot", "surveillance")),
        ("artillery", ("howitzer", "artillery", "rocket", "mortar", "gun ")),
        ("tank", ()),
    ],
    "air": [
        ("radar", ("radar", "interceptor", "missile defense", "missile-warning")),
        ("satellite", ("satellite", "space", "orbit", "telescope")),
        ("drone", ("drone", "unmanned")),
        ("jet", ()),
    ],
    "naval": [
        ("submarine", ("submarine",)),
        ("warship", ()),
    ],
    "policy": [
        ("globe", ("export", "overseas", "buyer", "customer", "alliance", "space")),
        ("chart", ()),
    ],
}


def scene_kind(section: str) -> str:
    """Map a section slug or name to one of the four scene families."""
    section = section.lower()
    if "land" in section or "army" in section or "ground" in section:
        return "land"
    if "air" in section or "space" in section:
        return "air"
    if "nav" in section or "sea" in section or "marit" in section:
        return "naval"
    return "policy"


def scene_for(section: str, title: str) -> tuple[str, str]:
    """Return ``(scene, subject)`` for a section and headline."""
    scene = scene_kind(section)
    padded_title = f" {title.lower()} "
    for subject, keywords in SUBJECTS[scene]:
        if not keywords or any(word in padded_title for word in keywords):
            return scene, subject
    raise AssertionError("unreachable: every scene has a default subject")
