// The OpenAI Node SDK's embeddings.create against /v1: explicit floats, and the SDK's default (it asks for base64 and
// decodes the vectors itself).
import OpenAI from 'openai';
import { API_KEY, OPENAI_BASE_URL, report } from './common.mjs';
import { DIMENSIONS, EMBEDDING_MODEL, TEXTS, vectorSummary } from './embedding-scenarios.mjs';

const client = new OpenAI({ apiKey: API_KEY, baseURL: OPENAI_BASE_URL, maxRetries: 0 });

async function embed(extra) {
  const response = await client.embeddings.create({
    model: EMBEDDING_MODEL, input: TEXTS, dimensions: DIMENSIONS, ...extra,
  });
  return { ...vectorSummary(response.data.map((item) => item.embedding)), model: response.model };
}

await report('openai-node-embeddings', ['openai'], {
  floats: () => embed({ encoding_format: 'float' }),
  base64: () => embed({}),
});
