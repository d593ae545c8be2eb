"""The web widget: the chat page (static/) and its server (`python -m bot.web.server`); the socket.io channel it
talks to is bot/channels/socketio.py."""
