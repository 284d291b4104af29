#!/bin/bash
# The optional `replica` service of docker-compose.yml: a hot standby of `postgres`, streaming its WAL.
# The first start copies the primary (pg_basebackup -R writes standby.signal and primary_conninfo); later starts
# resume streaming from where the copy stopped. Runs as root in the postgres image, the server as `postgres`.
set -euo pipefail
: "${PGDATA:?}" "${PRIMARY_HOST:?}" "${PGUSER:?}" "${PGPASSWORD:?}"
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U "$PGUSER" -q; do sleep 1; done
  # The password reaches libpq through the environment, as it is (no URL to break).
  gosu postgres env PGPASSWORD="$PGPASSWORD" \
    pg_basebackup -h "$PRIMARY_HOST" -U "$PGUSER" -D "$PGDATA" -R -X stream -c fast --progress
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
