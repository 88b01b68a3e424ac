// The Vercel AI SDK's scenarios, for any of its providers: generateText and streamText, a tool with an execute
// function that the SDK runs itself between the two steps of a multi-step call (stopWhen: stepCountIs(2)),
// generateText with an object output of a JSON schema, and generateText asked about an image (a file part of raw
// bytes). structuredModel is the model for the object output (by default the same).
import { Output, generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import {
  FORECAST_PROMPT, FORECAST_SCHEMA, IMAGE_QUESTION, MAX_TOKENS, PICTURE, SUMMARY_PROMPT, WEATHER_QUESTION,
  WEATHER_RESULT, WEATHER_TOOL, expect, report,
} from './common.mjs';

/** Every call: no retry (a failure shows at once), an explicit token limit (the SDK does not know the alias). */
const settings = { maxRetries: 0, maxOutputTokens: MAX_TOKENS };
const executed = [];
const tools = {
  [WEATHER_TOOL.name]: tool({
    description: WEATHER_TOOL.description,
    inputSchema: z.object({ city: z.string().describe(WEATHER_TOOL.parameters.properties.city.description) }),
    execute: async (input) => {
      executed.push(input);
      return WEATHER_RESULT;
    },
  }),
};

function toolLoopSummary(steps, text) {
  expect(steps.length === 2, 'the SDK did not run two steps', steps.map((step) => step.finishReason));
  const toolCalls = steps[0].toolCalls.map((call) => ({
    id: call.toolCallId, name: call.toolName, arguments: call.input,
  }));
  expect(toolCalls.length > 0, 'the first step called no tool', steps[0].content);
  return {
    toolCalls,
    toolResults: steps[0].toolResults.map((result) => result.output),
    finishReasons: steps.map((step) => step.finishReason),
    finalText: text,
  };
}

/** streamText reports errors to onError and ends the stream; this makes them fail the scenario. */
async function streamed(options, consume) {
  let failure;
  const result = streamText({ ...options, onError: ({ error }) => { failure ??= error; } });
  let consumed;
  try {
    consumed = await consume(result);
  } catch (error) {
    throw failure ?? error;
  }
  if (failure) {
    throw failure;
  }
  return consumed;
}

export async function runAiSdk(client, packages, model, structuredModel = model) {
  await report(client, packages, {
    plain: async () => {
      const result = await generateText({ model, prompt: SUMMARY_PROMPT, ...settings });
      return { text: result.text, finishReason: result.finishReason, usage: result.usage, warnings: result.warnings };
    },
    streamed: () => streamed({ model, prompt: SUMMARY_PROMPT, ...settings }, async (result) => {
      let text = '';
      let deltas = 0;
      for await (const delta of result.textStream) {
        text += delta;
        deltas += 1;
      }
      return { text, deltas, finishReason: await result.finishReason, usage: await result.usage };
    }),
    toolLoop: async () => {
      executed.length = 0;
      const result = await generateText({
        model, prompt: WEATHER_QUESTION, tools, stopWhen: stepCountIs(2), ...settings,
      });
      return { ...toolLoopSummary(result.steps, result.text), executed: [...executed] };
    },
    streamedToolLoop: () => {
      executed.length = 0;
      return streamed({ model, prompt: WEATHER_QUESTION, tools, stopWhen: stepCountIs(2), ...settings },
        async (result) => {
          const text = await result.text;
          return { ...toolLoopSummary(await result.steps, text), executed: [...executed] };
        });
    },
    structured: async () => {
      const result = await generateText({
        model: structuredModel,
        output: Output.object({ schema: jsonSchema(FORECAST_SCHEMA), name: 'forecast' }),
        prompt: FORECAST_PROMPT,
        ...settings,
      });
      return { parsed: result.output, finishReason: result.finishReason, warnings: result.warnings };
    },
    image: async () => {
      const result = await generateText({
        model,
        messages: [{
          role: 'user',
          content: [
            { type: 'text', text: IMAGE_QUESTION },
            { type: 'file', data: PICTURE.bytes, mediaType: PICTURE.mediaType },
          ],
        }],
        ...settings,
      });
      return { sent: PICTURE.description, text: result.text };
    },
  });
}
