"""Rasa's stores as production needs them, named by class path in endpoints.yml: the SQL tracker store
(tracker.py) and the Redis lock store (lock.py)."""
