"""The REST and socket.io channels (configured by class path in credentials.yml) and the input cleaning every
channel shares (cleaning.py); the Teams channel is bot/teams, the turn guard bot/turn."""
