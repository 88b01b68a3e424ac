// The Vercel AI SDK with its Anthropic provider, on the Messages API: its base URL is the gateway's /v1. The object
// output runs on a model the SDK knows to have native structured output, for which it sends output_config.format; on
// another model (MODEL) it forces a json tool with tool_choice.disable_parallel_tool_use true, which the gateway
// refuses (docs/architecture.md, client conformance).
import { createAnthropic } from '@ai-sdk/anthropic';
import { runAiSdk } from './ai-sdk-scenarios.mjs';
import { API_KEY, CLAUDE_4_MODEL, MODEL, OPENAI_BASE_URL } from './common.mjs';

const provider = createAnthropic({ baseURL: OPENAI_BASE_URL, apiKey: API_KEY });
await runAiSdk('ai-sdk-anthropic', ['ai', '@ai-sdk/anthropic'], provider.messages(MODEL),
  provider.messages(CLAUDE_4_MODEL));
