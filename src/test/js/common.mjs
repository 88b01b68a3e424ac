// What every client script shares: the gateway's address and key from the environment, the conversation, the tool,
// and how a script reports (one JSON summary on stdout, exit 0) or fails (the error on stderr, exit 1).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (the gateway's address, e.g. http://127.0.0.1:8080, and its API key)`);
  }
  return value;
}

export const GATEWAY_URL = required('GATEWAY_URL').replace(/\/+$/, '');
export const API_KEY = required('API_KEY');
/** OpenAI-style clients take the /v1 base; the Anthropic SDK takes the gateway's root. */
export const OPENAI_BASE_URL = `${GATEWAY_URL}/v1`;
export const MODEL = 'claude-3-5-sonnet';
/** A model with reasoning and with Bedrock's own structured output (GET /v1/models: structuredOutput). */
export const CLAUDE_4_MODEL = 'claude-sonnet-4-6';
/** The answer's token limit, for the clients that need one (the Anthropic API requires max_tokens). */
export const MAX_TOKENS = 512;

export const SUMMARY_PROMPT = 'Summarize: the bridge opened in May; traffic fell by a third.';
export const WEATHER_QUESTION = 'What is the weather in the city of Lima?';
export const WEATHER_RESULT = '18 degrees and sunny';
export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: 'The city, e.g. Paris' } },
    required: ['city'],
  },
};

export const FORECAST_PROMPT = 'The forecast for the city of Lima, please.';
/** The structured answer's JSON schema, strict as OpenAI's structured outputs require it. */
export const FORECAST_SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    celsius: { type: 'integer' },
    sunny: { type: 'boolean' },
  },
  required: ['city', 'celsius', 'sunny'],
  additionalProperties: false,
};

export const IMAGE_QUESTION = 'What is in this picture?';
/** A picture to send: a valid PNG, wider than high so that its dimensions cannot be read the wrong way round. */
export const PICTURE = png(16, 8);

/**
 * A PNG of width x height opaque RGB pixels (a gradient), built byte by byte: the signature, then the IHDR, IDAT
 * (the rows, each with filter byte 0, deflated) and IEND chunks. Returns the bytes, their base64 and data URL, and
 * the first 8 hex digits of their SHA-256, which the emulated model quotes to show the bytes arrived unaltered.
 */
function png(width, height) {
  const chunk = (type, data) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(typed.length + 8);
    framed.writeUInt32BE(data.length, 0);
    typed.copy(framed, 4);
    framed.writeUInt32BE(crc32(typed), typed.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a sample, RGB, deflate, adaptive filtering, no interlace
  const rows = Buffer.alloc(height * (1 + 3 * width));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      rows.set([x * 16, y * 32, 128], y * (1 + 3 * width) + 1 + 3 * x);
    }
  }
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
  const base64 = bytes.toString('base64');
  return {
    bytes: new Uint8Array(bytes),
    base64,
    dataUrl: `data:image/png;base64,${base64}`,
    mediaType: 'image/png',
    description: {
      width, height, sha256Prefix: createHash('sha256').update(bytes).digest('hex').slice(0, 8),
    },
  };
}

/** The installed version of a package, from its package.json (some packages do not export that file). */
export function versionOf(name) {
  return JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
}

/** Fails the script with a message when the client's answer is not of the shape a loop can go on with. */
export function expect(condition, message, detail) {
  if (!condition) {
    throw new Error(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
  }
}

/** Parses a tool call's arguments as the client handed them over (a JSON string or an object already). */
export function parsedArguments(args) {
  return typeof args === 'string' ? JSON.parse(args) : args;
}

/**
 * Runs the scenarios one after the other and prints {client, versions, <scenario>: result, ...} as one line of
 * JSON; on the first failure prints the error (with an HTTP error's status and body when the client has them) and
 * exits 1.
 */
export async function report(client, packages, scenarios) {
  const summary = { client, versions: Object.fromEntries(packages.map((name) => [name, versionOf(name)])) };
  let current = '';
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      current = name;
      summary[name] = await scenario();
    }
  } catch (error) {
    console.error(`${client}: scenario '${current}' failed: ${error?.stack ?? error}`);
    for (const key of ['status', 'statusCode', 'error', 'responseBody', 'requestBodyValues', 'cause']) {
      if (error?.[key] !== undefined) {
        console.error(`  ${key}: ${describe(error[key])}`);
      }
    }
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function describe(value) {
  if (value instanceof Error) {
    return value.stack ?? String(value);
  }
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
