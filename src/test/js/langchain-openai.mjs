// LangChain.js's ChatOpenAI (Chat Completions) against /v1.
import { ChatOpenAI } from '@langchain/openai';
import { API_KEY, MODEL, OPENAI_BASE_URL } from './common.mjs';
import { runLangChain } from './langchain-scenarios.mjs';

const model = new ChatOpenAI({
  model: MODEL, apiKey: API_KEY, configuration: { baseURL: OPENAI_BASE_URL }, maxRetries: 0,
});
await runLangChain('langchain-openai', ['@langchain/core', '@langchain/openai'], model);
