// The official OpenAI Node SDK against the gateway's /v1/chat/completions: a plain and a streamed chat, a two-turn
// tool loop, plain and streamed (the SDK's stream helper accumulates the tool-call deltas), a structured answer
// (chat.completions.parse with a json_schema response format) and a question about an image (a data URL).
import OpenAI from 'openai';
import {
  API_KEY, FORECAST_PROMPT, FORECAST_SCHEMA, IMAGE_QUESTION, MODEL, OPENAI_BASE_URL, PICTURE, SUMMARY_PROMPT,
  WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL, expect, parsedArguments, report,
} from './common.mjs';

const client = new OpenAI({ apiKey: API_KEY, baseURL: OPENAI_BASE_URL, maxRetries: 0 });
const tools = [{ type: 'function', function: WEATHER_TOOL }];

function toolCallsOf(completion) {
  const choice = completion.choices[0];
  expect(choice.finish_reason === 'tool_calls', 'the first turn did not end in tool calls', choice);
  return choice.message.tool_calls.map((call) => ({
    id: call.id, name: call.function.name, arguments: parsedArguments(call.function.arguments),
  }));
}

/** Asks, answers every tool call with the weather, asks again; create is the plain or the streamed call. */
async function toolLoop(create) {
  const messages = [{ role: 'user', content: WEATHER_QUESTION }];
  const first = await create({ model: MODEL, messages, tools });
  const toolCalls = toolCallsOf(first);
  messages.push(first.choices[0].message);
  for (const call of toolCalls) {
    messages.push({ role: 'tool', tool_call_id: call.id, content: WEATHER_RESULT });
  }
  const second = await create({ model: MODEL, messages, tools });
  return {
    toolCalls,
    finishReasons: [first.choices[0].finish_reason, second.choices[0].finish_reason],
    finalText: second.choices[0].message.content,
  };
}

async function streamed(params) {
  const stream = client.chat.completions.stream(params);
  return stream.finalChatCompletion();
}

await report('openai-node', ['openai'], {
  plain: async () => {
    const completion = await client.chat.completions.create({
      model: MODEL, messages: [{ role: 'user', content: SUMMARY_PROMPT }],
    });
    return { text: completion.choices[0].message.content, finishReason: completion.choices[0].finish_reason };
  },
  streamed: async () => {
    const stream = await client.chat.completions.create({
      model: MODEL, messages: [{ role: 'user', content: SUMMARY_PROMPT }], stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let deltas = 0;
    let usage = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        text += delta;
        deltas += 1;
      }
      usage = chunk.usage ?? usage;
    }
    return { text, deltas, usage };
  },
  toolLoop: () => toolLoop((params) => client.chat.completions.create(params)),
  streamedToolLoop: () => toolLoop(streamed),
  structured: async () => {
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: [{ role: 'user', content: FORECAST_PROMPT }],
      response_format: {
        type: 'json_schema', json_schema: { name: 'forecast', schema: FORECAST_SCHEMA, strict: true },
      },
    });
    const choice = completion.choices[0];
    return { parsed: choice.message.parsed, finishReason: choice.finish_reason };
  },
  image: async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{
        role: 'user',
        content: [{ type: 'text', text: IMAGE_QUESTION }, { type: 'image_url', image_url: { url: PICTURE.dataUrl } }],
      }],
    });
    return { sent: PICTURE.description, text: completion.choices[0].message.content };
  },
});
