"""The embedded configuration that ``make run`` serves: no server needed but this one.

DEBUG stays off unless the environment sets it. A SECRET_KEY not given in the
environment is generated once and kept in the data folder.
"""

from newsdesk.settings import env
from newsdesk.settings.base import *  # noqa: F403
from newsdesk.settings.base import DATA_DIR

SECRET_KEY = env.secret_key_from_file(DATA_DIR)
