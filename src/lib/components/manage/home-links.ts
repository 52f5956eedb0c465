// The role-aware home's entry points to challenge management (city officials).
export { default as ManageChallengeLink } from './ManageChallengeLink.svelte';
export { default as PostChallengeLink } from './PostChallengeLink.svelte';
