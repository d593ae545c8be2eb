"""The deployment files (deploy/, docker-compose.yml) parsed and cross-checked, and the Helm chart rendered by a real
helm and validated against Kubernetes' schemas; no Docker or cluster needed."""
