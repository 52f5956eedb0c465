// A member's own profile, read and written under RLS with the member's token (auth.uid() = id).
import type { Database } from '$lib/database.types';
import type { Db } from '$lib/server/db/client';

export type Profile = Database['public']['Tables']['profiles']['Row'];
type ProfileChange = Pick<
	Database['public']['Tables']['profiles']['Update'],
	'display_name' | 'preferred_language'
>;

export async function getProfile(db: Db, id: string): Promise<Profile | null> {
	const { data, error } = await db.from('profiles').select('*').eq('id', id).maybeSingle();
	if (error) throw new Error(`profile not read: ${error.message}`);
	return data;
}

export async function updateProfile(db: Db, id: string, change: ProfileChange): Promise<void> {
	const { error } = await db.from('profiles').update(change).eq('id', id);
	if (error) throw new Error(`profile not saved: ${error.message}`);
}
