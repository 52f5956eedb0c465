import type { Logger } from 'pino';
import type { Session, SessionUser } from '$lib/server/auth';
import type { Db } from '$lib/server/db/client';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: 'unavailable' | 'internal' | 'bad_request';
		}
		interface Locals {
			supabase: Db;
			/** The signed-in member (Better Auth), or null for a visitor. */
			user: SessionUser | null;
			session: Session | null;
			requestId: string;
			log: Logger;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
