// The Vercel AI SDK with its OpenAI provider, on the Chat Completions API (provider.chat), against /v1.
import { createOpenAI } from '@ai-sdk/openai';
import { runAiSdk } from './ai-sdk-scenarios.mjs';
import { API_KEY, MODEL, OPENAI_BASE_URL } from './common.mjs';

const provider = createOpenAI({ baseURL: OPENAI_BASE_URL, apiKey: API_KEY });
await runAiSdk('ai-sdk-openai', ['ai', '@ai-sdk/openai'], provider.chat(MODEL));
