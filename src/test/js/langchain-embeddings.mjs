// LangChain.js's OpenAIEmbeddings against /v1, unchanged: embedDocuments for a batch, embedQuery for one text.
import { OpenAIEmbeddings } from '@langchain/openai';
import { API_KEY, OPENAI_BASE_URL, report } from './common.mjs';
import { DIMENSIONS, EMBEDDING_MODEL, TEXTS, vectorSummary } from './embedding-scenarios.mjs';

const embeddings = new OpenAIEmbeddings({
  model: EMBEDDING_MODEL, dimensions: DIMENSIONS, apiKey: API_KEY, configuration: { baseURL: OPENAI_BASE_URL },
  maxRetries: 0,
});

await report('langchain-embeddings', ['@langchain/core', '@langchain/openai'], {
  documents: async () => vectorSummary(await embeddings.embedDocuments(TEXTS)),
  query: async () => vectorSummary([await embeddings.embedQuery(TEXTS[0]), await embeddings.embedQuery(TEXTS[1]),
    await embeddings.embedQuery(TEXTS[2])]),
});
