// LangChain.js's scenarios, for any of its chat models: invoke and stream, a two-turn tool loop run by hand
// (bindTools, the AI message's tool_calls, a ToolMessage per call), plain and streamed (the chunks concatenated),
// withStructuredOutput of a JSON schema, and a question about an image (a message's image_url content part).
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import {
  FORECAST_PROMPT, FORECAST_SCHEMA, IMAGE_QUESTION, PICTURE, SUMMARY_PROMPT, WEATHER_QUESTION, WEATHER_RESULT,
  WEATHER_TOOL, expect, report,
} from './common.mjs';

const weather = tool(async () => WEATHER_RESULT, {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  schema: z.object({ city: z.string().describe(WEATHER_TOOL.parameters.properties.city.description) }),
});

function textOf(message) {
  if (typeof message.content === 'string') {
    return message.content;
  }
  return message.content.filter((part) => part.type === 'text').map((part) => part.text).join('');
}

/** The chunks of a stream, concatenated into one message as LangChain does it. */
async function streamed(model, input) {
  let message;
  let chunks = 0;
  for await (const chunk of await model.stream(input)) {
    message = message === undefined ? chunk : message.concat(chunk);
    chunks += 1;
  }
  expect(message !== undefined, 'the stream had no chunk');
  return { message, chunks };
}

/** Asks, answers every tool call with a ToolMessage, asks again; call is invoke or the concatenated stream. */
async function toolLoop(model, call) {
  const withTools = model.bindTools([weather]);
  const messages = [new HumanMessage(WEATHER_QUESTION)];
  const first = await call(withTools, messages);
  expect(first.tool_calls?.length > 0, 'the first turn called no tool', first);
  messages.push(first);
  for (const toolCall of first.tool_calls) {
    messages.push(new ToolMessage({ tool_call_id: toolCall.id, content: WEATHER_RESULT }));
  }
  const second = await call(withTools, messages);
  return {
    toolCalls: first.tool_calls.map((toolCall) => ({ id: toolCall.id, name: toolCall.name, arguments: toolCall.args })),
    secondTurnToolCalls: second.tool_calls?.length ?? 0,
    finalText: textOf(second),
  };
}

export async function runLangChain(client, packages, model) {
  await report(client, packages, {
    plain: async () => {
      const message = await model.invoke(SUMMARY_PROMPT);
      return { text: textOf(message), usage: message.usage_metadata };
    },
    streamed: async () => {
      const { message, chunks } = await streamed(model, SUMMARY_PROMPT);
      return { text: textOf(message), deltas: chunks, usage: message.usage_metadata };
    },
    toolLoop: () => toolLoop(model, (bound, messages) => bound.invoke(messages)),
    streamedToolLoop: () => toolLoop(model, async (bound, messages) => (await streamed(bound, messages)).message),
    structured: async () => {
      const forecaster = model.withStructuredOutput(FORECAST_SCHEMA, { name: 'forecast' });
      return { parsed: await forecaster.invoke(FORECAST_PROMPT) };
    },
    image: async () => {
      const message = await model.invoke([new HumanMessage({
        content: [{ type: 'text', text: IMAGE_QUESTION }, { type: 'image_url', image_url: { url: PICTURE.dataUrl } }],
      })]);
      return { sent: PICTURE.description, text: textOf(message) };
    },
  });
}
