// The official Anthropic TypeScript SDK against the gateway's /v1/messages: a plain and a streamed message, and a
// two-turn tool loop, plain and streamed (the SDK's MessageStream accumulates the input_json_delta events).
import Anthropic from '@anthropic-ai/sdk';
import {
  API_KEY, GATEWAY_URL, MAX_TOKENS, MODEL, SUMMARY_PROMPT, WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL, expect,
  report,
} from './common.mjs';

const client = new Anthropic({ apiKey: API_KEY, baseURL: GATEWAY_URL, maxRetries: 0 });
const tools = [{
  name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters,
}];

function textOf(message) {
  return message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');
}

/** Asks, answers every tool use with the weather, asks again; create is the plain or the streamed call. */
async function toolLoop(create) {
  const messages = [{ role: 'user', content: WEATHER_QUESTION }];
  const first = await create({ model: MODEL, max_tokens: MAX_TOKENS, messages, tools });
  expect(first.stop_reason === 'tool_use', 'the first turn did not stop for tool use', first);
  const toolUses = first.content.filter((block) => block.type === 'tool_use');
  messages.push({ role: 'assistant', content: first.content });
  messages.push({
    role: 'user',
    content: toolUses.map((use) => ({ type: 'tool_result', tool_use_id: use.id, content: WEATHER_RESULT })),
  });
  const second = await create({ model: MODEL, max_tokens: MAX_TOKENS, messages, tools });
  return {
    toolCalls: toolUses.map((use) => ({ id: use.id, name: use.name, arguments: use.input })),
    stopReasons: [first.stop_reason, second.stop_reason],
    finalText: textOf(second),
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
});
