"""The retention job, `python -m bot.privacy.retention`: delete conversations whose last event is older than the
retention period.

The tracker store is read from an endpoints file with Rasa's own reader (so `${VAR}` is substituted exactly as
`rasa run` does) and opened with SQLAlchemy on the URL Rasa itself would build; Rasa's tracker store class is not
instantiated (it creates tables and retries for ever when the database is down).

A conversation (sender_id) is deleted whole, never in part: only when its newest event is older than the cut-off.
The stale conversations are found with one scan; they are then deleted in batches, one transaction per batch. In
that transaction the batch is checked again under a write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock that
holds back inserts into `events` for the few milliseconds of the batch), so a conversation that received a message
after the scan is kept whole. Nothing of the conversations themselves (no text, no sender ids) is printed.

settings.py: the number of days and the tracker store's URL from the endpoints file; purge.py: finding and
deleting the stale conversations; report.py: the Dutch summary; __main__.py: the command line.
"""


class RetentionError(Exception):
    """A problem with the tracker store: the message is Dutch and printed as is (exit code 1)."""


class UsageError(Exception):
    """A wrong argument or RETENTION_DAYS: the message is Dutch (exit code 2)."""
