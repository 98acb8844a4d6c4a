"""The demo newsroom's live coverage: one finished live page and one still running.

Loaded by ``load_demo_live`` after ``load_demo`` (it needs the demo's editor, sections and
contributors); ``demo_live`` keeps adding updates to the running page. Everything goes through
the newsroom's and coverage's services; only the times are moved back afterwards, so the pages
read as if written over hours. All events, people and quotes here are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from newsdesk.coverage import services
from newsdesk.coverage.models import Update
from newsdesk.images import services as image_services
from newsdesk.images.models import Image
from newsdesk.newsroom import services as newsroom_services
from newsdesk.newsroom.demo import images, loader
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

EDITOR = "editor"  # load_demo's editor runs the demo's coverage and posts its updates


class DemoLiveError(Exception):
    """The demo's live pages cannot be made or fed here; the message says why."""


@dataclass(frozen=True)
class Page:
    headline: str
    slug: str
    section: str
    tags: tuple[str, ...]
    contributors: tuple[str, ...]
    summary: str
    body: str
    started_hours_ago: float
    closing_summary: str = ""  # closes the coverage when set


FINISHED = Page(
    headline="Live: drone incursion over northern Gyeonggi",
    slug="live-drone-incursion-over-northern-gyeonggi",
    section="air-space",
    tags=("drones", "north-korea"),
    contributors=("daniel-okafor", "choi-eun-ji"),
    summary="A small drone crossed the border before dawn and was tracked for over an hour "
    "before its wreckage turned up in a field. Our live coverage, update by update.",
    body="<p>A small unidentified drone crossed the border into northern Gyeonggi Province early "
    "this morning, setting off an air-defense alert, a search by helicopters and ground troops, "
    "and a brief pause to some flights in the capital area.</p><p>Our air power and Army "
    "correspondents followed the incursion as it unfolded.</p>",
    started_hours_ago=30,
    closing_summary="The drone crossed the border before dawn, flew south for about 70 minutes "
    "and was lost from radar over Yangju; its wreckage was found in a field later in the "
    "morning. Nobody was hurt. Investigators are now reading its camera and flight controller, "
    "and the defense minister has ordered a review of low-altitude detection.",
)
RUNNING = Page(
    headline="Live: capital-area air-defense drill",
    slug="live-capital-area-air-defense-drill",
    section="air-space",
    tags=("missile-defense", "training"),
    contributors=("daniel-okafor", "yoon-min-jae"),
    summary="A multi-hour air-defense drill is under way across the capital area, with "
    "interceptor batteries, fighter jets and a civil-defense exercise. Follow it here.",
    body="<p>Air-defense units across the capital area began a planned readiness drill this "
    "morning. It rehearses the answer to an air attack, from the first radar warning to "
    "interceptor launches simulated on consoles and shelters opened for the public.</p><p>No "
    "live missiles are fired. This page follows the drill as it goes on.</p>",
    started_hours_ago=0.85,
)

# The updates: "== <page> [<minutes after the start>] [key] [picture]", the text (paragraphs
# apart by blank lines, "- " list items), then optionally "-- edited" (the text after an edit,
# four minutes later) and "-- correction". demo_live posts the demo_live texts in turn.
POSTS = """
== finished 0 key
The Joint Chiefs of Staff say radar picked up a small unidentified drone crossing the border
into northern Gyeonggi Province shortly before dawn. Air-defense units have been told to track
it. We will follow events here.
== finished 6
A military official says the drone looks like a small fixed-wing type, roughly two meters
across, flying low. That description has not been confirmed.
== finished 11
Air-defense batteries along the border have been raised to a higher state of readiness.
Residents in Paju tell us they can hear helicopters overhead.
== finished 18
Two attack helicopters and a light attack aircraft have been sent to find the drone, according
to the Joint Chiefs. No weapon has been fired.
== finished 25
Air traffic control held a handful of departures in the capital area for about 20 minutes as a
precaution, the transport ministry says.
== finished 31
What we know so far:
- One small drone crossed the border before dawn.
- Helicopters and a light attack aircraft are searching.
- No shots have been fired and nobody has been hurt.
== finished 40
The drone was last tracked heading south-east at low altitude.
-- edited
The drone was last tracked heading south-east at low altitude, at roughly 100 km/h, according to
the Joint Chiefs.
== finished 48 picture
Our graphics desk's view of the hills north of Yangju, where the search is now
concentrated.
== finished 55 key
The military says it has lost radar contact with the drone over the hills near Yangju. Ground
units are searching the area.
== finished 63
Why is a drone this small so hard to follow? It reflects little radar energy, flies slowly and
close to the ground, and hides among birds and clutter from hills and buildings.
== finished 70
The defense ministry says it will brief reporters later today. It has not said where the drone
came from.
== finished 78
Residents of Yangju and Dongducheon received an emergency text asking them to report any
sighting and not to touch any object that may have fallen.
== finished 86
“A slow, low route like this one usually means someone wanted pictures, not a fight,” says Kang
Hye-rin, a researcher at the Seoul Center for Security Analysis.
== finished 95
Soldiers are walking the hillsides near Yeoncheon in lines, while the helicopters search from
above.
-- correction
The search described here was near Yangju, not near Yeoncheon as this update first said.
== finished 104
Flights in the capital area are running normally again, the transport ministry says.
== finished 115
The search area has been widened to the rice fields south of Yangju, a military official says.
== finished 126
Opposition members of the National Assembly's defense committee are asking for a closed briefing
this afternoon.
== finished 138
By the military's count, the drone spent about 70 minutes south of the border before radar lost
it.
== finished 150
Border outposts began receiving counter-drone jammers last year. The Army has not said whether
any were switched on this morning.
== finished 163
A farmer near Yangju has reported debris in a field. An explosive ordnance disposal team is on
its way.
== finished 175 key
The military confirms the debris is the wreckage of a small drone. The team has made it safe and
fenced off the field.
== finished 188
Officials describe a light fuselage of foam and plastic, a small engine and a camera under the
nose. The wings broke off in the fall.
== finished 200
Investigators will read the camera's memory card and the flight controller to rebuild the
drone's route.
== finished 215
The combined command with US forces was kept informed throughout and will take part in the
assessment, the ministry says.
== finished 232
The defense minister has ordered a review of how low-flying objects are detected along the
border, with a first report due within two weeks.
== finished 250
Schools in the area kept their normal timetable. Apart from traffic around the field, daily life
was not disrupted.
== finished 272
At the afternoon briefing, a spokesperson said there was no sign so far that the drone flew over
a military base, but the route is still being pieced together.
== finished 300
What happens next:
- Forensic work on the wreckage, which may take days.
- A closed briefing for the defense committee.
- The minister's review of low-altitude detection.
== finished 330
Search units have been stood down and air-defense readiness is back to normal.
== finished 365
We are closing our live coverage here. The summary above sums up the day; we will report on the
investigation as it goes on.
== running 0 key
The drill has started. Air-defense command centers around the capital area have moved to their
wartime posts for the exercise.
== running 9
Interceptor batteries are practicing a move to alternate firing positions, the Air Force says.
Expect convoys on some roads north of the city.
== running 21
Two fighter jets are flying the part of simulated intruders, so controllers can practice handing
the tracks over from one radar to the next.
== running 34
Sirens will sound in several districts for a civil-defense exercise. Nothing is happening:
residents are asked to walk to the nearest shelter if they can.
== running 47
Metro stations that serve as shelters have opened their signposted areas, and volunteers are
guiding people in.
== demo_live
Controllers report a new simulated track approaching from the west. The batteries are following
it on their consoles.
== demo_live
The simulated intercept succeeded, according to the exercise staff. A second wave is expected
shortly.
== demo_live
Shelter staff are counting arrivals, to check how quickly a station fills up.
== demo_live
A battery is practicing a reload with a dummy canister. It took the crew just under a quarter of
an hour.
== demo_live
The exercise command says radars and batteries are exchanging data without delay so far.
== demo_live
Residents are reminded that no real missile is in the air. The sirens are part of the drill.
== demo_live
A fault in a generator at one position is being used as an unplanned test of the backup.
== demo_live
Observers from the alliance's combined command are watching from the operations center.
== demo_live
The second wave of simulated tracks has been handed to the fighter jets for identification.
== demo_live
Traffic police say the convoys caused short delays on two roads north of the city.
"""


@dataclass(frozen=True)
class Post:
    page: str
    minute: int
    body: str
    pinned: bool = False
    picture: bool = False
    edited: str = ""
    correction: str = ""


def _html(text: str) -> str:
    """Plain text as the update editor's HTML: paragraphs, and lists from "- " lines."""
    blocks = []
    for paragraph in text.strip().split("\n\n"):
        lines, items = [], []
        for line in paragraph.splitlines():
            if line.startswith("- "):
                items.append(line[2:])
            elif items and line.startswith("  "):
                items[-1] += " " + line.strip()
            else:
                lines.append(line)
        if lines:
            blocks.append(f"<p>{escape(' '.join(lines))}</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li><p>{escape(i)}</p></li>" for i in items) + "</ul>")
    return "".join(blocks)


def _posts(source: str) -> list[Post]:
    posts = []
    for chunk in source.split("\n== ")[1:]:
        head, _, rest = chunk.partition("\n")
        page, *more = head.split()
        parts = rest.split("\n-- ")
        extra = dict(part.partition("\n")[::2] for part in parts[1:])
        posts.append(
            Post(
                page=page,
                minute=int(more[0]) if more and more[0].isdigit() else 0,
                body=_html(parts[0]),
                pinned="key" in more,
                picture="picture" in more,
                edited=_html(extra["edited"]) if "edited" in extra else "",
                correction=" ".join(extra.get("correction", "").split()),
            )
        )
    return posts


ALL_POSTS = _posts(POSTS)
FINISHED_POSTS = [p for p in ALL_POSTS if p.page == "finished"]
RUNNING_POSTS = [p for p in ALL_POSTS if p.page == "running"]
DEMO_LIVE_TEXTS = [p.body for p in ALL_POSTS if p.page == "demo_live"]


@dataclass(frozen=True)
class Loaded:
    finished: Article
    running: Article


def demo_editor():
    """load_demo's editor; DemoLiveError unless this database holds the demo newsroom (its
    editor and its articles), so no demo page lands on a real site. Two queries."""
    user = get_user_model().objects.filter(username=EDITOR).first()
    slugs = [spec["slug"] for spec in loader.load().articles]
    if user is None or not Article.objects.filter(slug__in=slugs).exists():
        raise DemoLiveError("the demo newsroom is not loaded here (run `newsdesk load_demo`)")
    return user


def demo_live_load() -> Loaded | None:
    """Writes the two demo live pages; None when they exist already, DemoLiveError without
    the demo newsroom (demo_editor). One transaction, a few queries per update."""
    if Article.objects.filter(slug__in=[FINISHED.slug, RUNNING.slug]).exists():
        return None
    editor = demo_editor()
    now = timezone.now()
    with_images = Image.objects.exists()  # the demo newsroom was loaded with its pictures
    with transaction.atomic():
        finished = _page(FINISHED, FINISHED_POSTS, editor=editor, now=now, images=with_images)
        running = _page(RUNNING, RUNNING_POSTS, editor=editor, now=now, images=with_images)
    finished.refresh_from_db()
    running.refresh_from_db()
    return Loaded(finished, running)


def _at(page: Page, now: datetime, minute: float) -> datetime:
    return now - timedelta(hours=page.started_hours_ago) + timedelta(minutes=minute)


def _page(page: Page, posts: list[Post], *, editor, now: datetime, images: bool) -> Article:
    """A published article covered live with ``posts`` at their times, closed if it says so."""
    section = Section.objects.get(slug=page.section)
    writers = list(Contributor.objects.filter(slug__in=page.contributors).order_by("slug"))
    writers = writers or list(Contributor.objects.order_by("id")[:2])
    article = Article(
        headline=page.headline,
        slug=page.slug,
        summary=page.summary,
        body=page.body,
        section=section,
    )
    if images:
        article.lead_image = _picture(page.headline, section=section, editor=editor)
    newsroom_services.article_save(article=article, user=editor, contributors=writers)
    article.tags.set(Tag.objects.filter(slug__in=page.tags))
    start = _at(page, now, 0)
    newsroom_services.article_publish(
        article=article, user=editor, publish_at=start - timedelta(minutes=2)
    )
    article = services.coverage_start(article=article, user=editor)
    for n, post in enumerate(posts):
        picture = None
        if post.picture and images:
            picture = _picture("", section=section, editor=editor)
        update = services.update_post(
            article=article,
            user=editor,
            body=post.body,
            image=picture,
            author=writers[n % len(writers)],
            pinned=post.pinned,
        )
        times = {"published_at": _at(page, now, post.minute)}
        if post.edited:
            services.update_edit(update=update, user=editor, body=post.edited, image=picture)
            times["edited_at"] = _at(page, now, post.minute + 4)
        if post.correction:
            services.update_correct(update=update, user=editor, text=post.correction)
            times["corrected_at"] = _at(page, now, post.minute + 25)
        Update.objects.filter(pk=update.pk).update(**times)
    ended = None
    if page.closing_summary:
        services.coverage_close(article=article, user=editor, summary=page.closing_summary)
        ended = _at(page, now, posts[-1].minute + 2)
    Article.objects.filter(pk=article.pk).update(coverage_started_at=start, coverage_ended_at=ended)
    return article


def _picture(headline: str, *, section: Section, editor) -> Image:
    """A lead picture for ``headline``, or without one the update's photo-like picture."""
    if headline:
        seed = 90 + len(headline)
        data = images.render_lead_image(seed=seed, title=headline, section=section.name)
        alt, caption, title = f"Illustration: {headline}", "", headline[:200]
    else:
        data = images.render_photo(seed=22, width=1600, height=1200)
        alt = "Wooded hills under a dawn sky, a radar mast on the nearest ridge"
        caption, title = "Hills north of Yangju (illustration).", "Hills north of Yangju"
    return image_services.image_create(
        data=data,
        filename="live-demo.jpg",
        alt_text=alt,
        caption=caption,
        credit="Newsdesk graphics desk",
        source="illustration",
        title=title,
        user=editor,
        tags=[section.name, "live coverage"],
    )


def running_page() -> Article:
    """The demo's running live page, else DemoLiveError. One query."""
    article = Article.objects.filter(slug=RUNNING.slug).first()
    if article is None or not article.coverage_running:
        raise DemoLiveError(
            "there is no running demo live page here: load it with `newsdesk load_demo_live` "
            "(after `newsdesk load_demo`)"
        )
    return article


def demo_live_post(*, article: Article, editor, turn: int) -> Update:
    """Posts the prepared text for ``turn`` (round and round) as the demo editor, now.
    Two queries and the service's."""
    writers = list(Contributor.objects.filter(bylines__article=article).order_by("slug"))
    return services.update_post(
        article=article,
        user=editor,
        body=DEMO_LIVE_TEXTS[turn % len(DEMO_LIVE_TEXTS)],
        author=writers[turn % len(writers)] if writers else None,
    )
