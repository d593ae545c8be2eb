"""The advisor's code around Rasa, one folder per concern.

launcher: starting everything on this machine (`python -m bot.launcher serve|shell`); channels: the REST and
socket.io channels and the input cleaning every channel shares; turn: the never-silent turn guard; teams: Microsoft
Teams (channel, activities, auth, connector, cards, app package); web: the chat page and its server; stores: the
tracker and lock stores; privacy: the log filter and the retention job; rasa_patches: every change to Rasa's own
code; nlu: the NLU components of config.yml.
"""
