"""The Microsoft Teams app package (manifest.json and icons): `python -m bot.teams.package.build`."""
