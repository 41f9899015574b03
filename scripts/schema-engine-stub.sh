#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded here (see prisma-generate.mjs).
echo "schema engine is not available on this machine; migrations are applied by server/db/migrate.ts" >&2
exit 1
