"""The zelfbeheer knowledge store: content, loading, queries and recommendation. Knows nothing of Rasa."""
