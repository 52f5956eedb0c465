# Shared by scripts/test.sh and scripts/demo.sh: install what is missing, start the stack, load its env.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_node_modules() {
	# npm ci when node_modules is missing or older than the lock file.
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		say "Installing npm packages (npm ci)"
		npm ci --no-audit --no-fund || return 1
	fi
}

ensure_chromium() {
	if [ ! -x /usr/bin/chromium ]; then
		say "Installing Debian's Chromium (apt-get install chromium)"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
	fi
}

ensure_pgtap() {
	# pgTAP for the database tests (npm run test:db), from Debian like Chromium.
	if [ ! -f /usr/share/postgresql/15/extension/pgtap.control ] || ! command -v pg_prove >/dev/null; then
		say "Installing pgTAP (apt-get install postgresql-15-pgtap)"
		apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-pgtap \
				libtap-parser-sourcehandler-pgtap-perl >/dev/null || return 1
	fi
}

compile_messages() {
	npx paraglide-js compile --project ./project.inlang --outdir ./src/lib/paraglide >/dev/null || return 1
}

stack_up() {
	say "Starting the local Supabase stack"
	node scripts/stack/cli.mjs up || return 1
}

load_stack_env() {
	local lines
	lines="$(node scripts/stack/cli.mjs env)" || return 1
	set -a
	eval "$lines"
	set +a
}
