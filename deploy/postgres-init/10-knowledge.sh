#!/bin/bash
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d of the postgres image).
# The tracker store lives in POSTGRES_DB (DB_NAME, owned by POSTGRES_USER = DB_USER). The knowledge store gets a
# database of its own, `knowledge`, owned by an unprivileged role `knowledge` (password KNOWLEDGE_DB_PASSWORD),
# and neither database lets other roles connect.
set -euo pipefail
: "${KNOWLEDGE_DB_PASSWORD:?KNOWLEDGE_DB_PASSWORD is not set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v knowledge_password="$KNOWLEDGE_DB_PASSWORD" -v tracker_db="$POSTGRES_DB" <<'SQL'
CREATE ROLE knowledge LOGIN PASSWORD :'knowledge_password';
CREATE DATABASE knowledge OWNER knowledge;
REVOKE ALL ON DATABASE knowledge FROM PUBLIC;
REVOKE ALL ON DATABASE :"tracker_db" FROM PUBLIC;
SQL
