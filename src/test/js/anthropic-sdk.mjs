// The official Anthropic TypeScript SDK against the gateway's /v1/messages: a plain and a streamed message, and a
// two-turn tool loop, plain and streamed (the SDK's MessageStream accumulates the input_json_delta events); the same
// loop with extended thinking on (the thinking blocks go back unchanged), and count_tokens with thinking; a
// structured answer (messages.parse with an output_config.format JSON schema) and a question about an image (a base64
// image block).
import Anthropic from '@anthropic-ai/sdk';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import {
  API_KEY, CLAUDE_4_MODEL, FORECAST_PROMPT, FORECAST_SCHEMA, GATEWAY_URL, IMAGE_QUESTION, MAX_TOKENS, MODEL, PICTURE,
  SUMMARY_PROMPT, WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL, expect, report,
} from './common.mjs';

const client = new Anthropic({ apiKey: API_KEY, baseURL: GATEWAY_URL, maxRetries: 0 });
const tools = [{
  name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters,
}];

function textOf(message) {
  return message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');
}

/**
 * Asks, answers every tool use with the weather, asks again; create is the plain or the streamed call, params what
 * both requests carry besides the messages. The first answer goes back whole, as the SDK gave it.
 */
async function twoTurns(create, params) {
  const messages = [{ role: 'user', content: WEATHER_QUESTION }];
  const first = await create({ ...params, messages });
  expect(first.stop_reason === 'tool_use', 'the first turn did not stop for tool use', first);
  const toolUses = first.content.filter((block) => block.type === 'tool_use');
  messages.push({ role: 'assistant', content: first.content });
  messages.push({
    role: 'user',
    content: toolUses.map((use) => ({ type: 'tool_result', tool_use_id: use.id, content: WEATHER_RESULT })),
  });
  const second = await create({ ...params, messages });
  return {
    first,
    second,
    messages,
    summary: {
      toolCalls: toolUses.map((use) => ({ id: use.id, name: use.name, arguments: use.input })),
      stopReasons: [first.stop_reason, second.stop_reason],
      finalText: textOf(second),
    },
  };
}

async function toolLoop(create) {
  return (await twoTurns(create, { model: MODEL, max_tokens: MAX_TOKENS, tools })).summary;
}

/** Extended thinking within the output limit. */
const THINKING = { type: 'enabled', budget_tokens: 1024 };
const THINKING_MAX_TOKENS = 2048;

/** The tool loop with thinking on (the thinking blocks go back untouched), then count_tokens of it. */
async function thinkingToolLoop(create) {
  const { first, second, messages, summary } = await twoTurns(create, {
    model: CLAUDE_4_MODEL, max_tokens: THINKING_MAX_TOKENS, thinking: THINKING, tools,
  });
  const count = (counted) => client.messages.countTokens({
    model: CLAUDE_4_MODEL, thinking: THINKING, tools, messages: counted,
  }).then((result) => result.input_tokens);
  return {
    ...summary,
    blockTypes: [first.content.map((block) => block.type), second.content.map((block) => block.type)],
    thinking: first.content.filter((block) => block.type === 'thinking')
      .map((block) => ({ thinking: block.thinking, signature: block.signature })),
    thinkingTokens: first.usage.output_tokens_details?.thinking_tokens ?? null,
    outputTokens: first.usage.output_tokens,
    countedInputTokens: await count(messages),
    countedInputTokensOfTheQuestion: await count(messages.slice(0, 1)),
  };
}

await report('anthropic-sdk', ['@anthropic-ai/sdk'], {
  plain: async () => {
    const message = await client.messages.create({
      model: MODEL, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: SUMMARY_PROMPT }],
    });
    return { text: textOf(message), stopReason: message.stop_reason, usage: message.usage };
  },
  streamed: async () => {
    const stream = client.messages.stream({
      model: MODEL, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: SUMMARY_PROMPT }],
    });
    let deltas = 0;
    stream.on('text', () => { deltas += 1; });
    const message = await stream.finalMessage();
    return { text: textOf(message), deltas, stopReason: message.stop_reason, usage: message.usage };
  },
  toolLoop: () => toolLoop((params) => client.messages.create(params)),
  streamedToolLoop: () => toolLoop((params) => client.messages.stream(params).finalMessage()),
  thinkingToolLoop: () => thinkingToolLoop((params) => client.messages.create(params)),
  streamedThinkingToolLoop: () => thinkingToolLoop((params) => client.messages.stream(params).finalMessage()),
  structured: async () => {
    const message = await client.messages.parse({
      model: CLAUDE_4_MODEL, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: FORECAST_PROMPT }],
      output_config: { format: jsonSchemaOutputFormat(FORECAST_SCHEMA) },
    });
    return { parsed: message.parsed_output, stopReason: message.stop_reason };
  },
  image: async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: MAX_TOKENS,
      messages: [{
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: PICTURE.mediaType, data: PICTURE.base64 } },
          { type: 'text', text: IMAGE_QUESTION },
        ],
      }],
    });
    return { sent: PICTURE.description, text: textOf(message) };
  },
});
