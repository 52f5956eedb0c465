// After an action that may create notifications (a question answered, a deadline extended, a
// proposal decided…), the app mails the pending immediate ones at once. A mail job, not the
// user's action: the user's write went through their own token; this reads and marks only
// notifications (claim/complete functions, service role), and never fails the action (whatever
// it could not send, `npm run notifications:send` sends later).
import { createClient } from '@supabase/supabase-js';
import ws from 'ws';
import type { Database } from '$lib/database.types';
import { sendMail } from '$lib/server/auth';
import { log } from '$lib/server/log';
import { serverEnv } from '$lib/server/env';
import { deliverPending, type ServiceDb } from './mail';

let service: ServiceDb | undefined;

function serviceDb(): ServiceDb | null {
	const env = serverEnv();
	if (!env.SUPABASE_SERVICE_ROLE_KEY) return null;
	service ??= createClient<Database>(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as never }
	});
	return service;
}

/** Sends the pending immediate notifications; logs and swallows any failure. */
export async function sendPendingNotifications(origin: string): Promise<void> {
	const db = serviceDb();
	if (!db) return;
	try {
		const result = await deliverPending(db, sendMail(), serverEnv().ORIGIN ?? origin, 'immediate', {
			maxRows: 50
		});
		if (result.failed > 0) log.warn(result, 'notification mail: some not sent');
	} catch (err) {
		log.warn({ err: String(err) }, 'notification mail not sent');
	}
}
