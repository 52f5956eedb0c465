// Database side of the stack: the Supabase role bootstrap, the migrations runner (same
// history table as the Supabase CLI) and the seed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import pg from 'pg';

/** Runs once per database, as superuser, before anything else. Safe to run again. */
export const BOOTSTRAP_SQL = `
do $$
begin
	if not exists (select from pg_roles where rolname = 'anon') then
		create role anon nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'authenticated') then
		create role authenticated nologin noinherit;
	end if;
	if not exists (select from pg_roles where rolname = 'service_role') then
		create role service_role nologin noinherit bypassrls;
	end if;
	if not exists (select from pg_roles where rolname = 'authenticator') then
		create role authenticator login noinherit;
	end if;
	-- GoTrue's own role, from before identity moved into the app (Better Auth): not needed any more.
	if exists (select from pg_roles where rolname = 'supabase_auth_admin') then
		reassign owned by supabase_auth_admin to postgres;
		drop owned by supabase_auth_admin;
		drop role supabase_auth_admin;
	end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;
-- The same per-role time limits a hosted Supabase project sets: a visitor's request cannot hold the
-- database for long, whatever it sends.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

create schema if not exists extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists unaccent with schema extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant usage on schema public to postgres, anon, authenticated, service_role;
alter role postgres set search_path = "$user", public, extensions;

-- Schema auth holds only the functions RLS policies call, defined exactly as Supabase Auth defines
-- them (its migrations 20220224000811 and 20220531120530), reading the JSON request.jwt.claims
-- PostgREST 12 sets from the member's token. A hosted project already has them; the identity
-- tables themselves live in schema identity (migration 20261203001000_identity.sql).
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role, postgres;

create or replace function auth.uid()
returns uuid
language sql stable
as $$
  select
  	coalesce(
		nullif(current_setting('request.jwt.claim.sub', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
	)::uuid
$$;

create or replace function auth.role()
returns text
language sql stable
as $$
  select
  	coalesce(
		nullif(current_setting('request.jwt.claim.role', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
	)::text
$$;

create or replace function auth.email()
returns text
language sql stable
as $$
  select
  	coalesce(
		nullif(current_setting('request.jwt.claim.email', true), ''),
		(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
	)::text
$$;

create or replace function auth.jwt()
returns jsonb
language sql stable
as $$
  select
    coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
	to anon, authenticated, service_role;

alter database postgres set pgrst.db_schemas = 'public';
`;

/** The Supabase CLI's migration history (pkg/migration/history.go); it adds its own columns. */
const HISTORY_SQL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);
`;

const MIGRATION_FILE = /^(\d+)_(.+)\.sql$/;
const LOCK_KEY = 54322_0001;

/** @param {string} url */
export async function connect(url, database) {
	const target = new URL(url);
	if (database) target.pathname = `/${database}`;
	const client = new pg.Client({
		connectionString: target.toString(),
		application_name: 'stack-cli'
	});
	await client.connect();
	client.on('notice', () => {});
	return client;
}

export async function bootstrap(client) {
	await client.query(BOOTSTRAP_SQL);
	await client.query(HISTORY_SQL);
}

/**
 * Splits a SQL script into statements for the history table (the Supabase CLI stores
 * them one per element). Understands quotes, dollar quotes and comments; the script
 * itself is executed as a whole, so this only has to be good enough to be readable.
 * @param {string} sql
 */
export function splitStatements(sql) {
	const out = [];
	let start = 0;
	let i = 0;
	let depth = 0;
	while (i < sql.length) {
		const ch = sql[i];
		const next = sql[i + 1];
		if (ch === '-' && next === '-') {
			const end = sql.indexOf('\n', i);
			i = end === -1 ? sql.length : end + 1;
		} else if (ch === '/' && next === '*') {
			const end = sql.indexOf('*/', i + 2);
			i = end === -1 ? sql.length : end + 2;
		} else if (ch === "'" || ch === '"') {
			let j = i + 1;
			while (j < sql.length) {
				if (sql[j] === ch && sql[j + 1] === ch) j += 2;
				else if (sql[j] === ch) break;
				else j += 1;
			}
			i = j + 1;
		} else if (ch === '$') {
			const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
			if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
				const end = sql.indexOf(tag[0], i + tag[0].length);
				i = end === -1 ? sql.length : end + tag[0].length;
			} else i += 1;
		} else if (ch === '(') {
			depth += 1;
			i += 1;
		} else if (ch === ')') {
			depth = Math.max(0, depth - 1);
			i += 1;
		} else if (ch === ';' && depth === 0) {
			const statement = sql.slice(start, i).trim();
			if (statement && !isOnlyComments(statement)) out.push(statement);
			start = i + 1;
			i += 1;
		} else i += 1;
	}
	const rest = sql.slice(start).trim();
	if (rest && !isOnlyComments(rest)) out.push(rest);
	return out;
}

function isOnlyComments(text) {
	return (
		text
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/--.*$/gm, '')
			.trim() === ''
	);
}

/** @param {string} dir */
export function listMigrations(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((file) => {
			const m = MIGRATION_FILE.exec(file);
			if (!m) {
				throw new Error(
					`migration file ${file} must be named <version>_<name>.sql (e.g. 20261203000000_baseline.sql)`
				);
			}
			return { file, path: join(dir, file), version: m[1], name: m[2] };
		});
}

/** Turns a Postgres error into "file:line: message" with the line of the failing position. */
function describeSqlError(err, file, sql) {
	let where = file;
	if (err.position) {
		const line = sql.slice(0, Number(err.position)).split('\n').length;
		where = `${file}:${line}`;
	} else if (err.where) where = `${file} (${err.where.split('\n')[0]})`;
	const hint = err.hint ? ` (hint: ${err.hint})` : '';
	const detail = err.detail ? ` — ${err.detail}` : '';
	return `${where}: ${err.message}${detail}${hint}`;
}

/**
 * Applies every migration file not yet recorded, in name order, each in one transaction.
 * @returns {Promise<{ applied: string[], warnings: string[] }>}
 */
export async function migrate(client, dir, log = () => {}) {
	const migrations = listMigrations(dir);
	const applied = [];
	const warnings = [];
	await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
	try {
		await client.query(HISTORY_SQL);
		const { rows } = await client.query(
			'select version, statements from supabase_migrations.schema_migrations'
		);
		const done = new Map(rows.map((r) => [r.version, r.statements ?? []]));
		// Versions the database has but the folder no longer does: the migrations were squashed
		// into a baseline (issue 15). Applying the baseline on top would fail half-way.
		const gone = [...done.keys()].filter((v) => !migrations.some((m) => m.version === v));
		if (gone.length) {
			throw new Error(
				`the database has ${gone.length} migration(s) that supabase/migrations no longer holds (${gone.sort()[0]}…), squashed into a baseline: run \`npm run stack:reset\` to rebuild it`
			);
		}
		const latest = rows
			.map((r) => r.version)
			.sort()
			.at(-1);
		for (const m of migrations) {
			const sql = readFileSync(m.path, 'utf8');
			const statements = splitStatements(sql);
			if (done.has(m.version)) {
				const before = done.get(m.version);
				if (before.join('\n;\n') !== statements.join('\n;\n')) {
					warnings.push(
						`${m.file} changed after it was applied; run \`npm run stack:reset\` to re-apply it`
					);
				}
				continue;
			}
			if (latest && m.version < latest) {
				warnings.push(`${m.file} is older than the last applied migration (${latest})`);
			}
			log(`applying ${m.file}`);
			try {
				await client.query('begin');
				await client.query(sql);
				await client.query(
					'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
					[m.version, m.name, statements]
				);
				await client.query('commit');
			} catch (err) {
				await client.query('rollback').catch(() => {});
				throw new Error(`migration failed: ${describeSqlError(err, m.file, sql)}`, { cause: err });
			}
			applied.push(m.file);
		}
	} finally {
		await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
	}
	return { applied, warnings };
}

/** Runs supabase/seed.sql in one transaction and records it like the Supabase CLI does. */
export async function seed(client, file, root) {
	if (!existsSync(file)) return false;
	const sql = readFileSync(file, 'utf8');
	const hash = createHash('sha256').update(sql).digest('hex');
	const path = relative(join(root, 'supabase'), file) || basename(file);
	try {
		await client.query('begin');
		await client.query(sql);
		await client.query(
			`insert into supabase_migrations.seed_files (path, hash) values ($1, $2)
			 on conflict (path) do update set hash = excluded.hash`,
			[path, hash]
		);
		await client.query('commit');
	} catch (err) {
		await client.query('rollback').catch(() => {});
		throw new Error(`seed failed: ${describeSqlError(err, basename(file), sql)}`, { cause: err });
	}
	return true;
}

/** Drops and recreates the database `postgres` (connected through template1). */
export async function recreateDatabase(url) {
	const admin = await connect(url, 'template1');
	try {
		await admin.query('drop database if exists postgres with (force)');
		await admin.query('create database postgres');
	} finally {
		await admin.end();
	}
}

/** PostgREST re-reads its configuration (the JWKS file among it) and the schema. */
export async function reloadPostgrest(client) {
	await client.query(`notify pgrst, 'reload config'`);
	await client.query(`notify pgrst, 'reload schema'`);
}
