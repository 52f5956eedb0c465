// The forms of questions, follows, saved searches and notifications (issue 13, items 2 and 3).
// The same limits as the database's constraints (questions_body_length, questions_answer_length,
// saved_searches_name_length / _query_length, notification_settings_delivery), so the form
// refuses what the database would. Messages are functions: each parse speaks the request's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

export const QUESTION_MIN = 10;
export const QUESTION_MAX = 2000;
export const ANSWER_MIN = 2;
export const ANSWER_MAX = 5000;
export const SEARCH_NAME_MAX = 100;
export const SEARCH_QUERY_MAX = 2000;
export const DELIVERIES = ['immediate', 'daily', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const askSchema = z.object({
	body: z
		.string()
		.trim()
		.min(QUESTION_MIN, { error: () => m.qa_error_body({ min: QUESTION_MIN, max: QUESTION_MAX }) })
		.max(QUESTION_MAX, { error: () => m.qa_error_body({ min: QUESTION_MIN, max: QUESTION_MAX }) })
});

export const answerSchema = z.object({
	id: z.guid({ error: () => m.qa_error_unknown() }),
	answer: z
		.string()
		.trim()
		.min(ANSWER_MIN, { error: () => m.qa_error_answer({ min: ANSWER_MIN, max: ANSWER_MAX }) })
		.max(ANSWER_MAX, { error: () => m.qa_error_answer({ min: ANSWER_MIN, max: ANSWER_MAX }) })
});

export const saveSearchSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.follow_error_name({ max: SEARCH_NAME_MAX }) })
		.max(SEARCH_NAME_MAX, { error: () => m.follow_error_name({ max: SEARCH_NAME_MAX }) }),
	query: z.string().max(SEARCH_QUERY_MAX).default('')
});

export const deliverySchema = z.object({ delivery: z.enum(DELIVERIES) });

// z.guid: any 8-4-4-4-12 hex id (the seed's ids are md5-based, not RFC 4122 v4).
export const idSchema = z.object({ id: z.guid() });
