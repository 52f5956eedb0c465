#!/usr/bin/env bash
# npm run demo: the portal with the illustrative demo data at http://127.0.0.1:3000 (or, when
# something else listens there, at the free port it prints)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_node_modules
compile_messages
stack_up
load_stack_env
say "Resetting the database with the demo seed"
node scripts/stack/cli.mjs reset
if [ -n "${MEILISEARCH_URL:-}" ]; then
	say "Building the Meilisearch index from Postgres"
	npm run -s search:reindex
	npm run -s search:worker >.stack/logs/search-worker.log 2>&1 &
fi
say "Building the production app"
npm run -s build

PORT="${PORT:-$(node scripts/free-port.mjs 3000)}"
cat <<MSG

  The portal:          http://127.0.0.1:${PORT}
  Supabase gateway:    ${SUPABASE_URL}  (anon key in .env)
  Mailpit (mail):      ${MAILPIT_URL}
  Demo data is illustrative: 16 cities, 70+ challenges and opportunities.

  Demo accounts (illustrative; password for each: city-portal-demo):
    official.shanghai@demo.test   official.sepang@demo.test
    vendor.a@demo.test            vendor.b@demo.test            hub@demo.test
  Sign-up, confirmation, magic-link and reset mail arrive in Mailpit (above).

  Stop with Ctrl-C; stop the services with: npm run stack:down
MSG
exec env PORT="$PORT" HOST=127.0.0.1 ORIGIN="http://127.0.0.1:${PORT}" node server.js
