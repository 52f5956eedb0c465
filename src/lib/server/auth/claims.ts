// What a member's token for PostgREST carries: the claims Supabase Auth puts in its own access
// tokens, so RLS policies (auth.uid(), auth.role(), auth.email(), auth.jwt()) read the same here
// and on a hosted project that trusts these tokens through Third-Party Auth.

/** A token lives 15 minutes; signing out cannot recall one already issued (docs/auth.md). */
export const TOKEN_TTL_SECONDS = 15 * 60;
/** PostgREST's `jwt-aud` and the `aud` of every member token. */
export const TOKEN_AUDIENCE = 'authenticated';

export interface TokenSubject {
	user: { id: string; email: string };
	session: { id: string };
}

/** Claims besides iss/aud/exp/iat, which the jwt plugin adds; `sub` is the user id. */
export function tokenClaims({ user, session }: TokenSubject) {
	return {
		sub: user.id,
		role: 'authenticated',
		email: user.email,
		session_id: session.id,
		is_anonymous: false,
		aal: 'aal1'
	};
}
