import { env as dynamicEnv } from '$env/dynamic/private';
import { parseEnv, type ServerEnv } from './env-schema';

export { parseEnv, type ServerEnv } from './env-schema';

let cached: ServerEnv | undefined;

/** The only reader of private environment variables in the app. */
export function serverEnv(): ServerEnv {
	cached ??= parseEnv(dynamicEnv);
	return cached;
}
