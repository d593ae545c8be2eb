"""The real servers the slow channel tests share (one Rasa start for the package): the action server and Rasa with
the project's channels (credentials.yml: REST, socket.io) plus the Teams channel pointed at a local fake of
Microsoft, and an SQLite tracker store."""

import pytest
import yaml

from bot.launcher.services import CREDENTIALS
from tests.infra import action_and_rasa_servers
from tests.teams.chat import APP_ID, APP_PASSWORD, TENANT_ID
from tests.teams.fake_microsoft import FakeMicrosoft


@pytest.fixture(scope="package")
def servers(tmp_path_factory):
    """Rasa's URL, its tracker database and log, and the fake of Microsoft; everything stopped afterwards."""
    work = tmp_path_factory.mktemp("channels")
    fake = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT_ID).start()
    credentials = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    credentials["bot.teams.channel.TeamsInput"] = {
        "app_id": APP_ID,
        "app_password": APP_PASSWORD,
        "tenant_id": TENANT_ID,
        "openid_metadata_url": fake.metadata_url,
        "token_url": fake.token_url,
        "connector_backoff": 0.05,
    }
    credentials_file = work / "credentials.yml"
    credentials_file.write_text(yaml.safe_dump(credentials), encoding="utf-8")
    try:
        with action_and_rasa_servers(work, credentials=credentials_file) as servers:
            yield {**servers, "fake": fake}
    finally:
        fake.stop()
