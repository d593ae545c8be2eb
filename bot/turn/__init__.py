"""One user's turn through Rasa, guarded so that the user is never left without an answer (bot/turn/guard.py)."""
