"""Microsoft Teams: the channel (channel.py), reading activities (activity.py), the Bot Framework authentication
(auth.py), the connector client (connector.py), Adaptive Card rendering (cards.py) and the app package (package/:
`python -m bot.teams.package.build`)."""
