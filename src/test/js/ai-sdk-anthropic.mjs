// The Vercel AI SDK with its Anthropic provider, on the Messages API: its base URL is the gateway's /v1. On MODEL,
// which the SDK does not know to have native structured output, the object output is a forced json tool with
// tool_choice.disable_parallel_tool_use true (docs/architecture.md, client conformance).
import { createAnthropic } from '@ai-sdk/anthropic';
import { runAiSdk } from './ai-sdk-scenarios.mjs';
import { API_KEY, MODEL, OPENAI_BASE_URL } from './common.mjs';

const provider = createAnthropic({ baseURL: OPENAI_BASE_URL, apiKey: API_KEY });
await runAiSdk('ai-sdk-anthropic', ['ai', '@ai-sdk/anthropic'], provider.messages(MODEL));
