// The in-app notifications, newest first, with mark read / mark all read, and how the member is
// mailed (immediate, daily digest, off) (issue 13, item 3).
import { fail } from '@sveltejs/kit';
import { deliverySchema, idSchema } from '$lib/domain/notifications/forms';
import { m } from '$lib/paraglide/messages.js';
import { requireUser } from '$lib/server/auth/guard';
import { markRead, myDelivery, myNotifications, setDelivery } from '$lib/server/db/qa';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = requireUser(event);
	const db = event.locals.supabase;
	const [notifications, delivery] = await Promise.all([
		myNotifications(db, user.id),
		myDelivery(db, user.id)
	]);
	return { notifications, delivery };
};

export const actions: Actions = {
	read: async (event) => {
		requireUser(event);
		const parsed = idSchema.safeParse({
			id: String((await event.request.formData()).get('id') ?? '')
		});
		if (!parsed.success) return fail(400, { deliveryError: m.qa_error_failed() });
		await markRead(event.locals.supabase, [parsed.data.id]);
		return { notice: m.notify_marked() };
	},
	readAll: async (event) => {
		requireUser(event);
		await markRead(event.locals.supabase, null);
		return { notice: m.notify_marked() };
	},
	delivery: async (event) => {
		requireUser(event);
		const parsed = deliverySchema.safeParse({
			delivery: String((await event.request.formData()).get('delivery') ?? '')
		});
		if (!parsed.success) return fail(400, { deliveryError: m.qa_error_failed() });
		await setDelivery(event.locals.supabase, parsed.data.delivery);
		return { deliveryNotice: m.notify_delivery_saved() };
	}
};
