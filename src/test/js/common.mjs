// What every client script shares: the gateway's address and key from the environment, the conversation, the tool,
// and how a script reports (one JSON summary on stdout, exit 0) or fails (the error on stderr, exit 1).
import { readFileSync } from 'node:fs';

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
