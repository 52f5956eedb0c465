#!/usr/bin/env bash
# npm test: installs what is missing, starts the stack, runs every suite, prints a summary.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

started=$(date +%s)
names=()
results=()
failed=0

run() {
	local name="$1"
	shift
	say "$name"
	local t0
	t0=$(date +%s)
	if "$@"; then
		results+=("PASS  $name ($(($(date +%s) - t0)) s)")
	else
		results+=("FAIL  $name ($(($(date +%s) - t0)) s)")
		failed=$((failed + 1))
	fi
	names+=("$name")
}

summary() {
	echo
	say "Summary ($(($(date +%s) - started)) s)"
	printf '  %s\n' "${results[@]}"
	echo "steps: $((${#names[@]} - failed)) passed, $failed failed"
}

fatal() {
	results+=("FAIL  $1")
	names+=("$1")
	failed=$((failed + 1))
	summary
	exit 1
}

ensure_node_modules || fatal "install npm packages"
ensure_chromium || fatal "install Chromium"
ensure_pgtap || fatal "install pgTAP"
compile_messages || fatal "compile messages"
stack_up || fatal "start the stack"
load_stack_env || fatal "read the stack's environment"
node scripts/stack/cli.mjs reset || fatal "reset the database with the demo seed"

run "generated types match the migrations" node scripts/db-types.mjs --check
run "check (svelte-check, eslint, prettier)" npm run -s check
run "unit tests" npx vitest run --project unit
run "integration tests (through the gateway)" npx vitest run --project integration
# After the integration tests, which leave the demo data as they found it.
run "database tests (pgTAP)" node scripts/db-tests.mjs
# "The same problem in other cities": precision and recall on the demo's twins (targets 0.9 / 0.7).
run "twins (precision and recall)" node scripts/twins.mjs
run "production build" npm run -s build
# The end-to-end app server: port 4173 unless something else listens there (chosen just before).
e2e() {
	E2E_PORT="${E2E_PORT:-$(node scripts/free-port.mjs 4173)}" || return 1
	export E2E_PORT
	npx playwright test
}
run "end-to-end tests (Chromium)" e2e
# The integration and e2e suites change data; advisors look at the schema only.
run "database advisors (fail on warn)" node scripts/advisors.mjs --fail-on warn

summary
[ "$failed" -eq 0 ]
