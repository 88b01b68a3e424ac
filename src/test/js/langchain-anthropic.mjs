// LangChain.js's ChatAnthropic (Messages API) against the gateway's root.
import { ChatAnthropic } from '@langchain/anthropic';
import { API_KEY, GATEWAY_URL, MODEL } from './common.mjs';
import { runLangChain } from './langchain-scenarios.mjs';

const model = new ChatAnthropic({ model: MODEL, apiKey: API_KEY, anthropicApiUrl: GATEWAY_URL, maxRetries: 0 });
await runLangChain('langchain-anthropic', ['@langchain/core', '@langchain/anthropic'], model);
