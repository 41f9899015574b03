#!/usr/bin/env bash
# Debian 12 ships no pgvector for PostgreSQL 15: build it from Debian trixie's source package
# against the running server when CREATE EXTENSION vector fails.
set -euo pipefail
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres)
available() { [ "$("${PSQL[@]}" -At -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")" = 1 ]; }
if available; then
  echo "pgvector: available"; exit 0
fi
echo "pgvector: missing, building it from source"
version=$("${PSQL[@]}" -At -c 'SHOW server_version_num' | cut -c1-2)
export DEBIAN_FRONTEND=noninteractive
# Only a trixie source entry will do: another suite's deb-src would fetch an older pgvector or none.
if [ ! -e /etc/apt/sources.list.d/trixie-src.sources ] && ! grep -rqsE '^deb-src .*trixie' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/trixie-src.sources <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq
apt-get install -y -qq "postgresql-server-dev-${version}" build-essential dpkg-dev >/dev/null
work=$(mktemp -d)
( cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ \
  && make -s PG_CONFIG="/usr/lib/postgresql/${version}/bin/pg_config" >/dev/null \
  && make -s install PG_CONFIG="/usr/lib/postgresql/${version}/bin/pg_config" >/dev/null )
rm -rf "$work"
available || { echo "pgvector: the build finished but PostgreSQL ${version} still does not offer the extension" >&2; exit 1; }
echo "pgvector: installed"
