"""Privacy: no message text in the logs (log_filter.py, installed by logging.yml) and the retention job that deletes
old conversations (retention/: `python -m bot.privacy.retention`)."""
