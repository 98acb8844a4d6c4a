"""The job worker for real (`newsdesk run_huey`, as `make run` starts it), on the suite's
database setup (SQLite file queue, or PostgreSQL with the Redis queue), sending to a real SMTP
server: a worker SIGKILLed mid-send and started again delivers every message exactly once."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest

from tests.live import LiveServer
from tests.smtp import SMTPServer

pytestmark = pytest.mark.live
READERS = 40

SEED = f"""
import django; django.setup()
from newsdesk.newsletters.models import Subscriber, Subscription
for n in range({READERS}):
    s = Subscriber.objects.create(address=f"reader{{n}}@example.org",
                                  address_key=f"reader{{n}}@example.org")
    Subscription.objects.create(subscriber=s, list_key="briefing")
print("ok")
"""

STATES = """
import django, json; django.setup()
from django.db.models import Count
from newsdesk.newsletters.models import Delivery, Letter
letter = Letter.objects.get()
rows = Delivery.objects.values_list("state").annotate(n=Count("pk"))
states = dict(rows.values_list("state", "n"))
print(json.dumps({"status": letter.status, "states": states}))
"""


def test_a_worker_killed_mid_send_delivers_every_message_once(tmp_path):
    smtp = SMTPServer().start()
    live = LiveServer(
        tmp_path,
        extra_env={
            **smtp.env(),
            "NEWSDESK_NEWSLETTER_RATE": "20",  # 40 messages take two seconds
            "NEWSDESK_SEND_STALLED_SECONDS": "2",
        },
    ).setup()
    try:
        live.python(SEED)
        live.start_worker()
        live.manage("send_briefing", "--now")
        smtp.wait_for(lambda m: len(m) >= 5)
        smtp.hold()  # the server keeps the next message but does not answer yet
        assert smtp.handler.held.wait(30)
        live.kill_worker()  # kill -9 while a message is in the server's hands, unanswered
        smtp.release()
        stopped = len(smtp.messages)
        assert stopped < READERS  # the held message is among them
        state = json.loads(live.python(STATES))
        assert state["status"] == "sending" and state["states"].get("pending", 0) > 0

        # The dead worker's letter is picked up by a worker that starts once its sender has
        # been silent NEWSDESK_SEND_STALLED_SECONDS (2 here); sooner, by the minute's tick.
        time.sleep(3)
        live.start_worker()
        smtp.wait_for(lambda m: len(m) >= READERS, timeout=60)
        per_reader = Counter(r for m in smtp.messages for r in m.recipients)
        assert per_reader == Counter({f"reader{n}@example.org": 1 for n in range(READERS)})

        def finished():
            state = json.loads(live.python(STATES))
            return state if state["status"] == "sent" else None

        deadline = time.monotonic() + 30
        while not (done := finished()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert done, "the letter never finished"
        # The message the server held when the worker died: handed over, its answer never
        # heard, so "in doubt" and not sent again (it did arrive, once: counted above).
        assert done["states"] == {"sent": READERS - 1, "in_doubt": 1}
    finally:
        live.close()
        smtp.stop()
