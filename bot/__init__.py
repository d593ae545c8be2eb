"""Run-time wiring: starting the action server and Rasa, channels and the web page."""
