import type { Logger } from 'pino';
import type { Db } from '$lib/server/db/client';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: 'unavailable' | 'internal' | 'bad_request';
		}
		interface Locals {
			supabase: Db;
			requestId: string;
			log: Logger;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
