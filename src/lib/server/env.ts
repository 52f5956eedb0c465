import { env as dynamicEnv } from '$env/dynamic/private';
import { parseEnv, type ServerEnv } from '$lib/server/env-schema';

export { parseEnv, type ServerEnv } from '$lib/server/env-schema';

let cached: ServerEnv | undefined;

/** The only reader of private environment variables in the app. */
export function serverEnv(): ServerEnv {
	cached ??= parseEnv(dynamicEnv);
	return cached;
}
