"""Structure of the deployment files (deploy/, docker-compose.yml): parsed and cross-checked, no Docker needed."""
