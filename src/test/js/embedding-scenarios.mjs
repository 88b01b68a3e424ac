// What the embeddings scripts share: the texts, the model, and the summary of a client's vectors that
// ClientSdksTest checks (count, length, norms, which texts are closer, and each vector's first values, which must be
// the same whichever way the client asked for them).
export const EMBEDDING_MODEL = 'titan-embed-text-v2';
export const DIMENSIONS = 256;
export const TEXTS = [
  'Camel routes messages between queues',
  'Camel routes carry messages to queues',
  'A recipe for banana bread with walnuts',
];

function dot(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) {
    sum += a[i] * b[i];
  }
  return sum;
}

/** @param vectors the client's vectors, in the order of TEXTS (arrays or Float32Arrays) */
export function vectorSummary(vectors) {
  return {
    count: vectors.length,
    dimensions: vectors.map((v) => v.length),
    norms: vectors.map((v) => Math.sqrt(dot(v, v))),
    similarTextsCloser: dot(vectors[0], vectors[1]) > dot(vectors[0], vectors[2]) + 0.3,
    heads: vectors.map((v) => Array.from(v.slice(0, 4))),
  };
}
